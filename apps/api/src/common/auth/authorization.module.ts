import { Module } from '@nestjs/common';
import { AccessRefusals } from './access-refusals.js';

/** What the guard on root operations and the field authorisation share: refusing, with an audit event. */
@Module({ providers: [AccessRefusals], exports: [AccessRefusals] })
export class AuthorizationModule {}

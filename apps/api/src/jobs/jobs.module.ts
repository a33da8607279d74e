import { Global, Module } from '@nestjs/common';
import { ChangeHooks } from './change-hooks.js';
import { Clock } from './clock.js';
import { JobQueue } from './job-queue.service.js';

/** Global: any domain may define background jobs and read the clock. */
@Global()
@Module({ providers: [JobQueue, Clock, ChangeHooks], exports: [JobQueue, Clock, ChangeHooks] })
export class JobsModule {}

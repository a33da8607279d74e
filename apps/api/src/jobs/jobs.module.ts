import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { JobQueue } from './job-queue.service.js';

/** Global: any domain may define background jobs and read the clock. */
@Global()
@Module({ providers: [JobQueue, Clock], exports: [JobQueue, Clock] })
export class JobsModule {}

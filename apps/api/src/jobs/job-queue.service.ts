import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DATABASE_RUNTIME, type DatabaseRuntime } from '../database/database.module.js';

export type JobHandler<T extends object> = (data: T) => Promise<void>;

export type JobDefinition<T extends object> = {
  name: string;
  handler: JobHandler<T>;
  /**
   * Cron expression or RFC 5545 recurrence rule (`FREQ=MINUTELY;INTERVAL=90`), in UTC: the queue also gets one
   * job per occurrence, one for all instances. Without it, a schedule stored by an earlier start is removed.
   */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
};

/** The schema the queue lives in; created by a migration (see prisma/migrations/*_approval_workflow). */
const QUEUE_SCHEMA = 'pgboss';

/**
 * The PostgreSQL-backed job queue (pg-boss). Jobs are rows: they survive restarts, and several app
 * instances share the work, each job going to one of them. Domains register their jobs while the
 * application boots; the queue starts after every module has initialised.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private boss: PgBoss | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_RUNTIME) private readonly database: DatabaseRuntime,
  ) {}

  /** Registers a job; call it while the application boots (a module's onModuleInit), or later to start it at once. */
  async define<T extends object>(definition: JobDefinition<T>): Promise<void> {
    this.definitions.set(definition.name, definition as JobDefinition<object>);
    if (this.boss) await this.startWorker(this.boss, definition as JobDefinition<object>);
  }

  get running(): boolean {
    return this.boss !== null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    const boss = new PgBoss({
      connectionString: this.database.url,
      schema: QUEUE_SCHEMA,
      // The schema is installed by migrations, with the owning role; this role only uses it.
      migrate: false,
      max: 3,
      application_name: 'modelgate-jobs',
    });
    boss.on('error', (error: unknown) => this.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const definition of this.definitions.values()) await this.startWorker(boss, definition);
    this.boss = boss;
  }

  private async startWorker(boss: PgBoss, definition: JobDefinition<object>): Promise<void> {
    await boss.createQueue(definition.name, {
      retryLimit: definition.retryLimit ?? 3,
      retryDelay: definition.retryDelaySeconds ?? 30,
      retryBackoff: definition.retryBackoff ?? true,
    });
    await boss.work<object>(
      definition.name,
      { batchSize: 1, pollingIntervalSeconds: this.config.jobs.pollingIntervalSeconds },
      async ([job]) => {
        if (job) await definition.handler(job.data ?? {});
      },
    );
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
    else await boss.unschedule(definition.name);
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, timeout: 5_000 });
  }

  /**
   * Asks for a job to run soon. Returns false when no queue runs in this process (JOBS_ENABLED=false):
   * callers treat this as a nudge and rely on the job's schedule or their own rows as the truth.
   */
  async nudge(name: string, data: object = {}, singletonKey?: string): Promise<boolean> {
    if (!this.boss) return false;
    await this.boss.send(name, data, singletonKey ? { singletonKey } : {});
    return true;
  }
}

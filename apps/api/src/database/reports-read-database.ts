import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createPrismaClient, type DatabaseConnectionOptions, type PrismaClient } from '@modelgate/db';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { describeDatabaseError } from './database-errors.js';
import { DATABASE_CONNECTION, PrismaService } from './prisma.service.js';

/** Which database serves the reports' snapshots. */
export type ReportsReadSource = 'PRIMARY' | 'REPLICA';

export type ReplicaStatus =
  | { configured: false }
  | { configured: true; reachable: true; inRecovery: boolean; replayLagSeconds: number | null }
  | { configured: true; reachable: false; error: string };

/**
 * The database the auditor reports read: a second Prisma client on DATABASE_REPLICA_URL (a hot standby)
 * when one is configured, else the process's one PrismaService on the primary.
 *
 * A second client rather than `@prisma/extension-read-replicas`: that extension sends only reads made
 * outside a transaction to a replica, and a report reads everything inside one REPEATABLE READ READ ONLY
 * transaction (its snapshot), which the extension would always run on the primary.
 */
@Injectable()
export class ReportsReadDatabase implements OnModuleDestroy {
  readonly client: PrismaClient;
  readonly source: ReportsReadSource;
  private readonly replica: PrismaClient | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_CONNECTION) primaryConnection: DatabaseConnectionOptions,
    primary: PrismaService,
  ) {
    const url = config.reports.replicaUrl;
    // Reports are few and long: a small pool, with the primary's connection timeout.
    this.replica = url
      ? createPrismaClient({
          url,
          poolSize: Math.min(primaryConnection.poolSize ?? 10, 4),
          connectionTimeoutMs: primaryConnection.connectionTimeoutMs,
        })
      : null;
    this.client = this.replica ?? primary;
    this.source = this.replica ? 'REPLICA' : 'PRIMARY';
  }

  /** For readiness (informational only): whether the replica answers, and how far behind it replays. */
  async check(): Promise<ReplicaStatus> {
    if (!this.replica) return { configured: false };
    try {
      const [row] = await this.replica.$queryRaw<Array<{ in_recovery: boolean; lag: number | null }>>`
        SELECT pg_is_in_recovery() AS in_recovery,
               extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS lag`;
      return {
        configured: true,
        reachable: true,
        inRecovery: row?.in_recovery ?? false,
        replayLagSeconds: row?.in_recovery && row.lag !== null ? Math.max(0, Math.round(row.lag)) : null,
      };
    } catch (error) {
      return { configured: true, reachable: false, error: describeDatabaseError(error) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.replica?.$disconnect();
  }
}

import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ReportsReadDatabase } from '../database/reports-read-database.js';
import { DatabaseStatusService } from './database-status.service.js';

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly databaseStatus: DatabaseStatusService,
    private readonly reportsReadDatabase: ReportsReadDatabase,
  ) {}

  /** Liveness: the process serves HTTP. Never touches the database, so a database outage does not restart it. */
  @Get('healthz')
  @HealthCheck()
  liveness() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /**
   * Readiness: the database answers and every migration of this build is applied. 503 otherwise.
   * With DATABASE_REPLICA_URL set, `reportsReplica` tells whether the replica answers and its replay lag:
   * informational, always "up", since only report exports need it (they fail on their own without it).
   */
  @Get('readyz')
  @HealthCheck()
  readiness() {
    return this.health.check([
      async () => {
        const status = await this.databaseStatus.check();
        const database = this.indicators.check('database');
        const migrations = this.indicators.check('migrations');
        if (!status.reachable) {
          return { ...database.down({ error: status.error }), ...migrations.down({ error: 'database unreachable' }) };
        }
        const { applied, pending, failed } = status.migrations;
        const migrationDetails = { applied: applied.length, pending, failed };
        return {
          ...database.up({ serverVersion: status.serverVersion, embedded: status.embedded }),
          ...(status.migrations.upToDate ? migrations.up(migrationDetails) : migrations.down(migrationDetails)),
        };
      },
      async () => {
        const replica = await this.reportsReadDatabase.check();
        if (!replica.configured) return {};
        const indicator = this.indicators.check('reportsReplica');
        return replica.reachable
          ? indicator.up({ reachable: true, inRecovery: replica.inRecovery, replayLagSeconds: replica.replayLagSeconds })
          : indicator.up({ reachable: false, error: replica.error });
      },
    ]);
  }
}

import { createRequire } from 'node:module';
import { Inject, Injectable } from '@nestjs/common';
import { SettingKey } from '@modelgate/domain/settings';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DatabaseStatusService } from '../health/database-status.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { SystemStatus } from './models/system-status.model.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

@Injectable()
export class SystemService {
  private readonly startedAt = new Date();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly databaseStatus: DatabaseStatusService,
    private readonly settings: SettingsService,
  ) {}

  async status(): Promise<SystemStatus> {
    const database = await this.databaseStatus.check();
    const organizationName = database.reachable ? await this.settings.findText(SettingKey.OrganizationName) : null;
    return {
      version,
      environment: this.config.env,
      startedAt: this.startedAt,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt.getTime()) / 1000),
      organizationName,
      database: database.reachable
        ? {
            reachable: true,
            embedded: database.embedded,
            serverVersion: database.serverVersion,
            migrations: {
              upToDate: database.migrations.upToDate,
              appliedCount: database.migrations.applied.length,
              latestApplied: database.migrations.applied.at(-1) ?? null,
              pending: database.migrations.pending,
              failed: database.migrations.failed,
            },
          }
        : { reachable: false, embedded: database.embedded, serverVersion: null, migrations: null },
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { listShippedMigrations } from '@modelgate/db/migrations';
import { compareMigrations, type MigrationState } from '@modelgate/domain/system';
import { DATABASE_RUNTIME, type DatabaseRuntime } from '../database/database.module.js';
import { describeDatabaseError } from '../database/database-errors.js';
import { MigrationsRepository } from './migrations.repository.js';

export type DatabaseStatus =
  | { reachable: true; embedded: boolean; serverVersion: string; migrations: MigrationState }
  | { reachable: false; embedded: boolean; error: string };

/** What readiness and the system status report about the database. */
@Injectable()
export class DatabaseStatusService {
  private shipped?: Promise<string[]>;

  constructor(
    private readonly migrations: MigrationsRepository,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
  ) {}

  /** The migrations in this build never change while it runs: read the folder once. */
  private shippedMigrations(): Promise<string[]> {
    return (this.shipped ??= listShippedMigrations());
  }

  async check(): Promise<DatabaseStatus> {
    try {
      const [serverVersion, records, shipped] = await Promise.all([
        this.migrations.findServerVersion(),
        this.migrations.findAllRecords(),
        this.shippedMigrations(),
      ]);
      return { reachable: true, embedded: this.runtime.embedded, serverVersion, migrations: compareMigrations(shipped, records) };
    } catch (error) {
      return { reachable: false, embedded: this.runtime.embedded, error: describeDatabaseError(error) };
    }
  }
}

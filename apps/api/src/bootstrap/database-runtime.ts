import { startEmbeddedPostgres } from '@modelgate/db/embedded';
import { deployMigrations } from '@modelgate/db/migrations';
import { auditTrailProtection, ensureRuntimeLogin } from '@modelgate/db/roles';
import type { AppConfig } from '../config/app-config.js';
import type { DatabaseRuntime } from '../database/database.module.js';
import { prepareMigrations } from './migration-recovery.js';

export type OpenDatabase = { runtime: DatabaseRuntime; stop(): Promise<void> };
type Log = { info(message: string): void; warn(message: string): void };

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in the data directory (stopping a
 * server a crashed earlier run left behind); applies pending migrations as the owning role (first settling a
 * migration a killed earlier run left unfinished, see migration-recovery.ts); and
 * serves requests as a role that owns nothing, so PostgreSQL itself keeps the audit trail append-only.
 */
export async function openDatabase(config: AppConfig, log: Log): Promise<OpenDatabase> {
  let ownerUrl: string;
  let stop: () => Promise<void> = () => Promise.resolve();
  if (config.database.mode === 'external') {
    ownerUrl = config.database.migrationUrl;
  } else {
    const started = Date.now();
    const server = await startEmbeddedPostgres({
      dataDir: config.database.dataDir,
      port: config.database.port,
      log: (m) => log.info(m),
    });
    log.info(
      `embedded PostgreSQL ${server.initialised ? 'created and ' : ''}started on 127.0.0.1:${server.port} ` +
        `(data in ${server.clusterDir}) in ${Date.now() - started} ms`,
    );
    ownerUrl = server.url;
    stop = () => server.stop();
  }

  try {
    if (config.migrateOnStart) {
      // A migration interrupted by a killed process is recorded as applied or rolled back when the schema proves
      // which, or the start stops here with what to run; the server never serves on a half-applied schema.
      const { deployUrl } = await prepareMigrations(ownerUrl, log);
      const output = await deployMigrations(deployUrl);
      const applied = /(\d+) migrations? (?:found|applied)/.exec(output);
      log.info(
        output.includes('No pending migrations')
          ? 'database schema is up to date'
          : `applied migrations (${applied?.[0] ?? 'see log'})`,
      );
    }
    const url = config.database.mode === 'embedded' ? await ensureRuntimeLogin(ownerUrl) : config.database.url;
    const protection = await auditTrailProtection(url);
    if (protection === 'TRIGGERS_ONLY') {
      log.warn(
        'the database role of DATABASE_URL may change the audit table (it owns it or is a superuser); only triggers keep the ' +
          'audit trail append-only. Give the application a role without ownership and set DATABASE_MIGRATION_URL to the owner.',
      );
    }
    return {
      runtime: {
        url,
        poolSize: config.database.poolSize,
        embedded: config.database.mode === 'embedded',
        auditTrailProtection: protection,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

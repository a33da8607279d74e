import { startEmbeddedPostgres } from '@modelgate/db/embedded';
import { deployMigrations } from '@modelgate/db/migrations';
import { auditTrailProtection, ensureRuntimeLogin } from '@modelgate/db/roles';
import type { AppConfig } from '../config/app-config.js';
import type { DatabaseRuntime } from '../database/database.module.js';

export type OpenDatabase = { runtime: DatabaseRuntime; stop(): Promise<void> };
type Log = { info(message: string): void; warn(message: string): void };

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in the data directory (stopping a
 * server a crashed earlier run left behind); applies pending migrations as the owning role; and
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
      const output = await deployMigrations(ownerUrl);
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

import { startEmbeddedPostgres } from '@modelgate/db/embedded';
import { deployMigrations } from '@modelgate/db/migrations';
import type { AppConfig } from '../config/app-config.js';
import type { DatabaseRuntime } from '../database/database.module.js';

export type OpenDatabase = { runtime: DatabaseRuntime; stop(): Promise<void> };
type Log = (message: string) => void;

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in the data directory (stopping a
 * server a crashed earlier run left behind), then applies pending migrations.
 */
export async function openDatabase(config: AppConfig, log: Log): Promise<OpenDatabase> {
  let opened: OpenDatabase;
  if (config.database.mode === 'external') {
    opened = {
      runtime: { url: config.database.url, poolSize: config.database.poolSize, embedded: false },
      stop: () => Promise.resolve(),
    };
  } else {
    const started = Date.now();
    const server = await startEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.port, log });
    log(
      `embedded PostgreSQL ${server.initialised ? 'created and ' : ''}started on 127.0.0.1:${server.port} ` +
        `(data in ${server.clusterDir}) in ${Date.now() - started} ms`,
    );
    opened = { runtime: { url: server.url, poolSize: config.database.poolSize, embedded: true }, stop: () => server.stop() };
  }

  if (config.migrateOnStart) {
    try {
      const output = await deployMigrations(opened.runtime.url);
      const applied = /(\d+) migrations? (?:found|applied)/.exec(output);
      log(
        output.includes('No pending migrations')
          ? 'database schema is up to date'
          : `applied migrations (${applied?.[0] ?? 'see log'})`,
      );
    } catch (error) {
      await opened.stop();
      throw error;
    }
  }
  return opened;
}

import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import type { MigrationRecord } from '@modelgate/domain/system';
import { migrationsDir, prismaConfigPath, repositoryRoot } from './paths.js';

const require = createRequire(import.meta.url);

/** Names of the migrations this build ships, in the order Prisma applies them. */
export async function listShippedMigrations(dir = migrationsDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const sql = await stat(path.join(dir, entry.name, 'migration.sql')).catch(() => null);
    if (sql?.isFile()) names.push(entry.name);
  }
  return names.sort();
}

/** Reads `_prisma_migrations`; an empty list when the table does not exist yet. */
export async function readMigrationRecords(databaseUrl: string): Promise<MigrationRecord[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at`,
    );
    return rows.map((r) => ({ name: r.migration_name, finishedAt: r.finished_at, rolledBackAt: r.rolled_back_at }));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return []; // undefined_table: never migrated
    throw error;
  } finally {
    await client.end();
  }
}

export type PrismaCliResult = { exitCode: number; output: string };

/**
 * Runs the Prisma CLI (through the offline schema-engine bridge configured in prisma.config.ts)
 * against `databaseUrl`, e.g. `runPrismaCli(url, ['migrate', 'deploy'])`.
 */
export function runPrismaCli(databaseUrl: string, args: readonly string[]): Promise<PrismaCliResult> {
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '--config', prismaConfigPath], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, output }));
  });
}

/** Applies every pending migration (`prisma migrate deploy`); throws with Prisma's output on failure. */
export async function deployMigrations(databaseUrl: string): Promise<string> {
  const result = await runPrismaCli(databaseUrl, ['migrate', 'deploy']);
  if (result.exitCode !== 0) throw new Error(`prisma migrate deploy failed:\n${result.output.trim()}`);
  return result.output;
}

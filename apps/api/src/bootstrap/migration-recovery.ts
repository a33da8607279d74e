import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createPrismaClient, migrationsDir as shippedMigrationsDir, type PrismaClient } from '@modelgate/db';
import { judgeInterruptedMigration, witnessesOf, type InterruptedMigrationVerdict } from './interrupted-migration.js';

/** The session advisory lock `prisma migrate` holds while it works (Prisma's own constant). */
const PRISMA_MIGRATE_LOCK = 72707369;
/** PostgreSQL 14 added client_connection_check_interval. */
const CONNECTION_CHECK_SINCE = 140000;

type Log = { info(message: string): void; warn(message: string): void };

export type RecoveryOptions = {
  migrationsDir?: string;
  /** How long to wait for a migration that is still running elsewhere (another instance, or a killed one's backend). */
  lockWaitMs?: number;
};

export type RecoveredMigration = { migration: string; outcome: 'APPLIED' | 'NOT_APPLIED'; evidence: string };

/** The start-up cannot tell what became of an interrupted migration; the message says what to run. */
export class MigrationRecoveryError extends Error {
  override readonly name = 'MigrationRecoveryError';
}

type MigrationRow = {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

const resolveCommand = (flag: '--applied' | '--rolled-back', name: string) =>
  `DATABASE_URL=<the migration URL> npx prisma migrate resolve ${flag} ${name}`;

function cannotTell(row: MigrationRow, why: string): MigrationRecoveryError {
  const name = row.migration_name;
  return new MigrationRecoveryError(
    `Migration ${name} was interrupted (it started at ${row.started_at.toISOString()} and never finished, e.g. the process ` +
      `applying it was killed), and Modelgate cannot tell whether its changes were committed: ${why}. Nothing was changed ` +
      `and the server does not start on a schema in an unknown state. Compare the database with ` +
      `prisma/migrations/${name}/migration.sql, then record what you find and start again: ` +
      `\`${resolveCommand('--rolled-back', name)}\` if none of its changes are in the database (it is applied again at the ` +
      `next start), or \`${resolveCommand('--applied', name)}\` if all of them are. If only some are, restore the database ` +
      'from a backup taken before the upgrade.',
  );
}

function failedWithError(row: MigrationRow): MigrationRecoveryError {
  const name = row.migration_name;
  const logs = (row.logs ?? '').trim().split('\n').slice(0, 6).join('\n');
  return new MigrationRecoveryError(
    `Migration ${name} failed with an error when it was applied at ${row.started_at.toISOString()}, and Prisma applies no ` +
      `further migrations until it is resolved. Its error:\n${logs}\nFix the cause, then run ` +
      `\`${resolveCommand('--rolled-back', name)}\` (PostgreSQL rolled the failed migration back as a whole) and start again.`,
  );
}

/**
 * The URL to run `prisma migrate deploy` with. On PostgreSQL 14 or newer it asks the server to check every second
 * that the client is still there (client_connection_check_interval): when the migrating process is killed, its
 * migration's transaction rolls back within a second and releases Prisma's lock, instead of running on unattended,
 * and perhaps committing, while the next start already waits.
 */
export function migrationUrlWithConnectionCheck(url: string, serverVersionNum: number): string {
  if (serverVersionNum < CONNECTION_CHECK_SINCE) return url;
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  if (options?.includes('client_connection_check_interval')) return url;
  parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c client_connection_check_interval=1000`);
  return parsed.toString();
}

async function unfinishedRows(db: Pick<PrismaClient, '$queryRawUnsafe'>): Promise<MigrationRow[]> {
  const [table] = await db.$queryRawUnsafe<Array<{ present: boolean }>>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return []; // never migrated
  return db.$queryRawUnsafe<MigrationRow[]>(
    `SELECT id, migration_name, checksum, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations
     WHERE finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at`,
  );
}

async function lockHolders(db: PrismaClient): Promise<string> {
  const rows = await db.$queryRawUnsafe<
    Array<{ pid: number; application_name: string; client: string | null; since: Date; state: string | null }>
  >(
    `SELECT a.pid, a.application_name, a.client_addr::text AS client, a.backend_start AS since, a.state
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ${PRISMA_MIGRATE_LOCK}
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  if (rows.length === 0) return 'another session';
  return rows
    .map(
      (r) =>
        `PostgreSQL backend ${r.pid} (application "${r.application_name}", client ${r.client ?? 'local'}, connected ` +
        `${r.since.toISOString()}, ${r.state ?? 'unknown state'})`,
    )
    .join(', ');
}

/**
 * Judges one interrupted migration inside a transaction that holds Prisma's migration lock (so nothing migrates
 * meanwhile), and records the outcome on its row the way `prisma migrate resolve` would.
 */
async function resolveUnderLock(
  db: PrismaClient,
  migrationsDir: string,
): Promise<{ busy: true } | { busy: false; recovered: RecoveredMigration | null }> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(${PRISMA_MIGRATE_LOCK}) AS locked`,
      );
      if (!lock?.locked) return { busy: true } as const;
      const rows = await unfinishedRows(tx);
      if (rows.length === 0) return { busy: false, recovered: null } as const; // resolved meanwhile
      const failed = rows.find((row) => row.logs !== null);
      if (failed) throw failedWithError(failed);
      if (rows.length > 1) {
        throw cannotTell(
          rows[0]!,
          `${rows.length} migrations are unfinished at once (${rows.map((r) => r.migration_name).join(', ')})`,
        );
      }
      const row = rows[0]!;
      const file = path.join(migrationsDir, row.migration_name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch(() => null);
      if (script === null) throw cannotTell(row, `this build does not ship it (no ${file})`);
      if (createHash('sha256').update(script).digest('hex') !== row.checksum) {
        throw cannotTell(row, 'the migration file of this build differs from the one that was running (checksum)');
      }

      const plan = witnessesOf(script);
      let verdict: InterruptedMigrationVerdict;
      if (plan.notAtomic || plan.witnesses.length === 0) {
        verdict = judgeInterruptedMigration(plan, []);
      } else {
        const [observed] = await tx.$queryRawUnsafe<Array<{ present: boolean[] }>>(
          `SELECT ARRAY[${plan.witnesses.map((w) => `(${w.existsSql})`).join(', ')}]::boolean[] AS present`,
        );
        verdict = judgeInterruptedMigration(
          plan,
          plan.witnesses.map((witness, index) => ({ witness, present: observed!.present[index] === true })),
        );
      }
      if (verdict.outcome === 'UNKNOWN') throw cannotTell(row, verdict.reason);

      const when = new Date().toISOString();
      const note =
        verdict.outcome === 'APPLIED'
          ? `Interrupted before Prisma recorded it; at ${when} Modelgate found that ${verdict.evidence}, and recorded it as applied.`
          : `Interrupted before it finished; at ${when} Modelgate found that ${verdict.evidence} (its transaction rolled ` +
            'back), and recorded it as rolled back so that it is applied again.';
      const updated =
        verdict.outcome === 'APPLIED'
          ? await tx.$executeRawUnsafe(
              `UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1, logs = $2
               WHERE id = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
              row.id,
              note,
            )
          : await tx.$executeRawUnsafe(
              `UPDATE _prisma_migrations SET rolled_back_at = now(), logs = $2
               WHERE id = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
              row.id,
              note,
            );
      if (updated !== 1) throw new Error(`the row of migration ${row.migration_name} changed while Prisma's lock was held`);
      return { busy: false, recovered: { migration: row.migration_name, outcome: verdict.outcome, evidence: verdict.evidence } };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * Before `prisma migrate deploy` at start: finds a migration whose run was interrupted (its row has neither
 * finished_at nor rolled_back_at, and no error logged), on which Prisma would refuse to go on (P3009). When the
 * database provably holds all of its changes, or none of them, the row is recorded as applied or as rolled back (the
 * migration is then applied again), and the start goes on; otherwise the start stops with a MigrationRecoveryError
 * naming what to run. A migration that failed with an error is never touched (running it again fails again).
 * Returns the URL to deploy with (see {@link migrationUrlWithConnectionCheck}) and what was recovered.
 */
export async function prepareMigrations(
  ownerUrl: string,
  log: Log,
  options: RecoveryOptions = {},
): Promise<{ deployUrl: string; recovered: RecoveredMigration | null }> {
  const migrationsDir = options.migrationsDir ?? shippedMigrationsDir;
  const lockWaitMs = options.lockWaitMs ?? 60_000;
  const db = createPrismaClient({ url: ownerUrl, poolSize: 2 });
  try {
    const [server] = await db.$queryRawUnsafe<Array<{ version: number }>>(
      `SELECT current_setting('server_version_num')::int AS version`,
    );
    const deployUrl = migrationUrlWithConnectionCheck(ownerUrl, server?.version ?? 0);
    if ((await unfinishedRows(db)).length === 0) return { deployUrl, recovered: null };

    const until = Date.now() + lockWaitMs;
    let waited = false;
    for (;;) {
      const attempt = await resolveUnderLock(db, migrationsDir);
      if (!attempt.busy) {
        const { recovered } = attempt;
        if (recovered) {
          log.warn(
            `migration ${recovered.migration} was interrupted before it finished (e.g. the process applying it was killed); ` +
              `${recovered.evidence}, so it was recorded as ${recovered.outcome === 'APPLIED' ? 'applied' : 'rolled back and is applied again now'}`,
          );
        }
        return { deployUrl, recovered };
      }
      const holders = await lockHolders(db);
      if (Date.now() > until) {
        throw new MigrationRecoveryError(
          `A migration is still running: ${holders} holds Prisma's migration lock after ${Math.round(lockWaitMs / 1000)} s. ` +
            'It may be another instance migrating, or the connection of a process that was killed while migrating, which ' +
            'PostgreSQL keeps until its statement ends. Wait for it, or end it with `SELECT pg_terminate_backend(<pid>)` ' +
            '(its transaction then rolls back), and start again.',
        );
      }
      if (!waited) log.info(`waiting for a migration that is still running (${holders}) before checking the interrupted one`);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await db.$disconnect();
  }
}

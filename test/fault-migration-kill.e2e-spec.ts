import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { listShippedMigrations, readMigrationRecords, runPrismaCli } from '@modelgate/db/migrations';
import { withDatabase } from '@modelgate/db/testing';
import { compareMigrations } from '@modelgate/domain/system';
import { startAppOnDatabase, stopAllApps } from './support/app-on-database.js';
import { killAllLaunched, launchApp, launchMigrateDeploy } from './support/app-process.js';
import { openProbe, type DatabaseProbe } from './support/fault-injection.js';
import { startPostgresCluster, withLogin, type PostgresCluster } from './support/postgres-cluster.js';
import { makeDataDir } from './support/production-server.js';

/** A migration in the middle of the history, and a table it creates after others of its own. */
const PAUSED_MIGRATION = '20261123222000_approval_workflow';
const PAUSE_AT = 'public.approval_vote';
const PAUSE_KEY = 4_242_001;
const RUNTIME_PASSWORD = 'runtime-secret';

type MigrationRow = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null };

/**
 * Makes the migration stop, inside its transaction, right after it created PAUSE_AT: an event trigger waits there for
 * an advisory lock the test holds. Statements before it in the same file have run, uncommitted.
 */
async function installPause(probe: DatabaseProbe): Promise<void> {
  await probe.query(`CREATE FUNCTION fault_pause() RETURNS event_trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = '${PAUSE_AT}') THEN
        PERFORM pg_advisory_xact_lock(${PAUSE_KEY});
      END IF;
    END $$`);
  await probe.query(`CREATE EVENT TRIGGER fault_pause ON ddl_command_end EXECUTE FUNCTION fault_pause()`);
}

async function removePause(probe: DatabaseProbe): Promise<void> {
  await probe.query('DROP EVENT TRIGGER fault_pause');
  await probe.query('DROP FUNCTION fault_pause()');
}

const rowsOf = (probe: DatabaseProbe) =>
  probe.query<MigrationRow>(
    'SELECT migration_name, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at, migration_name',
  );
const tableExists = async (probe: DatabaseProbe, table: string) =>
  (await probe.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, table))[0]!.present;

/** The schema is exactly what the shipped migrations make: Prisma diffs it against them (in a shadow database). */
async function expectSchemaOfAllMigrations(ownerUrl: string): Promise<void> {
  expect(compareMigrations(await listShippedMigrations(), await readMigrationRecords(ownerUrl))).toMatchObject({
    pending: [],
    failed: [],
    upToDate: true,
  });
  const diff = await runPrismaCli(ownerUrl, [
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-config-datasource',
    '--exit-code',
  ]);
  expect(diff.output).toContain('No difference detected');
  expect(diff.exitCode).toBe(0);
}

describe('killed while migrating (SIGKILL during migrate deploy)', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let cluster: PostgresCluster;
  const probes: DatabaseProbe[] = [];

  const newDatabase = async (name: string) => {
    const admin = probes[0]!;
    await admin.query(`CREATE DATABASE ${name}`);
    const ownerUrl = withDatabase(cluster.ownerUrl, name);
    const probe = openProbe(ownerUrl);
    probes.push(probe);
    return { ownerUrl, runtimeUrl: withLogin(ownerUrl, 'modelgate_runtime', RUNTIME_PASSWORD), probe };
  };

  beforeAll(async () => {
    data = await makeDataDir();
    cluster = await startPostgresCluster(data.dir);
    const admin = openProbe(cluster.ownerUrl);
    probes.push(admin);
    await admin.query('CREATE ROLE modelgate_app NOLOGIN');
    await admin.query(`CREATE ROLE modelgate_runtime LOGIN PASSWORD '${RUNTIME_PASSWORD}' IN ROLE modelgate_app`);
  });

  afterAll(async () => {
    await killAllLaunched();
    await stopAllApps();
    for (const probe of probes.reverse()) await probe.close().catch(() => undefined);
    await cluster?.stop();
    await data?.remove();
  });

  it('the app killed while it migrates at start: the migration rolls back, and the next start applies it and serves', async () => {
    const { ownerUrl, runtimeUrl, probe } = await newDatabase('killed_app');
    await installPause(probe);
    const pause = await probe.holdLocks([`SELECT pg_advisory_xact_lock(${PAUSE_KEY})`]);
    const dataDir = path.join(data.dir, 'killed-app');
    const app = await launchApp({ databaseUrl: runtimeUrl, migrationUrl: ownerUrl, dataDir });

    // In flight: the migration's backend waits inside its transaction; Prisma has recorded it as started.
    const migrating = await probe.waitForBlockedBackend({ advisoryKey: PAUSE_KEY });
    const started = await rowsOf(probe);
    expect(started.at(-1)).toMatchObject({ migration_name: PAUSED_MIGRATION, finished_at: null, rolled_back_at: null });
    expect(started.slice(0, -1).every((row) => row.finished_at !== null)).toBe(true);

    // The app, the Prisma CLI and its schema engine die at once, as in a container that is killed.
    const killed = await app.killTree();
    expect(killed.length).toBeGreaterThanOrEqual(3);
    // PostgreSQL ends the orphaned migration by itself (the start asks it to check that its client is there), while
    // the lock it waits for is still held: its transaction rolls back instead of running on unattended.
    await probe.waitForBackendsGone([migrating.pid], 15_000);
    await pause.release();
    await removePause(probe);
    expect(await tableExists(probe, 'approval_request')).toBe(false);
    expect((await rowsOf(probe)).at(-1)).toMatchObject({
      migration_name: PAUSED_MIGRATION,
      finished_at: null,
      rolled_back_at: null,
    });

    // The next start settles the interrupted migration, applies it and the rest, and serves.
    const restarted = await startAppOnDatabase({ databaseUrl: runtimeUrl, migrationUrl: ownerUrl, dataDir });
    expect(restarted.output()).toMatch(
      new RegExp(`migration ${PAUSED_MIGRATION} was interrupted before it finished.*none of its \\d+ changes is in the database`),
    );
    expect((await fetch(`${restarted.baseUrl}/readyz`)).status).toBe(200);
    const rows = (await rowsOf(probe)).filter((row) => row.migration_name === PAUSED_MIGRATION);
    expect(rows).toEqual([
      expect.objectContaining({
        finished_at: null,
        rolled_back_at: expect.any(Date),
        logs: expect.stringContaining('rolled back'),
      }),
      expect.objectContaining({ finished_at: expect.any(Date), rolled_back_at: null }),
    ]);
    await expectSchemaOfAllMigrations(ownerUrl);
    expect(await restarted.stop('SIGTERM')).toBe(0);
  });

  it('`prisma migrate deploy` killed while its migration waits: the migration commits later, and the app records it as applied and goes on', async () => {
    const { ownerUrl, runtimeUrl, probe } = await newDatabase('killed_cli');
    await installPause(probe);
    const pause = await probe.holdLocks([`SELECT pg_advisory_xact_lock(${PAUSE_KEY})`]);
    const deploy = launchMigrateDeploy(ownerUrl); // what `npm run db:migrate` and the Kubernetes Job run
    const migrating = await probe.waitForBlockedBackend({ advisoryKey: PAUSE_KEY });

    expect((await deploy.killTree()).length).toBeGreaterThanOrEqual(2);
    // Without the connection check, PostgreSQL does not notice the client is gone: the backend still waits, and once
    // the lock is free it finishes the migration and commits it, though Prisma never records that it finished.
    const orphan = await probe.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pid = $1', migrating.pid);
    expect(orphan).toHaveLength(1);
    await pause.release();
    await probe.waitForBackendsGone([migrating.pid]);
    await removePause(probe);
    expect(await tableExists(probe, 'approval_request')).toBe(true);
    expect((await rowsOf(probe)).at(-1)).toMatchObject({
      migration_name: PAUSED_MIGRATION,
      finished_at: null,
      rolled_back_at: null,
    });

    const dataDir = path.join(data.dir, 'killed-cli');
    const app = await startAppOnDatabase({ databaseUrl: runtimeUrl, migrationUrl: ownerUrl, dataDir });
    expect(app.output()).toMatch(
      new RegExp(
        `migration ${PAUSED_MIGRATION} was interrupted before it finished.*all \\d+ of its changes are in the database.*recorded as applied`,
      ),
    );
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
    await expectSchemaOfAllMigrations(ownerUrl);
    expect(await app.stop('SIGTERM')).toBe(0);

    // A half-applied migration (here: one of its tables dropped since) is never settled by guesswork: the app refuses
    // to start, says why and what to run, and never listens.
    await probe.query(
      `UPDATE _prisma_migrations SET finished_at = NULL, logs = NULL WHERE migration_name = '${PAUSED_MIGRATION}'`,
    );
    await probe.query('DROP TABLE approval_vote CASCADE');
    const refused = await launchApp({ databaseUrl: runtimeUrl, migrationUrl: ownerUrl, dataDir });
    expect(await refused.exited).toBe(1);
    const output = refused.output();
    expect(output).toContain(`Migration ${PAUSED_MIGRATION} was interrupted`);
    expect(output).toContain('some of its changes are in the database and some are not');
    expect(output).toContain(`npx prisma migrate resolve --rolled-back ${PAUSED_MIGRATION}`);
    expect(output).not.toContain('Modelgate is ready');
    expect((await rowsOf(probe)).find((row) => row.migration_name === PAUSED_MIGRATION)?.finished_at).toBeNull();
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrismaClient, migrationsDir, type PrismaClient } from '@modelgate/db';
import { deployMigrations, listShippedMigrations, readMigrationRecords, runPrismaCli } from '@modelgate/db/migrations';
import { createTestDatabase, runSql, testPostgresAdminUrl, type TestDatabase } from '@modelgate/db/testing';
import { compareMigrations } from '@modelgate/domain/system';
import { MigrationRecoveryError, migrationUrlWithConnectionCheck, prepareMigrations } from './migration-recovery.js';

/** Prisma's own bookkeeping table, as `prisma migrate deploy` creates it. */
const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

const FAKE = '29990101000000_fault_check';
const FAKE_SCRIPT = `-- CreateTable
CREATE TABLE "fault_check" ("id" UUID NOT NULL, "note" TEXT, CONSTRAINT "fault_check_pkey" PRIMARY KEY ("id"));
-- CreateIndex
CREATE INDEX "fault_check_note_idx" ON "fault_check"("note");
`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Row = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null };

function collectingLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(`info: ${m}`), warn: (m: string) => lines.push(`warn: ${m}`) };
}

describe('settling a migration a killed process left unfinished, before migrate deploy', () => {
  let db: TestDatabase;
  let owner: PrismaClient;
  let fakeDir: string;

  const rows = () =>
    owner.$queryRawUnsafe<Row[]>(
      `SELECT migration_name, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at`,
    );
  /** What Prisma leaves when its process dies between starting a migration and recording the outcome. */
  const interruptedRow = (name: string, checksum: string, logs: string | null = null) =>
    owner.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, $4)`,
      randomUUID(),
      checksum,
      name,
      logs,
    );

  beforeAll(async () => {
    fakeDir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-migrations-'));
    await mkdir(path.join(fakeDir, FAKE));
    await writeFile(path.join(fakeDir, FAKE, 'migration.sql'), FAKE_SCRIPT);
  });

  afterAll(async () => {
    await rm(fakeDir, { recursive: true, force: true });
  });

  const withDatabase = (test: () => Promise<void>) => async () => {
    db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    owner = createPrismaClient({ url: db.url, poolSize: 2 });
    try {
      await test();
    } finally {
      await owner.$disconnect();
      await db.drop();
    }
  };

  it(
    'does nothing on a database that was never migrated, nor on one whose migrations all finished',
    withDatabase(async () => {
      const log = collectingLog();
      expect((await prepareMigrations(db.url, log, { migrationsDir: fakeDir })).recovered).toBeNull();
      await owner.$executeRawUnsafe(PRISMA_MIGRATIONS_TABLE);
      await owner.$executeRawUnsafe(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 1)`,
        randomUUID(),
        sha256(FAKE_SCRIPT),
        FAKE,
      );
      expect((await prepareMigrations(db.url, log, { migrationsDir: fakeDir })).recovered).toBeNull();
      expect(log.lines).toEqual([]);
    }),
  );

  it(
    'records a migration none of whose changes committed as rolled back, so that migrate deploy applies it again',
    withDatabase(async () => {
      // Killed during the first migration: its row exists, its table does not.
      const [first] = await listShippedMigrations();
      await owner.$executeRawUnsafe(PRISMA_MIGRATIONS_TABLE);
      await interruptedRow(first!, sha256(await readFile(path.join(migrationsDir, first!, 'migration.sql'), 'utf8')));
      await expect(deployMigrations(db.url)).rejects.toThrow(/P3009|failed migrations/);

      const log = collectingLog();
      const { recovered } = await prepareMigrations(db.url, log);
      expect(recovered).toEqual({ migration: first, outcome: 'NOT_APPLIED', evidence: expect.stringContaining('none of its') });
      expect(log.lines).toEqual([expect.stringMatching(new RegExp(`^warn: migration ${first} was interrupted.*rolled back`))]);
      expect((await rows())[0]).toMatchObject({ migration_name: first, finished_at: null, rolled_back_at: expect.any(Date) });

      await deployMigrations(db.url);
      expect(compareMigrations(await listShippedMigrations(), await readMigrationRecords(db.url))).toMatchObject({
        upToDate: true,
        failed: [],
      });
      const status = await runPrismaCli(db.url, ['migrate', 'status']);
      expect(status.output).toContain('Database schema is up to date');
    }),
  );

  it(
    'records a migration whose changes all committed (the script ran on after its process died) as applied, and deploy goes on',
    withDatabase(async () => {
      await deployMigrations(db.url);
      const middle = '20261123222000_approval_workflow';
      await owner.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET finished_at = NULL, applied_steps_count = 0 WHERE migration_name = $1`,
        middle,
      );
      await expect(deployMigrations(db.url)).rejects.toThrow(/P3009|failed migrations/);

      const log = collectingLog();
      const { recovered } = await prepareMigrations(db.url, log);
      expect(recovered).toEqual({ migration: middle, outcome: 'APPLIED', evidence: expect.stringContaining('all') });
      expect(await deployMigrations(db.url)).toContain('No pending migrations');
      expect(compareMigrations(await listShippedMigrations(), await readMigrationRecords(db.url)).upToDate).toBe(true);
    }),
  );

  it(
    'stops with what to run when only some changes are there, and changes nothing',
    withDatabase(async () => {
      await owner.$executeRawUnsafe(PRISMA_MIGRATIONS_TABLE);
      await interruptedRow(FAKE, sha256(FAKE_SCRIPT));
      expect(await runSql(db.url, `CREATE TABLE "fault_check" ("id" UUID NOT NULL, "note" TEXT)`)).toEqual({ ok: true });

      const attempt = prepareMigrations(db.url, collectingLog(), { migrationsDir: fakeDir });
      await expect(attempt).rejects.toThrow(MigrationRecoveryError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain(`Migration ${FAKE} was interrupted`);
      expect(message).toContain('some of its changes are in the database and some are not');
      expect(message).toContain(`npx prisma migrate resolve --rolled-back ${FAKE}`);
      expect(message).toContain(`npx prisma migrate resolve --applied ${FAKE}`);
      expect(await rows()).toEqual([{ migration_name: FAKE, finished_at: null, rolled_back_at: null, logs: null }]);
    }),
  );

  it(
    'stops when the file differs from the one that ran, and leaves a migration that failed with an error to a person',
    withDatabase(async () => {
      await owner.$executeRawUnsafe(PRISMA_MIGRATIONS_TABLE);
      await interruptedRow(FAKE, sha256('something else'));
      await expect(prepareMigrations(db.url, collectingLog(), { migrationsDir: fakeDir })).rejects.toThrow(
        /differs from the one that was running/,
      );
      await owner.$executeRawUnsafe(`DELETE FROM _prisma_migrations`);
      await interruptedRow(FAKE, sha256(FAKE_SCRIPT), 'Database error code: 42601\nsyntax error at or near "TABEL"');
      await expect(prepareMigrations(db.url, collectingLog(), { migrationsDir: fakeDir })).rejects.toThrow(
        /failed with an error[\s\S]*syntax error at or near "TABEL"[\s\S]*migrate resolve --rolled-back/,
      );
      expect((await rows())[0]).toMatchObject({ finished_at: null, rolled_back_at: null });
    }),
  );

  it(
    'waits while another session holds Prisma’s migration lock, then names it',
    withDatabase(async () => {
      await owner.$executeRawUnsafe(PRISMA_MIGRATIONS_TABLE);
      await interruptedRow(FAKE, sha256(FAKE_SCRIPT));
      const holder = createPrismaClient({ url: db.url, poolSize: 1 });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const holdingTx = holder.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(72707369)');
          holding();
          await released;
        },
        { timeout: 30_000 },
      );
      try {
        await Promise.race([held, holdingTx]);
        const log = collectingLog();
        await expect(prepareMigrations(db.url, log, { migrationsDir: fakeDir, lockWaitMs: 1_000 })).rejects.toThrow(
          /A migration is still running: PostgreSQL backend \d+ .* holds Prisma's migration lock[\s\S]*pg_terminate_backend/,
        );
        expect(log.lines).toEqual([expect.stringMatching(/^info: waiting for a migration that is still running/)]);
      } finally {
        release();
        await holdingTx;
        await holder.$disconnect();
      }
      // Once the lock is free, the same start settles it.
      const { recovered } = await prepareMigrations(db.url, collectingLog(), { migrationsDir: fakeDir });
      expect(recovered?.outcome).toBe('NOT_APPLIED');
    }),
  );

  it('asks PostgreSQL 14 and newer to end a migration whose client is gone, keeping other options', () => {
    const url = 'postgresql://owner:secret@db:5432/modelgate?sslmode=require&options=-c%20search_path%3Dpublic';
    const checked = new URL(migrationUrlWithConnectionCheck(url, 150004));
    expect(checked.searchParams.get('options')).toBe('-c search_path=public -c client_connection_check_interval=1000');
    expect(checked.searchParams.get('sslmode')).toBe('require');
    expect(migrationUrlWithConnectionCheck(url, 130011)).toBe(url);
    expect(migrationUrlWithConnectionCheck(checked.toString(), 150004)).toBe(checked.toString());
  });
});

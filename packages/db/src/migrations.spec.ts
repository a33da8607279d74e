import { describe, expect, it } from '@jest/globals';
import { compareMigrations } from '@modelgate/domain/system';
import { deployMigrations, listShippedMigrations, readMigrationRecords, runPrismaCli } from './migrations.js';
import { createTestDatabase, testPostgresAdminUrl } from './testing/test-database.js';

describe('migrations (real PostgreSQL, Prisma CLI through the offline wasm schema engine)', () => {
  it('ships at least the app settings migration, in name order', async () => {
    const shipped = await listShippedMigrations();
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped).toEqual([...shipped].sort());
    expect(shipped.some((name) => name.endsWith('_app_settings'))).toBe(true);
  });

  it('applies every migration to an empty database, then reports a clean status', async () => {
    const db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    try {
      expect(compareMigrations(await listShippedMigrations(), await readMigrationRecords(db.url)).upToDate).toBe(false);

      const output = await deployMigrations(db.url);
      expect(output).toMatch(/applied/i);

      const status = await runPrismaCli(db.url, ['migrate', 'status']);
      expect(status.output).toContain('Database schema is up to date');
      expect(status.exitCode).toBe(0);

      const state = compareMigrations(await listShippedMigrations(), await readMigrationRecords(db.url));
      expect(state).toMatchObject({ pending: [], failed: [], unknown: [], upToDate: true });
    } finally {
      await db.drop();
    }
  });

  it('is a no-op when applied a second time', async () => {
    const db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    try {
      await deployMigrations(db.url);
      const before = await readMigrationRecords(db.url);
      const second = await deployMigrations(db.url);
      expect(second).toContain('No pending migrations to apply');
      expect(await readMigrationRecords(db.url)).toEqual(before);
    } finally {
      await db.drop();
    }
  });

  it('has no drift between schema.prisma and the migrations', async () => {
    const db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    try {
      await deployMigrations(db.url);
      const diff = await runPrismaCli(db.url, [
        'migrate',
        'diff',
        '--from-config-datasource',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ]);
      expect(diff.output).toContain('No difference detected');
      expect(diff.exitCode).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('reports status as not clean on a database that has not been migrated', async () => {
    const db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    try {
      const status = await runPrismaCli(db.url, ['migrate', 'status']);
      expect(status.exitCode).not.toBe(0);
      expect(status.output).toMatch(/not yet been applied/);
    } finally {
      await db.drop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { connectionConfig, createDatabasePool, createPrismaClient } from './client.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { createTestDatabase, runSql, testPostgresAdminUrl, type TestDatabase } from './testing/test-database.js';
import { uniqueSuffix } from './testing/factories.js';

/** Thirteen hours ahead of UTC in December: any time read or written as if it were UTC is off by half a day. */
const SERVER_ZONE = 'Pacific/Auckland';

describe('connections on a server whose time zone is not UTC', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase(testPostgresAdminUrl());
    expect(
      await runSql(
        db.url,
        `ALTER DATABASE ${pg.escapeIdentifier(new URL(db.url).pathname.slice(1))} SET timezone = '${SERVER_ZONE}'`,
      ),
    ).toEqual({
      ok: true,
    });
    prisma = createPrismaClient({ url: db.appUrl, poolSize: 2 });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('the server does answer in its own zone to a plain connection', async () => {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      expect((await client.query<{ TimeZone: string }>('SHOW TimeZone')).rows[0]!.TimeZone).toBe(SERVER_ZONE);
    } finally {
      await client.end();
    }
  });

  it('Prisma reads the database clock and writes times as the instants they are', async () => {
    const before = Date.now();
    const created = await prisma.appSetting.create({ data: { key: `test.clock_${uniqueSuffix()}`, value: {} } });
    const after = Date.now();
    // created_at is the server's now(); PostgreSQL and this process share a clock here.
    expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(created.createdAt.getTime()).toBeLessThanOrEqual(after + 1_000);

    const instant = new Date('2026-06-01T12:34:56.789Z');
    await prisma.appSetting.update({ where: { key: created.key }, data: { createdAt: instant } });
    const [stored] = await prisma.$queryRaw<{ utc: string }[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS utc FROM app_setting WHERE key = ${created.key}`;
    expect(stored!.utc).toBe(instant.toISOString());
    expect((await prisma.appSetting.findUniqueOrThrow({ where: { key: created.key } })).createdAt).toEqual(instant);
  });

  it('sessions run in UTC and keep the options their URL carries', async () => {
    const url = new URL(db.appUrl);
    url.searchParams.set('options', '-c statement_timeout=12345');
    const pool = createDatabasePool({ url: url.toString(), poolSize: 1 });
    const client = new pg.Client(connectionConfig({ url: url.toString() }));
    await client.connect();
    try {
      for (const run of [pool.query.bind(pool), client.query.bind(client)]) {
        const { rows } = await run<{ zone: string; timeout: string }>(
          `SELECT current_setting('TimeZone') AS zone, current_setting('statement_timeout') AS timeout`,
        );
        expect(rows).toEqual([{ zone: 'UTC', timeout: '12345ms' }]);
      }
    } finally {
      await client.end();
      await pool.end();
    }
  });
});

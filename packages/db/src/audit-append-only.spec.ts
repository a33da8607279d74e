import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { deployMigrations } from './migrations.js';
import { RUNTIME_LOGIN } from './roles.js';
import { createTestDatabase, runSql as run, testPostgresAdminUrl, type TestDatabase } from './testing/test-database.js';

const INSERT_EVENT = `INSERT INTO audit_event (seq, occurred_at, actor_type, actor_roles, channel, action, entity_type, outcome, prev_hash, hash)
  VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM audit_event), now(), 'SYSTEM', '{}', 'SYSTEM', 'test.event', 'Test', 'SUCCESS',
          repeat('0', 64), md5(random()::text) || md5(random()::text))`;

describe('audit_event is append-only, enforced by PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    await deployMigrations(db.url);
    expect(await run(db.url, INSERT_EVENT)).toEqual({ ok: true });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('the application role may insert and read events', async () => {
    expect(await run(db.appUrl, INSERT_EVENT)).toEqual({ ok: true });
    expect(await run(db.appUrl, 'SELECT * FROM audit_event')).toEqual({ ok: true });
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET action = 'forged'`],
    ['DELETE', 'DELETE FROM audit_event'],
    ['TRUNCATE', 'TRUNCATE audit_event'],
  ])('the application role is refused %s by its privileges', async (_name, sql) => {
    expect(await run(db.appUrl, sql)).toMatchObject({
      ok: false,
      code: '42501',
      message: expect.stringContaining('permission denied'),
    });
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET action = 'forged'`],
    ['DELETE', 'DELETE FROM audit_event'],
    ['TRUNCATE', 'TRUNCATE audit_event'],
  ])('even the owner is refused %s by the append-only triggers', async (name, sql) => {
    expect(await run(db.url, sql)).toMatchObject({
      ok: false,
      code: '42501',
      message: `audit_event is append-only: ${name} is not allowed`,
    });
  });

  it('signed checkpoints are append-only too, for the application role and the owner', async () => {
    const insert = `INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, public_key, signature)
      VALUES (1, repeat('a', 64), now(), repeat('b', 64), 'pem', 'sig')`;
    expect(await run(db.appUrl, insert)).toEqual({ ok: true });
    expect(await run(db.appUrl, `UPDATE audit_checkpoint SET hash = repeat('c', 64)`)).toMatchObject({
      ok: false,
      code: '42501',
    });
    expect(await run(db.appUrl, 'DELETE FROM audit_checkpoint')).toMatchObject({ ok: false, code: '42501' });
    expect(await run(db.url, 'DELETE FROM audit_checkpoint')).toMatchObject({
      ok: false,
      message: 'audit_checkpoint is append-only: DELETE is not allowed',
    });
  });

  it('the application role owns no table', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`, [
        RUNTIME_LOGIN,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('the application role cannot write Prisma migration records', async () => {
    expect(await run(db.appUrl, `DELETE FROM _prisma_migrations`)).toMatchObject({ ok: false, code: '42501' });
    expect(await run(db.appUrl, `SELECT * FROM _prisma_migrations`)).toEqual({ ok: true });
  });
});

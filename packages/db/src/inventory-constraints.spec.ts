import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deployMigrations } from './migrations.js';
import { createTestDatabase, runSql as run, testPostgresAdminUrl, type TestDatabase } from './testing/test-database.js';

const provider = (key: string, country: string) =>
  `INSERT INTO provider (key, name, headquarters_country, type, updated_at) VALUES ('${key}', 'P ${key}', '${country}', 'COMPANY', now())`;
const version = (key: string, extra: Record<string, string> = {}) => {
  const columns = {
    key: `'${key}'`,
    provider_id: `(SELECT id FROM provider WHERE key = 'acme')`,
    family_name: `'Fam'`,
    version_name: `'${key}'`,
    developer_country: `'US'`,
    supplier: `'Hugging Face'`,
    distribution: `'OPEN_WEIGHTS'`,
    updated_at: 'now()',
    ...extra,
  };
  return `INSERT INTO model_version (${Object.keys(columns).join(', ')}) VALUES (${Object.values(columns).join(', ')})`;
};

describe('inventory tables: integrity enforced by PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(testPostgresAdminUrl(), { empty: true });
    await deployMigrations(db.url);
    expect(await run(db.appUrl, provider('acme', 'US'))).toEqual({ ok: true });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('the application role may write inventory records', async () => {
    expect(await run(db.appUrl, version('acme-1'))).toEqual({ ok: true });
  });

  it.each([
    ['a lower-case country code', provider('bad-country', 'us'), 'provider_headquarters_country_iso'],
    [
      'weights SHA-256 that is not 64 hex digits',
      version('bad-sha', { weights_sha256: `'${'Z'.repeat(64)}'` }),
      'model_version_weights_sha256_hex',
    ],
    ['a negative parameter count', version('bad-params', { parameter_count: '-7' }), 'model_version_parameter_count_positive'],
  ])('refuses %s', async (_name, sql, constraint) => {
    expect(await run(db.appUrl, sql)).toMatchObject({ ok: false, code: '23514', constraint });
  });

  it('refuses a model version that is its own base', async () => {
    expect(await run(db.appUrl, version('acme-self'))).toEqual({ ok: true });
    const selfBase = `INSERT INTO model_version_base (model_version_id, base_model_version_id, relation)
      SELECT id, id, 'FINE_TUNE' FROM model_version WHERE key = 'acme-self'`;
    expect(await run(db.appUrl, selfBase)).toMatchObject({
      ok: false,
      code: '23514',
      constraint: 'model_version_base_not_itself',
    });
  });

  it('keeps one version name per provider', async () => {
    expect(await run(db.appUrl, version('dup-a', { version_name: `'Same'` }))).toEqual({ ok: true });
    expect(await run(db.appUrl, version('dup-b', { version_name: `'Same'` }))).toMatchObject({ ok: false, code: '23505' });
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { bulkInsert } from '@modelgate/db';
import { computeEventHash, GENESIS_HASH } from '@modelgate/domain/audit';
import { apiTokenPrefix, formatApiToken, hashApiToken } from '@modelgate/domain/auth/api-tokens';
import pg from 'pg';

export type Scale = { name: 'S' | 'L'; versions: number; deployments: number; auditEvents: number };

export const SCALES: Record<'S' | 'L', Scale> = {
  S: { name: 'S', versions: 1_000, deployments: 10_000, auditEvents: 100_000 },
  L: { name: 'L', versions: 10_000, deployments: 100_000, auditEvents: 1_000_000 },
};

export type Dataset = {
  token: string;
  versionIds: string[];
  hostingTargetIds: string[];
};

const COUNTRIES = ['US', 'CN', 'FR', 'DE', 'GB', 'AE', 'JP', 'CA', 'IL', 'KR'];
const PROVIDERS = 50;
const TEAMS = 20;
const HOSTING_TARGETS = 20;

/**
 * Fills an empty, migrated database with a synthetic inventory in a few set-based statements: providers,
 * model versions (a tenth non-commercial, a third with a granted approval), hosting targets, teams and
 * deployments, plus one user with an API token for the load generator.
 */
export async function generateDataset(databaseUrl: string, scale: Scale): Promise<Dataset> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const user = await client.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, roles, review_categories, updated_at)
       VALUES ('bench@bench.modelgate.local', 'Bench runner', '{COMPLIANCE_OFFICER}', '{}', now()) RETURNING id`,
    );
    const userId = user.rows[0]!.id;
    await client.query(
      `INSERT INTO team (slug, name, updated_at) SELECT 'bench-team-' || n, 'Bench team ' || n, now() FROM generate_series(1, $1) n`,
      [TEAMS],
    );
    await client.query(
      `INSERT INTO provider (key, name, headquarters_country, type, updated_at)
       SELECT 'bench-provider-' || n, 'Bench provider ' || n, ($2::text[])[1 + n % array_length($2::text[], 1)], 'COMPANY', now()
       FROM generate_series(1, $1) n`,
      [PROVIDERS, COUNTRIES],
    );
    await client.query(
      `INSERT INTO model_version (key, provider_id, family_name, version_name, developer_country, supplier, distribution,
         weights_sha256, declared_license, concluded_license, license_class, obligations, effective_origin, modalities, updated_at)
       SELECT 'bench-mv-' || n, p.id, 'Bench family ' || (n % 100), 'bench-model-' || n, p.headquarters_country, p.name,
         'OPEN_WEIGHTS', encode(sha256(('weights-' || n)::bytea), 'hex'),
         CASE WHEN n % 10 = 0 THEN 'CC-BY-NC-4.0' ELSE 'Apache-2.0' END,
         CASE WHEN n % 10 = 0 THEN 'CC-BY-NC-4.0' ELSE 'Apache-2.0' END,
         CASE WHEN n % 10 = 0 THEN 'NON_COMMERCIAL' ELSE 'PERMISSIVE' END,
         CASE WHEN n % 10 = 0
           THEN '{"commercialUse":"PROHIBITED","userCap":null,"attributionRequired":true,"researchOnly":false,"shareAlike":false,"incomplete":false}'::jsonb
           ELSE '{"commercialUse":"ALLOWED","userCap":null,"attributionRequired":true,"researchOnly":false,"shareAlike":false,"incomplete":false}'::jsonb
         END,
         ARRAY[p.headquarters_country]::varchar(2)[], '{TEXT}', now() - (n || ' minutes')::interval
       FROM generate_series(1, $1) n
       JOIN LATERAL (SELECT id, name, headquarters_country FROM provider WHERE key = 'bench-provider-' || (1 + n % $2)) p ON true`,
      [scale.versions, PROVIDERS],
    );
    await client.query(
      `INSERT INTO hosting_target (name, mode, operator, country, retention_days, trains_on_inputs, zero_data_retention, updated_at)
       SELECT 'Bench hosting ' || n,
         (ARRAY['ON_PREMISES', 'PRIVATE_CLOUD', 'VENDOR_API', 'THIRD_PARTY_HOSTED'])[1 + n % 4]::"HostingMode",
         'Operator ' || (n % 5), ($2::text[])[1 + n % array_length($2::text[], 1)],
         CASE WHEN n % 4 = 2 THEN 30 ELSE NULL END,
         (CASE WHEN n % 4 = 2 THEN 'OPT_OUT' ELSE 'NO' END)::"TrainsOnInputs", n % 4 <> 2, now()
       FROM generate_series(1, $1) n`,
      [HOSTING_TARGETS, COUNTRIES],
    );
    await client.query(
      `WITH v AS (SELECT id, row_number() OVER (ORDER BY key) AS i FROM model_version),
            t AS (SELECT id, row_number() OVER (ORDER BY slug) AS i FROM team),
            h AS (SELECT id, row_number() OVER (ORDER BY name) AS i FROM hosting_target)
       INSERT INTO deployment (model_version_id, team_id, application, environment, hosting_target_id, data_classification,
         personal_data, purpose, eu_ai_act_category, registered_by_id, registered_via, updated_at)
       SELECT v.id, t.id, 'bench-app-' || n,
         (ARRAY['DEVELOPMENT', 'STAGING', 'PRODUCTION'])[1 + n % 3]::"Environment", h.id,
         (ARRAY['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'])[1 + n % 4]::"DataClassification",
         n % 7 = 0, 'Benchmark deployment', 'MINIMAL', $4, 'API', now()
       FROM generate_series(0, $1 - 1) n
       JOIN v ON v.i = 1 + (n * 7919) % $2
       JOIN t ON t.i = 1 + n % $3
       JOIN h ON h.i = 1 + n % $5`,
      [scale.deployments, scale.versions, TEAMS, userId, HOSTING_TARGETS],
    );
    await client.query(
      `INSERT INTO approval_request (model_version_id, weights_sha256, team_id, requester_id, requested_via, state, intended_use,
         environments, hosting_modes, max_data_classification, personal_data, expected_users, risk_tier, required_categories,
         submitted_at, decided_at, valid_from, valid_until, policy_version, updated_at)
       SELECT v.id, v.weights_sha256, (SELECT id FROM team ORDER BY slug LIMIT 1), $1, 'API', 'APPROVED', 'Benchmark use',
         '{DEVELOPMENT,STAGING,PRODUCTION}', '{ON_PREMISES,PRIVATE_CLOUD}', 'CONFIDENTIAL', false, 100, 'LOW', '{security,legal}',
         now(), now(), now(), now() + interval '300 days', 0, now()
       FROM model_version v WHERE v.key LIKE 'bench-mv-%' AND right(v.key, 1) IN ('1', '4', '7')`,
      [userId],
    );
    const token = formatApiToken(randomBytes(32));
    await client.query(
      `INSERT INTO api_token (name, prefix, token_hash, scopes, user_id, created_by_id, expires_at)
       VALUES ('bench', $1, $2, '{decisions:read,models:read,models:write,approvals:read,audit:read,audit:verify}', $3, $3, now() + interval '30 days')`,
      [apiTokenPrefix(token), hashApiToken(token), userId],
    );
    await client.query('COMMIT');
    const versions = await client.query<{ id: string }>('SELECT id FROM model_version ORDER BY key');
    const targets = await client.query<{ id: string }>('SELECT id FROM hosting_target ORDER BY name');
    return { token, versionIds: versions.rows.map((r) => r.id), hostingTargetIds: targets.rows.map((r) => r.id) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Appends `count` audit events to an empty trail, hash-chained exactly as the application chains them, so that the
 * verification scenario checks a realistic trail (events with before/after documents).
 */
export async function generateAuditTrail(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let prevHash = GENESIS_HASH;
    const start = Date.now() - count * 1000;
    const BATCH = 5_000;
    await client.query('BEGIN');
    for (let first = 1; first <= count; first += BATCH) {
      const rows = [];
      for (let seq = first; seq < Math.min(first + BATCH, count + 1); seq += 1) {
        const event = {
          seq: BigInt(seq),
          id: randomUUID(),
          occurredAt: new Date(start + seq * 1000),
          actorType: 'USER',
          actorId: 'bench',
          actorLabel: 'bench@bench.modelgate.local',
          actorRoles: ['COMPLIANCE_OFFICER'],
          channel: 'API',
          action: 'deployment.update',
          entityType: 'Deployment',
          entityId: randomUUID(),
          before: { status: 'ACTIVE', purpose: `Purpose ${seq}`, version: seq },
          after: { status: 'ACTIVE', purpose: `Purpose ${seq + 1}`, version: seq + 1 },
          outcome: 'SUCCESS',
          reason: null,
          requestId: randomUUID(),
          ip: '127.0.0.1',
          userAgent: 'bench',
          prevHash,
        };
        const hash = computeEventHash(event);
        prevHash = hash;
        rows.push({ ...event, hash });
      }
      await bulkInsert(
        { $executeRawUnsafe: (query, ...values) => client.query(query, values).then((r) => r.rowCount ?? 0) },
        'audit_event',
        rows,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Leaves the freshly loaded database as a long-running one would be, before any service starts: vacuumed (visibility
 * map and hint bits set, so a scenario's first reads of the loaded rows write nothing, and no autovacuum of the load
 * runs during the first scenarios) and checkpointed (the load's dirty pages written now, not during a measurement).
 */
export async function settleDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

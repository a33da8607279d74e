// The baseline: a minimal Fastify + pg server answering the same questions as Modelgate with hand-written SQL and
// the same domain rules (`@modelgate/domain`), so a ratio measures what the framework, ORM and GraphQL layers cost.
import { createHash, createHmac, hash as hashText, randomUUID } from 'node:crypto';
import type { ApprovalCondition, RequestState, ReviewCategory } from '@modelgate/domain/approvals';
import type { DataClassification, Environment, EuAiActCategory, HostingMode } from '@modelgate/domain/inventory';
import {
  decide,
  DEFAULT_POLICY_SET,
  evaluatePolicy,
  exceptionCovers,
  policySetSchema,
  type ApprovalOnRecord,
  type PolicyFacts,
} from '@modelgate/domain/policy';
import { ChainVerifier, computeEventHash, GENESIS_HASH, toStorableJson } from '@modelgate/domain/audit';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });

type TokenRow = { id: string; name: string; user_id: string | null; scopes: string[] };
type ModelRow = {
  id: string;
  developer_country: string;
  effective_origin: string[];
  distribution: string;
  weights_sha256: string | null;
  declared_license: string;
  concluded_license: string | null;
  license_class: string;
  obligations: { commercialUse?: string; userCap?: number | null; researchOnly?: boolean; incomplete?: boolean };
};
type HostingRow = {
  id: string;
  mode: HostingMode;
  operator: string;
  country: string;
  trains_on_inputs: string;
  retention_days: number | null;
  zero_data_retention: boolean;
};
type ApprovalRow = {
  id: string;
  number: number;
  state: RequestState;
  team_id: string | null;
  risk_tier: string | null;
  intended_use: string;
  environments: Environment[];
  hosting_modes: HostingMode[];
  max_data_classification: DataClassification;
  personal_data: boolean;
  expected_users: string;
  eu_ai_act_category: EuAiActCategory | null;
  conditions: ApprovalCondition[];
  valid_until: Date | null;
  weights_sha256: string | null;
  categories: ReviewCategory[];
  approvers: string;
};
type ExceptionRow = {
  id: string;
  number: number;
  team_id: string | null;
  environments: Environment[];
  hosting_target_ids: string[];
  max_data_classification: DataClassification;
  rule_ids: string[];
  state: string;
  expires_at: Date;
};
type InventoryRow = {
  id: string;
  family_name: string;
  version_name: string;
  developer_country: string;
  license_class: string;
  concluded_license: string | null;
  provider_id: string;
  provider_name: string;
  deployment_count: string;
  approval_state: string | null;
};

async function authenticate(header: string | undefined, scope: string): Promise<TokenRow | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query<TokenRow>(
    'SELECT id, name, user_id, scopes FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()',
    [hash],
  );
  const row = rows[0];
  return row && row.scopes.includes(scope) ? row : null;
}

type Question = {
  modelVersionId: string;
  hostingTargetId: string;
  environment: Environment;
  dataClassification: DataClassification;
  personalData?: boolean;
};

app.post<{ Body: Question }>('/api/v1/decisions', async (request, reply) => {
  const caller = await authenticate(request.headers.authorization, 'decisions:read');
  if (!caller) return reply.code(401).send({ errors: [{ message: 'unauthenticated' }] });
  const question = request.body;
  const [model, hosting, approvals, exceptions, active] = await Promise.all([
    pool.query<ModelRow>(
      `SELECT id, developer_country, effective_origin, distribution, weights_sha256, declared_license, concluded_license,
              license_class, obligations FROM model_version WHERE id = $1`,
      [question.modelVersionId],
    ),
    pool.query<HostingRow>(
      `SELECT id, mode, operator, country, trains_on_inputs, retention_days, zero_data_retention
       FROM hosting_target WHERE id = $1`,
      [question.hostingTargetId],
    ),
    pool.query<ApprovalRow>(
      `SELECT a.id, a.number, a.state, a.team_id, a.risk_tier, a.intended_use, a.environments, a.hosting_modes,
              a.max_data_classification, a.personal_data, a.expected_users, a.eu_ai_act_category, a.conditions,
              a.valid_until, a.weights_sha256,
              ARRAY(SELECT category FROM risk_review r WHERE r.request_id = a.id AND r.status = 'SIGNED_OFF') AS categories,
              (SELECT count(DISTINCT person_id) FROM approval_vote v WHERE v.request_id = a.id AND v.decision = 'APPROVE') AS approvers
       FROM approval_request a WHERE a.model_version_id = $1 ORDER BY a.updated_at DESC LIMIT 50`,
      [question.modelVersionId],
    ),
    pool.query<ExceptionRow>(
      `SELECT id, number, model_version_id, team_id, environments, hosting_target_ids, max_data_classification, rule_ids,
              state, expires_at FROM policy_exception WHERE model_version_id = $1 AND state = 'GRANTED' ORDER BY expires_at DESC`,
      [question.modelVersionId],
    ),
    pool.query<{ number: number; policy: unknown }>(`SELECT number, policy FROM policy_version WHERE status = 'ACTIVE'`),
  ]);
  const m = model.rows[0];
  const h = hosting.rows[0];
  if (!m || !h) return reply.code(400).send({ errors: [{ message: 'unknown model version or hosting target' }] });
  const policy = active.rows[0] ? policySetSchema.parse(active.rows[0].policy) : DEFAULT_POLICY_SET;
  const policyNumber = active.rows[0]?.number ?? 0;
  const records: ApprovalOnRecord[] = approvals.rows.map((a) => ({
    id: a.id,
    reference: `AR-${a.number}`,
    state: a.state,
    teamId: a.team_id,
    scope: {
      intendedUse: a.intended_use,
      environments: a.environments,
      hostingModes: a.hosting_modes,
      maxDataClassification: a.max_data_classification,
      personalData: a.personal_data,
      expectedUsers: Number(a.expected_users),
      euAiActCategory: a.eu_ai_act_category,
    },
    conditions: a.conditions,
    validUntil: a.valid_until,
    weightsSha256: a.weights_sha256,
    reviewedCategories: a.categories,
    approverCount: Number(a.approvers),
  }));
  const granted = records.find((a) => a.state === 'APPROVED' || a.state === 'APPROVED_WITH_CONDITIONS');
  const latest = granted ?? records[0];
  const obligations = m.obligations;
  const personalData = question.personalData ?? false;
  const facts: PolicyFacts = {
    'model.developerCountry': m.developer_country,
    'model.effectiveOrigin': m.effective_origin,
    'model.distribution': m.distribution,
    'model.weightsChecksumPresent': m.weights_sha256 !== null,
    'license.class': m.license_class,
    'license.commercialUse': obligations.commercialUse ?? 'PROHIBITED',
    'license.userCap': obligations.userCap ?? null,
    'license.researchOnly': obligations.researchOnly ?? false,
    'license.missing': (m.concluded_license ?? m.declared_license).trim() === '' || obligations.incomplete === true,
    'use.environment': question.environment,
    'use.dataClassification': question.dataClassification,
    'use.personalData': personalData,
    'use.euAiActCategory': null,
    'hosting.mode': h.mode,
    'hosting.operator': h.operator,
    'hosting.operatorCountry': h.country,
    'hosting.trainsOnInputs': h.trains_on_inputs,
    'hosting.retentionDays': h.retention_days,
    'hosting.zeroDataRetention': h.zero_data_retention,
    'hosting.weightsVerified': false,
    'approval.status': latest?.state ?? 'NONE',
    'approval.riskTier': approvals.rows.find((a) => a.id === latest?.id)?.risk_tier ?? null,
  };
  const now = new Date();
  const covering = exceptions.rows.find((e) =>
    exceptionCovers(
      {
        state: e.state,
        environments: e.environments,
        hostingTargetIds: e.hosting_target_ids,
        maxDataClassification: e.max_data_classification,
        teamId: e.team_id,
        expiresAt: e.expires_at,
      },
      {
        environment: question.environment,
        hostingTargetId: h.id,
        dataClassification: question.dataClassification,
        teamId: null,
        now,
      },
    ),
  );
  const result = decide(
    evaluatePolicy(policy, facts),
    records,
    covering
      ? { id: covering.id, reference: `EX-${covering.number}`, ruleIds: covering.rule_ids, expiresAt: covering.expires_at }
      : null,
    {
      usage: {
        environment: question.environment,
        hostingMode: h.mode,
        dataClassification: question.dataClassification,
        personalData,
        weightsSha256: m.weights_sha256,
      },
      teamId: null,
      currentWeightsSha256: m.weights_sha256,
      now,
    },
  );
  const logged = await pool.query<{ id: string; created_at: Date }>(
    `INSERT INTO policy_decision (model_version_id, question, decision, reasons, policy_version, approval_request_id,
       exception_id, actor_type, actor_id, actor_label, channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'TOKEN', $8, $9, 'API') RETURNING id, created_at`,
    [
      m.id,
      JSON.stringify(question),
      result.decision,
      JSON.stringify(result.reasons),
      policyNumber,
      result.coveringApproval?.id ?? null,
      result.exception?.id ?? null,
      caller.id,
      caller.name,
    ],
  );
  return {
    id: logged.rows[0]!.id,
    decision: result.decision,
    reasons: result.reasons,
    policyVersion: policyNumber,
    decidedAt: logged.rows[0]!.created_at,
  };
});

/** The inventory list's first page: versions with provider, license, latest approval state and active deployment count. */
app.get<{ Querystring: { first?: string } }>('/api/inventory', async (request, reply) => {
  const caller = await authenticate(request.headers.authorization, 'models:read');
  if (!caller) return reply.code(401).send({ errors: [{ message: 'unauthenticated' }] });
  const first = Math.min(200, Math.max(1, Number(request.query.first ?? 50)));
  const { rows } = await pool.query<InventoryRow>(
    `SELECT v.id, v.family_name, v.version_name, v.developer_country, v.license_class, v.concluded_license,
            p.id AS provider_id, p.name AS provider_name,
            (SELECT count(*) FROM deployment d WHERE d.model_version_id = v.id AND d.status = 'ACTIVE') AS deployment_count,
            (SELECT a.state FROM approval_request a WHERE a.model_version_id = v.id ORDER BY a.updated_at DESC LIMIT 1) AS approval_state
     FROM model_version v JOIN provider p ON p.id = v.provider_id
     WHERE v.retired_at IS NULL
     ORDER BY v.family_name, v.version_name, v.id LIMIT $1`,
    [first + 1],
  );
  return {
    totalCount: Number(
      (await pool.query<{ count: string }>('SELECT count(*) FROM model_version WHERE retired_at IS NULL')).rows[0]!.count,
    ),
    hasNextPage: rows.length > first,
    nodes: rows.slice(0, first).map((row) => ({
      id: row.id,
      familyName: row.family_name,
      versionName: row.version_name,
      developerCountry: row.developer_country,
      licenseClass: row.license_class,
      concludedLicense: row.concluded_license,
      provider: { id: row.provider_id, name: row.provider_name },
      deploymentCount: Number(row.deployment_count),
      approvalState: row.approval_state,
    })),
  };
});

type SessionRow = { user_id: string; email: string; roles: string[] };
type RequestRow = Record<string, unknown> & {
  id: string;
  number: number;
  state: string;
  version: number;
  requester_id: string | null;
  last_edited_by_id: string | null;
  required_categories: string[];
  signed_off: string[];
};

/** The app's chain lock (apps/api/src/audit/audit.repository.ts): one writer appends to the audit chain at a time. */
const AUDIT_CHAIN_LOCK = 0x4d_47_41_55;

/** A browser session, as the app reads it: the cookie's secret hashed, and the CSRF token derived from it. */
async function sessionOf(cookie: string | undefined, csrfToken: string | string[] | undefined): Promise<SessionRow | null> {
  const secret = /(?:^|;\s*)mg_session=([^;]+)/.exec(cookie ?? '')?.[1];
  if (!secret || csrfToken !== createHmac('sha256', secret).update('modelgate-csrf').digest('base64url')) return null;
  const { rows } = await pool.query<SessionRow>(
    `SELECT s.user_id, u.email, u.roles::text[] AS roles FROM session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [createHash('sha256').update(secret).digest('hex')],
  );
  return rows[0] ?? null;
}

type Approval = { requestId: string; expectedVersion: number; rationale: string };

/**
 * One approval that fills a request's rule (one approver), in one transaction: the request read at the caller's
 * version with its signed-off reviews, the guarded update (version + 1), the vote, the requester's notification, and
 * the two audit events (vote and transition) appended to the hash chain under its lock.
 */
app.post<{ Body: Approval }>('/api/approvals/approve', async (request, reply) => {
  const person = await sessionOf(request.headers.cookie, request.headers['x-csrf-token']);
  if (!person) return reply.code(401).send({ errors: [{ message: 'unauthenticated' }] });
  if (!person.roles.includes('REVIEWER') && !person.roles.includes('COMPLIANCE_OFFICER')) {
    return reply.code(403).send({ errors: [{ message: 'only reviewers and compliance officers decide' }] });
  }
  const { requestId, expectedVersion, rationale } = request.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<RequestRow>(
      `SELECT a.*, ARRAY(SELECT category FROM risk_review r WHERE r.request_id = a.id AND r.status = 'SIGNED_OFF') AS signed_off
       FROM approval_request a WHERE a.id = $1`,
      [requestId],
    );
    const before = rows[0];
    const refuse = async (code: number, message: string) => {
      await client.query('ROLLBACK');
      return reply.code(code).send({ errors: [{ message }] });
    };
    if (!before) return await refuse(404, 'no such request');
    if (before.version !== expectedVersion) return await refuse(409, 'stale version');
    if (before.state !== 'IN_REVIEW') return await refuse(409, 'only requests in review are decided');
    if (before.requester_id === person.user_id || before.last_edited_by_id === person.user_id) {
      return await refuse(403, 'someone else must approve it');
    }
    if (before.required_categories.some((category) => !before.signed_off.includes(category))) {
      return await refuse(400, 'needs signed-off reviews first');
    }
    const updated = await client.query<Record<string, unknown>>(
      `UPDATE approval_request SET state = 'APPROVED', decided_at = now(), decision_rationale = $3, valid_from = now(),
         valid_until = now() + interval '12 months', policy_version = 0, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING *`,
      [requestId, expectedVersion, rationale],
    );
    const after = updated.rows[0];
    if (!after) return await refuse(409, 'stale version');
    const asComplianceOfficer = person.roles.includes('COMPLIANCE_OFFICER');
    const vote = await client.query<Record<string, unknown>>(
      `INSERT INTO approval_vote (request_id, person_id, decision, as_compliance_officer, rationale)
       VALUES ($1, $2, 'APPROVE', $3, $4) RETURNING *`,
      [requestId, person.user_id, asComplianceOfficer, rationale],
    );
    if (before.requester_id) {
      await client.query(`INSERT INTO notification (user_id, event, title, request_id) VALUES ($1, 'decision.made', $2, $3)`, [
        before.requester_id,
        `AR-${before.number} was approved`,
        requestId,
      ]);
    }
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const head = await client.query<{ seq: string | null; hash: string | null; now: Date }>(
      `SELECT (SELECT seq FROM audit_event ORDER BY seq DESC LIMIT 1) AS seq,
              (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS hash,
              date_trunc('milliseconds', clock_timestamp()) AS now`,
    );
    let seq = BigInt(head.rows[0]!.seq ?? 0);
    let prevHash = head.rows[0]!.hash ?? GENESIS_HASH;
    const { signed_off: _signedOff, ...beforeView } = before;
    const entries = [
      { action: 'approval_vote.approve', before: null, after: toStorableJson(vote.rows[0]) },
      { action: 'approval_request.approve', before: toStorableJson(beforeView), after: toStorableJson(after) },
    ];
    const events = entries.map((entry) => {
      seq += 1n;
      const event = {
        seq,
        id: randomUUID(),
        occurredAt: head.rows[0]!.now,
        actorType: 'USER',
        actorId: person.user_id,
        actorLabel: person.email,
        actorRoles: person.roles,
        channel: 'ADMIN_APP',
        action: entry.action,
        entityType: 'ApprovalRequest',
        entityId: requestId,
        before: entry.before,
        after: entry.after,
        outcome: 'SUCCESS',
        reason: null,
        requestId: request.id,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        prevHash,
      };
      prevHash = computeEventHash(event);
      return { ...event, hash: prevHash };
    });
    const columns = events.map((e) => [
      e.seq.toString(),
      e.id,
      e.occurredAt,
      e.actorType,
      e.actorId,
      e.actorLabel,
      e.actorRoles,
      e.channel,
      e.action,
      e.entityType,
      e.entityId,
      e.before === null ? null : JSON.stringify(e.before),
      JSON.stringify(e.after),
      e.outcome,
      e.reason,
      e.requestId,
      e.ip,
      e.userAgent,
      e.prevHash,
      e.hash,
    ]);
    const placeholders = columns.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`);
    await client.query(
      `INSERT INTO audit_event (seq, id, occurred_at, actor_type, actor_id, actor_label, actor_roles, channel, action,
         entity_type, entity_id, before, after, outcome, reason, request_id, ip, user_agent, prev_hash, hash)
       VALUES ${placeholders.join(', ')}`,
      columns.flat(),
    );
    await client.query('COMMIT');
    return { id: requestId, state: after.state, version: after.version };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

/** What the chain hash covers, in ChainedAuditEvent order; the time as epoch ms and the roles as JSON are cheaper to read. */
const AUDIT_CHAIN_PAGE = `SELECT seq, id, round(extract(epoch FROM occurred_at) * 1000)::float8, actor_type, actor_id, actor_label,
  to_json(actor_roles), channel, action, entity_type, entity_id, before, after, outcome, reason, request_id, ip, user_agent,
  prev_hash, hash FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2`;
const AUDIT_VERIFY_PAGE = 5_000;
const sha256Hex = (text: string): string => hashText('sha256', text);

async function auditChainPage(after: string) {
  const { rows } = await pool.query<unknown[]>({ text: AUDIT_CHAIN_PAGE, values: [after, AUDIT_VERIFY_PAGE], rowMode: 'array' });
  return rows.map((row) => ({
    seq: BigInt(row[0] as string),
    id: row[1] as string,
    occurredAt: new Date(row[2] as number),
    actorType: row[3] as string,
    actorId: row[4] as string | null,
    actorLabel: row[5] as string | null,
    actorRoles: row[6] as string[],
    channel: row[7] as string,
    action: row[8] as string,
    entityType: row[9] as string,
    entityId: row[10] as string | null,
    before: row[11],
    after: row[12],
    outcome: row[13] as string,
    reason: row[14] as string | null,
    requestId: row[15] as string | null,
    ip: row[16] as string | null,
    userAgent: row[17] as string | null,
    prevHash: row[18] as string,
    hash: row[19] as string,
  }));
}

/** The whole audit chain re-hashed in keyset-paged batches, the next page read while one is hashed, as the application does. */
app.get('/api/audit/verify', async (request, reply) => {
  const caller = await authenticate(request.headers.authorization, 'audit:verify');
  if (!caller) return reply.code(401).send({ errors: [{ message: 'unauthenticated' }] });
  const verifier = new ChainVerifier(sha256Hex);
  let next: ReturnType<typeof auditChainPage> | null = auditChainPage('0');
  while (next) {
    const events: Awaited<ReturnType<typeof auditChainPage>> = await next;
    next = events.length === AUDIT_VERIFY_PAGE ? auditChainPage(events.at(-1)!.seq.toString()) : null;
    if (!verifier.add(events)) {
      await next?.catch(() => undefined);
      break;
    }
  }
  return verifier.result();
});

app.get('/healthz', () => ({ status: 'ok' }));

const port = Number(process.env.PORT ?? 4500);
await app.listen({ host: '127.0.0.1', port });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);

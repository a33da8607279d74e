// The approve transition: a reviewer's approval that fills a request's rule, so the request goes IN_REVIEW -> APPROVED
// under its optimistic version check, with the vote and the hash-chained audit events in the same transaction. The app
// does it through `decideApprovalRequest`; the baseline server does the same writes with plain pg in one transaction
// (baseline-server.ts, POST /api/approvals/approve). Several clients, each with its own approver and its own requests.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { computeEventHash } from '@modelgate/domain/audit';
import pg from 'pg';
import { median, throughputOverQueues, type QueueResult } from './load.js';
import type { ScenarioResult } from './report.js';
import type { Service } from './processes.js';

/** Clients in flight at once; each signs in as its own approver and decides only its own requests. */
export const TRANSITION_CLIENTS = 8;
/** The target: the app's transitions per second at least this share of the raw SQL's. */
const TARGET_RATIO = 0.4;
/** A first guess of each side's rate, to size the first round's open requests; later rounds use the measured rate. */
// Both are bound by the commit's flush, since the chain lock is held until commit: about a hundred or a few hundred
// per second on this kind of machine.
const FIRST_GUESS_PER_SECOND = { app: 100, baseline: 400 };
const RATIONALE = 'Benchmark approval: security and legal reviews are signed off, low risk.';

const DECIDE = `mutation Approve($input: DecideInput!) { decideApprovalRequest(input: $input) { id state version } }`;

type Approver = { id: string; cookie: string; csrfToken: string };

export type TransitionOptions = {
  app: Service;
  baseline: Service;
  databaseUrl: string;
  rounds: number;
  seconds: number;
  log: (line: string) => void;
};

/** The session cookie and CSRF token the app derives from a session secret (apps/api/src/auth/session-token.ts). */
function sessionFor(secret: string): { cookie: string; csrfToken: string; tokenHash: string } {
  return {
    cookie: `mg_session=${secret}`,
    csrfToken: createHmac('sha256', secret).update('modelgate-csrf').digest('base64url'),
    tokenHash: createHash('sha256').update(secret).digest('hex'),
  };
}

/**
 * One reviewer per client, signed in (a session row, as the sign-in mutation would write it), and a model version of
 * its own for the requests, named to sort after the generated inventory so that the list scenarios do not see them.
 */
async function prepareApprovers(client: pg.Client): Promise<{ approvers: Approver[]; modelVersionId: string }> {
  await client.query('BEGIN');
  const version = await client.query<{ id: string }>(
    `INSERT INTO model_version (key, provider_id, family_name, version_name, developer_country, supplier, distribution,
       weights_sha256, declared_license, concluded_license, license_class, obligations, effective_origin, modalities, updated_at)
     SELECT 'bench-transition', p.id, 'Transition bench', 'transition-model', p.headquarters_country, p.name, 'OPEN_WEIGHTS',
       encode(sha256('transition-weights'::bytea), 'hex'), 'Apache-2.0', 'Apache-2.0', 'PERMISSIVE',
       '{"commercialUse":"ALLOWED","userCap":null,"attributionRequired":true,"researchOnly":false,"shareAlike":false,"incomplete":false}'::jsonb,
       ARRAY[p.headquarters_country]::varchar(2)[], '{TEXT}', now()
     FROM provider p ORDER BY p.key LIMIT 1
     RETURNING id`,
  );
  const users = await client.query<{ id: string }>(
    `INSERT INTO app_user (email, display_name, roles, review_categories, updated_at)
     SELECT 'bench-approver-' || n || '@bench.modelgate.local', 'Bench approver ' || n, '{REVIEWER}', '{security,legal}', now()
     FROM generate_series(1, $1) n ORDER BY n
     RETURNING id`,
    [TRANSITION_CLIENTS],
  );
  const approvers: Approver[] = [];
  for (const user of users.rows) {
    const session = sessionFor(randomBytes(32).toString('base64url'));
    await client.query(`INSERT INTO session (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
      session.tokenHash,
      user.id,
    ]);
    approvers.push({ id: user.id, cookie: session.cookie, csrfToken: session.csrfToken });
  }
  await client.query('COMMIT');
  return { approvers, modelVersionId: version.rows[0]!.id };
}

/**
 * `count` requests in review, asked by the generated compliance officer, with their security and legal reviews signed
 * off at the lowest rating: one approval fills the rule (risk tier LOW, one approver), so each approval is a transition.
 */
async function openRequests(client: pg.Client, modelVersionId: string, count: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `WITH officer AS (SELECT id FROM app_user WHERE email = 'bench@bench.modelgate.local'),
     r AS (
       INSERT INTO approval_request (model_version_id, weights_sha256, team_id, requester_id, requested_via, state,
         intended_use, environments, hosting_modes, max_data_classification, personal_data, expected_users, risk_tier,
         required_categories, required_approvers, submitted_at, updated_at)
       SELECT v.id, v.weights_sha256, (SELECT id FROM team ORDER BY slug LIMIT 1), (SELECT id FROM officer), 'API', 'IN_REVIEW',
         'Benchmark transition', '{STAGING}', '{PRIVATE_CLOUD}', 'INTERNAL', false, 100, 'LOW', '{security,legal}', 1, now(), now()
       FROM model_version v CROSS JOIN generate_series(1, $2)
       WHERE v.id = $1
       RETURNING id, number
     ),
     reviews AS (
       INSERT INTO risk_review (request_id, category, reviewer_id, status, likelihood, impact, tier, findings, mitigations,
         due_at, signed_off_at, updated_at)
       SELECT r.id, category, (SELECT id FROM officer), 'SIGNED_OFF', 1, 1, 'LOW', 'No findings.', '{}',
         now() + interval '5 days', now(), now()
       FROM r CROSS JOIN unnest('{security,legal}'::text[]) category
     )
     SELECT id FROM r ORDER BY number`,
    [modelVersionId, count],
  );
  return rows.map((row) => row.id);
}

type AuditRow = {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  actor_roles: string[];
  channel: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
};

async function chainHead(client: pg.Client): Promise<{ seq: string; hash: string | null }> {
  const { rows } = await client.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
  );
  return rows[0] ?? { seq: '0', hash: null };
}

/**
 * The events both sides appended, checked as the verifier checks the whole trail: each follows the one before it and
 * hashes to its stored hash. A side that wrote a wrong chain would otherwise look faster than it is.
 */
async function checkAppended(
  client: pg.Client,
  from: { seq: string; hash: string | null },
): Promise<{ checked: number; breaks: number }> {
  const { rows } = await client.query<AuditRow>('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq', [from.seq]);
  let expectedSeq = BigInt(from.seq) + 1n;
  let expectedPrev = from.hash;
  let breaks = 0;
  for (const row of rows) {
    const event = {
      seq: BigInt(row.seq),
      id: row.id,
      occurredAt: row.occurred_at,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      actorRoles: row.actor_roles,
      channel: row.channel,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: row.after,
      outcome: row.outcome,
      reason: row.reason,
      requestId: row.request_id,
      ip: row.ip,
      userAgent: row.user_agent,
      prevHash: row.prev_hash,
    };
    const linked = event.seq === expectedSeq && (expectedPrev === null || row.prev_hash === expectedPrev);
    if (!linked || computeEventHash(event) !== row.hash) breaks += 1;
    expectedSeq = event.seq + 1n;
    expectedPrev = row.hash;
  }
  return { checked: rows.length, breaks };
}

/** Deals the requests out to the clients: each request is decided by one client only. */
function deal<T>(items: readonly T[], hands: number): T[][] {
  const dealt = Array.from({ length: hands }, () => [] as T[]);
  items.forEach((item, index) => dealt[index % hands]!.push(item));
  return dealt;
}

function approvedByApp(status: number, text: string): boolean {
  if (status !== 200) return false;
  const body = JSON.parse(text) as { data?: { decideApprovalRequest?: { state: string } }; errors?: unknown };
  return !body.errors && body.data?.decideApprovalRequest?.state === 'APPROVED';
}

function approvedByBaseline(status: number, text: string): boolean {
  return status === 200 && (JSON.parse(text) as { state?: string }).state === 'APPROVED';
}

export async function transitionScenario(options: TransitionOptions): Promise<ScenarioResult> {
  const { log } = options;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { approvers, modelVersionId } = await prepareApprovers(client);
    const headBefore = await chainHead(client);
    const lastRate = { ...FIRST_GUESS_PER_SECOND };
    const runs: Record<'app' | 'baseline', QueueResult[]> = { app: [], baseline: [] };
    let opened = 0;
    for (let round = 0; round < options.rounds; round += 1) {
      for (const side of ['baseline', 'app'] as const) {
        // Enough open requests for this side's last rate, three times over, so the round runs its whole time.
        const ids = await openRequests(client, modelVersionId, Math.max(400, Math.ceil(lastRate[side] * options.seconds * 3)));
        opened += ids.length;
        await client.query('ANALYZE approval_request, risk_review');
        const queues = deal(ids, approvers.length).map((own) =>
          own.map((requestId) =>
            side === 'app'
              ? JSON.stringify({
                  query: DECIDE,
                  variables: { input: { requestId, expectedVersion: 1, decision: 'APPROVE', rationale: RATIONALE } },
                })
              : JSON.stringify({ requestId, expectedVersion: 1, rationale: RATIONALE }),
          ),
        );
        const server = side === 'app' ? options.app : options.baseline;
        const result = await throughputOverQueues(
          {
            url: server.url,
            method: 'POST',
            path: side === 'app' ? '/graphql' : '/api/approvals/approve',
            headers: { 'content-type': 'application/json' },
          },
          queues,
          options.seconds,
          side === 'app' ? approvedByApp : approvedByBaseline,
          (index) => ({ cookie: approvers[index]!.cookie, 'x-csrf-token': approvers[index]!.csrfToken }),
        );
        if (result.exhausted) {
          log(`transition: the ${side}'s ${ids.length} open requests ran out after ${result.seconds.toFixed(1)} s`);
        }
        if (result.failures > 0) log(`transition: ${result.failures} ${side} decisions did not approve`);
        log(
          `transition: round ${round + 1}, ${side}: ${result.perSecond.toFixed(1)}/s (${result.completed} in ${result.seconds.toFixed(1)} s)`,
        );
        lastRate[side] = Math.max(10, result.perSecond);
        runs[side].push(result);
      }
    }
    const app = median(runs.app.map((r) => r.perSecond));
    const baseline = median(runs.baseline.map((r) => r.perSecond));
    const approved = await client.query<{ count: string }>(
      `SELECT count(*) FROM approval_request WHERE model_version_id = $1 AND state = 'APPROVED'`,
      [modelVersionId],
    );
    const completed = [...runs.app, ...runs.baseline].reduce((sum, r) => sum + r.completed, 0);
    const chain = await checkAppended(client, headBefore);
    // The requests left open, and the version retired: the scenarios after this one (the admin app's lists) see the
    // inventory as it was.
    await client.query(`DELETE FROM approval_request WHERE model_version_id = $1 AND state = 'IN_REVIEW'`, [modelVersionId]);
    await client.query('UPDATE model_version SET retired_at = now() WHERE id = $1', [modelVersionId]);
    if (chain.breaks > 0) log(`transition: ${chain.breaks} of the ${chain.checked} appended audit events break the chain`);
    // Every answer that said APPROVED must be a request approved in the database, once.
    const unaccounted = Math.abs(Number(approved.rows[0]!.count) - completed);
    return {
      id: 'approve-transition',
      title: 'Approve transition (version check, vote, hash-chained audit in one transaction)',
      unit: 'transitions/s',
      app,
      baseline,
      ratio: app / baseline,
      target: `≥ ${TARGET_RATIO.toFixed(2)} of baseline`,
      met: app / baseline >= TARGET_RATIO,
      invalidResponses: [...runs.app, ...runs.baseline].reduce((sum, r) => sum + r.failures, 0) + unaccounted + chain.breaks,
      details: {
        clients: approvers.length,
        seconds: options.seconds,
        rounds: options.rounds,
        openRequests: opened,
        approved: Number(approved.rows[0]!.count),
        appendedAuditEvents: chain,
        runs: { app: runs.app, baseline: runs.baseline },
        baseline:
          'one transaction with plain pg: session lookup, request read + version and signed-off reviews check, guarded UPDATE (version + 1), vote and notification INSERTs, chain head locked and two chained audit events inserted',
      },
    };
  } finally {
    await client.end();
  }
}

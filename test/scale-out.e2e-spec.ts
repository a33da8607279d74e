import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runSql } from '@modelgate/db/testing';
import {
  callGraphql,
  graphqlData,
  modelgateCli,
  registerAllowedDeployment,
  signInSession,
  startAppOnDatabase,
  stopAllApps,
  CREATE_DEPLOYMENT,
  type AppProcess,
  type GraphqlResult,
  type Session,
} from './support/app-on-database.js';
import { queryRows, startPostgresCluster, withLogin, type PostgresCluster } from './support/postgres-cluster.js';
import { DEMO_PASSWORD, makeDataDir } from './support/production-server.js';
import { startRoundRobinProxy, UPSTREAM_HEADER, type RoundRobinProxy } from './support/round-robin-proxy.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver.js';

/**
 * Scale-out: two instances of the production build on one PostgreSQL, behind a round-robin reverse proxy. They share
 * nothing but the database, and what every replica mounts: the audit signing key and the report directory.
 */

const demo = (role: string) => `${role}@demo.modelgate.local`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

async function statusOf(url: string): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.status,
    () => 0,
  );
}

const codeOf = (result: GraphqlResult<unknown>) => result.errors?.[0]?.extensions?.code;

/** `Modelgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, checked from the documented format. */
function signatureHolds(secret: string, delivery: ReceivedWebhook): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.`).update(delivery.body).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

const VIEWER = '{ viewer { email } }';
const MARK_READ = 'mutation { markNotificationsRead(input: { all: true }) }';
const CREATE_SUBSCRIPTION = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id } } }`;
const DELIVERIES = `query ($id: ID!, $after: String) {
  webhookDeliveries(subscriptionId: $id, first: 100, after: $after) {
    edges { node { id event status attempts } } pageInfo { hasNextPage endCursor } } }`;
const UNASKED_VERSIONS = '{ modelVersions(first: 1, filter: { approvalStates: ["NONE"] }) { edges { node { id } } } }';
const REQUEST_FIELDS = 'id version state requirements { missingReviews }';
const CREATE_REQUEST = `mutation ($input: CreateApprovalRequestInput!) { createApprovalRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const GET_REQUEST = `query ($id: ID!) { approvalRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const ASSIGN = 'mutation ($input: AssignReviewInput!) { assignReview(input: $input) { id version } }';
const FILE = 'mutation ($input: FileReviewInput!) { fileReview(input: $input) { id status } }';
const DECIDE = 'mutation ($input: DecideInput!) { decideApprovalRequest(input: $input) { id state version } }';
const VERIFY = '{ auditTrailVerification { ok checkpointsChecked checkpointProblems { seq problem } signingKeyId } }';

type Request = { id: string; version: number; state: string; requirements: { missingReviews: string[] } };
type Delivery = { id: string; event: string; status: string; attempts: number };
type Verification = {
  auditTrailVerification: {
    ok: boolean;
    checkpointsChecked: number;
    checkpointProblems: Array<{ seq: string; problem: string }>;
    signingKeyId: string;
  };
};

describe('scale-out: two app instances on one PostgreSQL behind a round-robin proxy', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let cluster: PostgresCluster;
  let a: AppProcess;
  let b: AppProcess;
  let proxy: RoundRobinProxy;
  let receiver: WebhookReceiver;
  let admin: Session;
  let engineer: Session;
  let compliance: Session;
  let reviewer: Session;
  let reviewerId: string;
  let modelVersionId: string;
  let subscription: { id: string; secret: string } | undefined;

  // A background writer (on A and B in turn) keeps the audit chain moving, so every scheduled checkpoint run has something to sign.
  let writing = false;
  let writer: Promise<void> = Promise.resolve();
  let firstWriteAt: Date | null = null;
  const writeErrors: string[] = [];

  /** One GraphQL call through the proxy; says which instance answered. */
  async function viaProxy<T>(
    session: Session | null,
    query: string,
    variables: object = {},
    options: { csrf?: boolean } = {},
  ): Promise<GraphqlResult<T> & { servedBy: string | null }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (session) headers.cookie = session.cookie;
    if (session && options.csrf !== false) headers['x-csrf-token'] = session.csrfToken;
    const response = await fetch(`${proxy.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as Omit<GraphqlResult<T>, 'status'>;
    return { status: response.status, servedBy: response.headers.get(UPSTREAM_HEADER), ...body };
  }

  /** Every delivery of the subscription, from its log. */
  async function deliveryLog(): Promise<Delivery[]> {
    const all: Delivery[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        webhookDeliveries: { edges: Array<{ node: Delivery }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } = await graphqlData(proxy.baseUrl, admin, DELIVERIES, { id: subscription!.id, after });
      all.push(...page.webhookDeliveries.edges.map((edge) => edge.node));
      if (!page.webhookDeliveries.pageInfo.hasNextPage) return all;
      after = page.webhookDeliveries.pageInfo.endCursor;
    }
  }

  /** Waits until the log has no PENDING delivery and the receiver got every DELIVERED one; returns the log. */
  async function settledDeliveries(): Promise<Delivery[]> {
    let log: Delivery[] = [];
    await waitUntil(
      'every webhook delivery to be sent',
      async () => {
        log = await deliveryLog();
        const got = new Set(receiver.received.map((r) => r.deliveryId));
        return log.every((d) => d.status === 'DELIVERED' && got.has(d.id));
      },
      30_000,
    );
    return log;
  }

  const scope = (intendedUse: string) => ({
    intendedUse,
    environments: ['STAGING'],
    hostingModes: ['ON_PREMISES'],
    maxDataClassification: 'INTERNAL',
    personalData: false,
    expectedUsers: 20,
  });

  beforeAll(async () => {
    const startedAt = Date.now();
    data = await makeDataDir();
    cluster = await startPostgresCluster(data.dir);
    const runtimePassword = 'runtime-secret';
    const created = await runSql(
      cluster.ownerUrl,
      `CREATE ROLE modelgate_app NOLOGIN; CREATE ROLE modelgate_runtime LOGIN PASSWORD '${runtimePassword}' IN ROLE modelgate_app`,
    );
    expect(created).toEqual({ ok: true });

    // What every replica shares besides the database, as docs/deployment-kubernetes.md sets it up: one audit
    // signing key (a Secret) and one report directory (a ReadWriteMany volume).
    const shared = path.join(data.dir, 'shared');
    await mkdir(path.join(shared, 'reports'), { recursive: true });
    const signingKeyFile = path.join(shared, 'audit-signing-key.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeFile(signingKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });

    const instance = (name: string) =>
      startAppOnDatabase({
        databaseUrl: withLogin(cluster.ownerUrl, 'modelgate_runtime', runtimePassword),
        migrationUrl: cluster.ownerUrl,
        dataDir: path.join(data.dir, name),
        env: {
          SEED_DEMO_DATA: 'true',
          RATE_LIMIT_MAX: '1000000',
          JOBS_POLLING_INTERVAL_SECONDS: '0.5',
          // The shortest interval there is: one checkpoint occurrence a minute, the queue's resolution.
          AUDIT_CHECKPOINT_INTERVAL_MINUTES: '1',
          AUDIT_SIGNING_KEY_FILE: signingKeyFile,
          REPORTS_DIR: path.join(shared, 'reports'),
        },
      });
    // One after the other: A applies the migrations and seeds the demo data, B finds both done.
    a = await instance('a');
    const aUpAt = Date.now();
    b = await instance('b');
    console.log(`scale-out: A up after ${aUpAt - startedAt} ms, B ${Date.now() - aUpAt} ms later`);
    proxy = await startRoundRobinProxy({ A: a.baseUrl, B: b.baseUrl });
    receiver = await startWebhookReceiver();

    engineer = await signInSession(proxy.baseUrl, demo('engineer'), DEMO_PASSWORD);
    compliance = await signInSession(proxy.baseUrl, demo('compliance'), DEMO_PASSWORD);
    reviewer = await signInSession(proxy.baseUrl, demo('reviewer'), DEMO_PASSWORD);
    reviewerId = (await graphqlData<{ viewer: { id: string } }>(proxy.baseUrl, reviewer, '{ viewer { id } }')).viewer.id;
    const versions = await graphqlData<{ modelVersions: { edges: Array<{ node: { id: string } }> } }>(
      proxy.baseUrl,
      engineer,
      UNASKED_VERSIONS,
    );
    modelVersionId = versions.modelVersions.edges[0]!.node.id;

    const { input: template } = await registerAllowedDeployment(proxy.baseUrl, engineer, 'scale-out-writer');
    writing = true;
    writer = (async () => {
      for (let i = 0; writing; i++) {
        const instance = i % 2 === 0 ? a : b;
        const result = await callGraphql<{ createDeployment: { id: string } }>(instance.baseUrl, engineer, CREATE_DEPLOYMENT, {
          input: { ...template, application: `scale-out-writer-${i}` },
        }).catch((error: unknown): GraphqlResult<never> => ({ status: 0, errors: [{ message: String(error) }] }));
        if (result.data?.createDeployment) firstWriteAt ??= new Date();
        else writeErrors.push(JSON.stringify(result.errors));
        await sleep(2_000);
      }
    })();
    console.log(`scale-out: PostgreSQL and two instances up in ${Date.now() - startedAt} ms`);
  }, 300_000);

  afterAll(async () => {
    // Every step runs even when one before it fails: no process, port or temporary directory is left behind.
    writing = false;
    const steps: Array<() => Promise<unknown> | undefined> = [
      () => writer,
      () => proxy?.close(),
      () => receiver?.close(),
      () => stopAllApps(),
      () => cluster?.stop(),
      () => data?.remove(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await Promise.resolve(step()).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'clean-up failed');
  });

  it('starts both instances live and ready on the same database', async () => {
    for (const app of [a, b]) {
      expect(await statusOf(`${app.baseUrl}/healthz`)).toBe(200);
      expect(await statusOf(`${app.baseUrl}/readyz`)).toBe(200);
    }
  });

  it('keeps a session across instances: queries and CSRF-checked mutations on A and B, sign-out on one ends it on the other', async () => {
    admin = await signInSession(proxy.baseUrl, demo('admin'), DEMO_PASSWORD);

    // Queries and CSRF-checked mutations of the one session, through the proxy, until each instance has answered both.
    const answers: Array<{ servedBy: string | null; ok: boolean; kind: string }> = [];
    const answered = (instance: string, kind: string) =>
      answers.some((answer) => answer.servedBy === instance && answer.kind === kind);
    for (let round = 0; round < 10 && !['A', 'B'].every((i) => answered(i, 'query') && answered(i, 'mutation')); round++) {
      const viewer = await viaProxy<{ viewer: { email: string } | null }>(admin, VIEWER);
      answers.push({ servedBy: viewer.servedBy, ok: viewer.data?.viewer?.email === demo('admin'), kind: 'query' });
      const marked = await viaProxy<{ markNotificationsRead: number }>(admin, MARK_READ);
      answers.push({ servedBy: marked.servedBy, ok: typeof marked.data?.markNotificationsRead === 'number', kind: 'mutation' });
      // Another client's request shifts the round-robin by one, so the next round lands the other way round.
      if (round % 2 === 0) expect(await statusOf(`${proxy.baseUrl}/healthz`)).toBe(200);
    }
    // Every request of the session was answered as the signed-in admin...
    expect(answers.filter((answer) => !answer.ok)).toEqual([]);
    // ...and both instances answered queries and CSRF-checked mutations of it.
    for (const instance of ['A', 'B']) {
      expect({ instance, query: answered(instance, 'query'), mutation: answered(instance, 'mutation') }).toEqual({
        instance,
        query: true,
        mutation: true,
      });
    }
    // The proxy saw the same session cookie, with its CSRF token, on both upstreams.
    const sessionId = admin.cookie.slice('mg_session='.length);
    const seen = proxy.log.filter((entry) => entry.session === sessionId && entry.csrfToken && entry.status === 200);
    expect(new Set(seen.map((entry) => entry.upstream))).toEqual(new Set(['A', 'B']));

    // The CSRF check is the same on both: a mutation without the token is refused by each instance.
    const refusedBy = new Set<string | null>();
    for (let i = 0; i < 2; i++) {
      const refused = await viaProxy(admin, MARK_READ, {}, { csrf: false });
      expect(codeOf(refused)).toBe('FORBIDDEN');
      refusedBy.add(refused.servedBy);
    }
    expect(refusedBy).toEqual(new Set(['A', 'B']));

    // Sessions live in PostgreSQL: signed in on A, signed out on B, the session no longer works on A.
    const shortLived = await signInSession(a.baseUrl, demo('auditor'), DEMO_PASSWORD);
    expect((await graphqlData<{ viewer: { email: string } | null }>(a.baseUrl, shortLived, VIEWER)).viewer?.email).toBe(
      demo('auditor'),
    );
    expect(await graphqlData<{ signOut: boolean }>(b.baseUrl, shortLived, 'mutation { signOut }')).toEqual({ signOut: true });
    expect((await graphqlData<{ viewer: { email: string } | null }>(a.baseUrl, shortLived, VIEWER)).viewer).toBeNull();
  });

  it('delivers each workflow event to a webhook exactly once, signed, whichever instance published it', async () => {
    const created = await graphqlData<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
      proxy.baseUrl,
      admin,
      CREATE_SUBSCRIPTION,
      { input: { name: 'Scale-out receiver', url: receiver.url, events: [] } },
    );
    subscription = { id: created.createWebhookSubscription.subscription.id, secret: created.createWebhookSubscription.secret };

    // Workflow events published by both instances: requests submitted on A and on B, reviews assigned on the other one.
    const requestIds: string[] = [];
    for (const [submitOn, assignOn] of [
      [a, b],
      [b, a],
      [a, b],
      [b, a],
    ] as const) {
      const request = (
        await graphqlData<{ createApprovalRequest: Request }>(submitOn.baseUrl, engineer, CREATE_REQUEST, {
          input: { modelVersionId, submit: true, scope: scope(`Scale-out webhook check ${requestIds.length}`) },
        })
      ).createApprovalRequest;
      requestIds.push(request.id);
      await graphqlData(assignOn.baseUrl, compliance, ASSIGN, {
        input: { requestId: request.id, expectedVersion: request.version, category: 'security', reviewerId },
      });
    }

    const log = await settledDeliveries();
    const ours = log.filter((delivery) => delivery.event === 'request.submitted' || delivery.event === 'review.assigned');
    expect(ours.length).toBeGreaterThanOrEqual(2 * requestIds.length);
    // Each delivery reached the receiver exactly once, with its event, a valid signature and its id in the body.
    for (const delivery of log) {
      const copies = receiver.received.filter((r) => r.deliveryId === delivery.id);
      expect({ id: delivery.id, copies: copies.length }).toEqual({ id: delivery.id, copies: 1 });
      const [copy] = copies;
      expect(copy!.event).toBe(delivery.event);
      expect(signatureHolds(subscription.secret, copy!)).toBe(true);
      expect((JSON.parse(copy!.body.toString('utf8')) as { id: string }).id).toBe(delivery.id);
      expect(delivery.attempts).toBe(1);
    }
    // Every request's submission and assignment arrived (the events of both instances).
    const about = (event: string) =>
      receiver.received
        .filter((r) => r.event === event)
        .map((r) => (JSON.parse(r.body.toString('utf8')) as { request: { id: string } | null }).request?.id);
    for (const id of requestIds) {
      expect(about('request.submitted').filter((requestId) => requestId === id)).toHaveLength(1);
      expect(about('review.assigned').filter((requestId) => requestId === id)).toHaveLength(1);
    }
  });

  it('lets exactly one of 20 concurrent decisions sent to A and B win; the others are CONFLICTs, one audit event, the chain verifies', async () => {
    // A request ready for a decision: submitted on A, reviews assigned on B and signed off on A.
    let request = (
      await graphqlData<{ createApprovalRequest: Request }>(a.baseUrl, engineer, CREATE_REQUEST, {
        input: { modelVersionId, submit: true, scope: scope('Scale-out concurrent decision') },
      })
    ).createApprovalRequest;
    while (request.requirements.missingReviews.length > 0) {
      const category = request.requirements.missingReviews[0]!;
      const assigned = await graphqlData<{ assignReview: { id: string; version: number } }>(b.baseUrl, compliance, ASSIGN, {
        input: { requestId: request.id, expectedVersion: request.version, category, reviewerId },
      });
      await graphqlData(a.baseUrl, reviewer, FILE, {
        input: {
          reviewId: assigned.assignReview.id,
          expectedVersion: assigned.assignReview.version,
          likelihood: 1,
          impact: 1,
          findings: `Checked ${category}: nothing that blocks this scope.`,
          signOff: true,
        },
      });
      request = (await graphqlData<{ approvalRequest: Request }>(b.baseUrl, compliance, GET_REQUEST, { id: request.id }))
        .approvalRequest;
    }
    expect(request.state).toBe('IN_REVIEW');
    const votesBefore = await queryRows<{ count: number }>(
      cluster.ownerUrl,
      `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = '${request.id}' AND action LIKE 'approval_vote.%'`,
    );
    expect(votesBefore).toEqual([{ count: 0 }]);

    // The same step (same expectedVersion), 10 times on each instance, at once, by two people allowed to decide.
    const attempts = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const instance = index % 2 === 0 ? a : b;
        const result = await callGraphql<{ decideApprovalRequest: { state: string } }>(
          instance.baseUrl,
          index % 4 < 2 ? compliance : reviewer,
          DECIDE,
          {
            input: {
              requestId: request.id,
              expectedVersion: request.version,
              decision: index % 3 === 0 ? 'REJECT' : 'APPROVE',
              rationale: `Concurrent decision ${index} on instance ${instance === a ? 'A' : 'B'}`,
            },
          },
        );
        return { instance: instance === a ? 'A' : 'B', result };
      }),
    );
    const winners = attempts.filter((attempt) => attempt.result.data?.decideApprovalRequest);
    expect(winners).toHaveLength(1);
    const losers = attempts.filter((attempt) => !attempt.result.data?.decideApprovalRequest);
    expect(losers.map((attempt) => codeOf(attempt.result))).toEqual(Array.from({ length: 19 }, () => 'CONFLICT'));
    // Both instances refused the losers the same way.
    expect(new Set(losers.map((attempt) => attempt.instance))).toEqual(new Set(['A', 'B']));
    const decided = winners[0]!.result.data!.decideApprovalRequest.state;
    console.log(`scale-out: the decision sent to instance ${winners[0]!.instance} won (${decided}); 19 CONFLICTs`);

    // One vote, one audit event for it, and the request moved once.
    const [counts] = await queryRows<{ votes: number; audited: number }>(
      cluster.ownerUrl,
      `SELECT (SELECT count(*)::int FROM approval_vote WHERE request_id = '${request.id}') AS votes,
              (SELECT count(*)::int FROM audit_event WHERE entity_id = '${request.id}' AND action LIKE 'approval_vote.%') AS audited`,
    );
    expect(counts).toEqual({ votes: 1, audited: 1 });
    const after = (await graphqlData<{ approvalRequest: Request }>(b.baseUrl, compliance, GET_REQUEST, { id: request.id }))
      .approvalRequest;
    expect(after.state).toBe(decided);

    // One decision.made webhook for it, once.
    await settledDeliveries();
    const decisionsMade = receiver.received.filter(
      (r) =>
        r.event === 'decision.made' &&
        (JSON.parse(r.body.toString('utf8')) as { request: { id: string } | null }).request?.id === request.id,
    );
    expect(decisionsMade).toHaveLength(1);

    // The audit chain verifies on both instances (same signing key, so every checkpoint is trusted by each)...
    const verifications = await Promise.all(
      [a, b].map(async (app) => (await graphqlData<Verification>(app.baseUrl, admin, VERIFY)).auditTrailVerification),
    );
    for (const verification of verifications) {
      expect(verification.checkpointProblems).toEqual([]);
      expect(verification.ok).toBe(true);
    }
    expect(verifications[0]!.signingKeyId).toBe(verifications[1]!.signingKeyId);
    // ...and re-computed by the CLI, through the proxy (its requests go to both).
    const verified = await modelgateCli([
      'audit',
      'verify',
      '--url',
      proxy.baseUrl,
      '--email',
      demo('auditor'),
      '--password',
      DEMO_PASSWORD,
    ]);
    expect(verified.stdout).toContain('The audit trail is intact.');
    expect(verified.code).toBe(0);
  });

  it('runs scheduled jobs once per occurrence for both instances: one audit checkpoint per tick', async () => {
    type Run = { id: string; state: string; retries: number; started: Date | null; completed: Date | null };
    const runsOf = (queue: string) =>
      queryRows<Run>(
        cluster.ownerUrl,
        `SELECT id::text AS id, state::text AS state, retry_count AS retries,
                date_trunc('milliseconds', started_on) AS started, completed_on AS completed
         FROM pgboss.job WHERE name = '${queue}' ORDER BY created_on`,
      );
    // Two occurrences of the one-minute schedule, at least one after the writer made the chain move.
    await waitUntil(
      'two scheduled audit checkpoint runs',
      async () => {
        const runs = (await runsOf('audit.checkpoint')).filter((run) => run.state === 'completed');
        return runs.length >= 2 && runs.some((run) => firstWriteAt !== null && run.started! > firstWriteAt);
      },
      110_000,
    );

    // The cron pass of either instance files an occurrence as one job: one per occurrence, each run once, to completion.
    for (const queue of ['audit.checkpoint', 'approvals.maintenance']) {
      const occurrences = await queryRows<{ slot: string; jobs: number; forwarded: boolean }>(
        cluster.ownerUrl,
        `SELECT data->>'slot' AS slot, count(*)::int AS jobs, bool_and(state = 'completed') AS forwarded FROM pgboss.job
         WHERE name = '__pgboss__send-it' AND data->>'name' = '${queue}' GROUP BY 1 ORDER BY 1`,
      );
      const runs = await runsOf(queue);
      expect(occurrences.filter((occurrence) => occurrence.jobs !== 1)).toEqual([]);
      // An occurrence being forwarded right now may have its job already, or not yet.
      expect(runs.length).toBeGreaterThanOrEqual(occurrences.filter((occurrence) => occurrence.forwarded).length);
      expect(runs.length).toBeLessThanOrEqual(occurrences.length);
      expect(runs.filter((run) => run.state === 'failed' || run.retries > 0)).toEqual([]);
    }

    // What the runs did: each scheduled checkpoint falls inside one run, and a run that had new events to sign
    // signed exactly one (none twice, none from a second instance or a per-process timer).
    const runs = (await runsOf('audit.checkpoint')).filter((run) => run.started !== null);
    const checkpoints = await queryRows<{ seq: string; signed: Date }>(
      cluster.ownerUrl,
      `SELECT c.seq::text AS seq, c.signed_at AS signed FROM audit_checkpoint c
       JOIN audit_event e ON e.entity_id = c.id::text AND e.action = 'audit.checkpoint'
       WHERE e.request_id = 'audit-checkpoint' ORDER BY c.seq`,
    );
    const inside = (run: Run) =>
      checkpoints.filter((c) => c.signed >= run.started! && (run.completed === null || c.signed <= run.completed));
    expect(checkpoints.filter((c) => !runs.some((run) => inside(run).includes(c)))).toEqual([]);
    expect(runs.filter((run) => inside(run).length > 1)).toEqual([]);
    const withActivity = runs.filter((run) => run.state === 'completed' && run.started! > firstWriteAt!);
    expect(withActivity.length).toBeGreaterThan(0);
    expect(withActivity.map((run) => inside(run).length)).toEqual(withActivity.map(() => 1));
    console.log(
      `scale-out: ${runs.length} scheduled checkpoint runs, ${checkpoints.length} scheduled checkpoints ` +
        `(${withActivity.length} runs after the writer started)`,
    );
    expect(writeErrors).toEqual([]);
  });

  it('keeps serving the session on A when B stops (SIGTERM); no webhook was delivered twice', async () => {
    writing = false;
    await writer;
    expect(await b.stop('SIGTERM')).toBe(0);

    const afterStop: Array<{ servedBy: string | null; ok: boolean }> = [];
    for (let i = 0; i < 4; i++) {
      const viewer = await viaProxy<{ viewer: { email: string } | null }>(admin, VIEWER);
      afterStop.push({ servedBy: viewer.servedBy, ok: viewer.data?.viewer?.email === demo('admin') });
    }
    const marked = await viaProxy<{ markNotificationsRead: number }>(admin, MARK_READ);
    afterStop.push({ servedBy: marked.servedBy, ok: typeof marked.data?.markNotificationsRead === 'number' });
    expect(afterStop).toEqual(afterStop.map(() => ({ servedBy: 'A', ok: true })));
    // B was really gone: the proxy's turns for B were refused and passed on to A.
    expect(proxy.log.slice(-afterStop.length).filter((entry) => entry.skipped.includes('B')).length).toBeGreaterThan(0);
    expect(await statusOf(`${a.baseUrl}/readyz`)).toBe(200);

    // Over the whole run, the receiver never got a delivery twice.
    const ids = receiver.received.map((r) => r.deliveryId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    console.log(`scale-out: proxy served ${JSON.stringify(proxy.served())}; receiver got ${ids.length} deliveries`);
  });
});

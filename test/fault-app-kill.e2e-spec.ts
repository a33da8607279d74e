import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { uniqueSuffix } from '@modelgate/db/testing';
import {
  callGraphql,
  graphqlData,
  modelgateCli,
  signInSession,
  startAppOnDatabase,
  stopAllApps,
  type AppProcess,
} from './support/app-on-database.js';
import { AUDIT_CHAIN_LOCK, openProbe, type DatabaseProbe } from './support/fault-injection.js';
import { writeInventoryCsv } from './support/inventory-file.js';
import { startPostgresCluster, withLogin, type PostgresCluster } from './support/postgres-cluster.js';
import { DEMO_PASSWORD, makeDataDir } from './support/production-server.js';

/** Large enough that the import is one big transaction (thousands of rows and audit events), small enough to be quick. */
const IMPORT_ROWS = 3_000;
const IMPORT_PROVIDERS = 30;
const RUNTIME_PASSWORD = 'runtime-secret';

const DECIDE = `mutation ($input: DecideInput!) { decideApprovalRequest(input: $input) { id state version } }`;
const VERIFY = `{ auditTrailVerification { ok checkedEvents firstBreak { seq reason } } }`;

type RequestRow = { id: string; state: string; version: number };
type RequestSnapshot = { request: RequestRow; votes: unknown[]; events: unknown[]; notifications: number };

describe('the app killed (SIGKILL) in the middle of a bulk import and of an approval decision', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let cluster: PostgresCluster;
  let probe: DatabaseProbe;
  let app: AppProcess;
  let runtimeUrl: string;

  const startApp = () =>
    startAppOnDatabase({
      databaseUrl: runtimeUrl,
      migrationUrl: cluster.ownerUrl,
      dataDir: path.join(data.dir, 'app'),
      // Demo people and an approval request in review; the audit verification pages through every event.
      env: { SEED_DEMO_DATA: 'true', RATE_LIMIT_MAX: '1000000' },
    });

  const verifyWithCli = (baseUrl: string) =>
    modelgateCli(['audit', 'verify', '--url', baseUrl, '--email', 'auditor@demo.modelgate.local', '--password', DEMO_PASSWORD]);

  /** The request as the database has it, with everything a decision writes beside it. */
  const snapshotOf = async (requestId: string): Promise<RequestSnapshot> => ({
    request: (
      await probe.query<RequestRow>(`SELECT id::text, state::text, version FROM approval_request WHERE id = $1::uuid`, requestId)
    )[0]!,
    votes: await probe.query(
      `SELECT person_id::text, decision FROM approval_vote WHERE request_id = $1::uuid ORDER BY created_at`,
      requestId,
    ),
    events: await probe.query(`SELECT seq::text, action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, requestId),
    notifications: (
      await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE request_id = $1::uuid`, requestId)
    )[0]!.n,
  });

  const importedCounts = async (providerNames: string[]) =>
    (
      await probe.query<{ providers: number; versions: number; bases: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM provider WHERE name = ANY($1::text[])) AS providers,
                (SELECT count(*)::int FROM model_version v JOIN provider p ON p.id = v.provider_id
                  WHERE p.name = ANY($1::text[])) AS versions,
                (SELECT count(*)::int FROM model_version_base b JOIN model_version v ON v.id = b.model_version_id
                  JOIN provider p ON p.id = v.provider_id WHERE p.name = ANY($1::text[])) AS bases,
                (SELECT count(*)::int FROM audit_event WHERE action = 'inventory.import') AS events`,
        providerNames,
      )
    )[0]!;

  beforeAll(async () => {
    data = await makeDataDir();
    cluster = await startPostgresCluster(data.dir);
    probe = openProbe(cluster.ownerUrl);
    await probe.query('CREATE ROLE modelgate_app NOLOGIN');
    await probe.query(`CREATE ROLE modelgate_runtime LOGIN PASSWORD '${RUNTIME_PASSWORD}' IN ROLE modelgate_app`);
    runtimeUrl = withLogin(cluster.ownerUrl, 'modelgate_runtime', RUNTIME_PASSWORD);
    app = await startApp();
  });

  afterAll(async () => {
    await stopAllApps();
    await probe?.close();
    await cluster?.stop();
    await data?.remove();
  });

  it('leaves no partial import and no half-made transition; after a restart both complete and the audit chain verifies', async () => {
    // Arrange: a token for the CLI (a token, unlike a sign-in, writes no audit event), the import file, the request.
    const engineer = await signInSession(app.baseUrl, 'engineer@demo.modelgate.local', DEMO_PASSWORD);
    const compliance = await signInSession(app.baseUrl, 'compliance@demo.modelgate.local', DEMO_PASSWORD);
    const { createApiToken } = await graphqlData<{ createApiToken: { secret: string } }>(
      app.baseUrl,
      engineer,
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`,
      { input: { name: 'fault import', scopes: ['models:write'] } },
    );
    const file = path.join(data.dir, 'inventory.csv');
    const { providerNames, bases } = await writeInventoryCsv(file, {
      rows: IMPORT_ROWS,
      providers: IMPORT_PROVIDERS,
      providerPrefix: `Fault Kill ${uniqueSuffix()}`,
    });
    const importWithCli = (baseUrl: string) => modelgateCli(['import', file, '--url', baseUrl, '--token', createApiToken.secret]);
    const [inReview] = await probe.query<{ id: string }>(
      `SELECT id::text FROM approval_request WHERE state = 'IN_REVIEW' LIMIT 1`,
    );

    // Act: hold the audit chain lock, which every audited change takes last in its transaction (so nothing is
    // audited meanwhile and the state read now stays the "before"). The import then writes every provider, version,
    // base and license and waits to append its audit events; the decision takes the request's version and records
    // its vote and waits to audit it. Both are provably in flight, uncommitted.
    const auditLock = await probe.holdLocks([`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`]);
    const before = await snapshotOf(inReview!.id);
    const [headBefore] = await probe.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit_event');
    const decision = {
      requestId: before.request.id,
      expectedVersion: before.request.version,
      decision: 'REJECT',
      rationale: 'Fault test: the decision made while the server was killed, then again after the restart.',
    };
    const importing = importWithCli(app.baseUrl);
    const importer = await probe.waitForBlockedBackend({ advisoryKey: AUDIT_CHAIN_LOCK }, 'model_version');
    const deciding = callGraphql(app.baseUrl, compliance, DECIDE, { input: decision }).then(
      (result) => ({ answered: result }),
      (error: unknown) => ({ failed: String(error) }),
    );
    const decider = await probe.waitForBlockedBackend({ advisoryKey: AUDIT_CHAIN_LOCK }, 'approval_vote');
    expect(importer.xid).not.toBeNull(); // both transactions have written
    expect(decider.xid).not.toBeNull();

    expect(await app.stop('SIGKILL')).toBe('SIGKILL');
    // Neither client was told it succeeded.
    const cliRun = await importing;
    expect(cliRun.code).not.toBe(0);
    expect(cliRun.stdout).not.toMatch(/created \d+/);
    expect(await deciding).toEqual({ failed: expect.any(String) });
    // PostgreSQL ends both transactions once they get the lock and find their client gone: neither can commit.
    await auditLock.release();
    await probe.waitForBackendsGone([importer.pid, decider.pid]);

    // Assert: nothing of either is in the database.
    expect(await importedCounts(providerNames)).toEqual({ providers: 0, versions: 0, bases: 0, events: 0 });
    expect(await snapshotOf(before.request.id)).toEqual(before);
    const [headAfter] = await probe.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit_event');
    expect(headAfter).toEqual(headBefore);

    // The restarted app: the audit chain verifies, the decision can be made, the import runs in full.
    app = await startApp();
    const verified = await verifyWithCli(app.baseUrl);
    expect(verified.stdout).toContain('The audit trail is intact.');
    expect(verified.code).toBe(0);

    const complianceAgain = await signInSession(app.baseUrl, 'compliance@demo.modelgate.local', DEMO_PASSWORD);
    const decided = await callGraphql<{ decideApprovalRequest: RequestRow }>(app.baseUrl, complianceAgain, DECIDE, {
      input: decision,
    });
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideApprovalRequest).toMatchObject({ id: before.request.id, state: 'REJECTED' });
    const after = await snapshotOf(before.request.id);
    expect(after.request).toEqual({ ...before.request, state: 'REJECTED', version: expect.any(Number) });
    expect(after.votes).toEqual([...before.votes, expect.objectContaining({ decision: 'REJECT' })]);
    expect(after.events.slice(0, before.events.length)).toEqual(before.events);
    expect(after.events.slice(before.events.length).map((e) => (e as { action: string }).action)).toEqual([
      'approval_vote.reject',
      'approval_request.reject',
    ]);
    expect(after.notifications).toBeGreaterThan(before.notifications);

    const reimported = await importWithCli(app.baseUrl);
    expect(reimported.stdout).toContain(`${IMPORT_ROWS} row(s) checked; created ${IMPORT_ROWS}`);
    expect(reimported.code).toBe(0);
    expect(await importedCounts(providerNames)).toEqual({
      providers: IMPORT_PROVIDERS,
      versions: IMPORT_ROWS,
      bases,
      events: 1,
    });

    const auditor = await signInSession(app.baseUrl, 'auditor@demo.modelgate.local', DEMO_PASSWORD);
    const { auditTrailVerification } = await graphqlData<{
      auditTrailVerification: { ok: boolean; checkedEvents: number; firstBreak: unknown };
    }>(app.baseUrl, auditor, VERIFY);
    expect(auditTrailVerification).toMatchObject({ ok: true, firstBreak: null });
    expect(auditTrailVerification.checkedEvents).toBeGreaterThan(IMPORT_ROWS);

    expect(await app.stop('SIGTERM')).toBe(0);
  });
});

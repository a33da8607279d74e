import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { runSql } from '@modelgate/db/testing';
import {
  callGraphql,
  CREATE_DEPLOYMENT,
  modelgateCli,
  registerAllowedDeployment,
  signInSession,
  startAppOnDatabase,
  stopAllApps,
  type AppProcess,
  type Session,
} from './support/app-on-database.js';
import { queryRows, startPostgresCluster, withLogin, type PostgresCluster } from './support/postgres-cluster.js';
import { DEMO_PASSWORD, makeDataDir } from './support/production-server.js';

/** The promise the issue makes: after the database is back, writes succeed again within this time. */
const RECOVERY_LIMIT_MS = 5_000;
const WRITERS = 3;
/** How long PostgreSQL stays down at least (not a measurement: it only makes the outage last). */
const OUTAGE_MS = 1_500;

/** One createDeployment call: acknowledged with an id, or refused with an error code (or a failed request). */
type Attempt = {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  id?: string;
  code?: string;
  requestId?: string;
  error?: string;
};
/** /readyz and /healthz answers (HTTP status; 0 when the request failed) at one moment. */
type ProbeSample = { at: number; status: number; live: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function statusOf(url: string): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.status,
    () => 0,
  );
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe('PostgreSQL restarted (immediate shutdown) under a write load', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let cluster: PostgresCluster;
  let app: AppProcess;
  let engineer: Session;
  let exitedWith: string | null = null;

  beforeAll(async () => {
    data = await makeDataDir();
    cluster = await startPostgresCluster(data.dir);
    // The documented external set-up: the application's login is a member of modelgate_app and owns nothing;
    // migrations run as the owner. modelgate_app is made here (the first migration does the same if absent).
    const runtimePassword = 'runtime-secret';
    const created = await runSql(
      cluster.ownerUrl,
      `CREATE ROLE modelgate_app NOLOGIN; CREATE ROLE modelgate_runtime LOGIN PASSWORD '${runtimePassword}' IN ROLE modelgate_app`,
    );
    expect(created).toEqual({ ok: true });
    app = await startAppOnDatabase({
      databaseUrl: withLogin(cluster.ownerUrl, 'modelgate_runtime', runtimePassword),
      migrationUrl: cluster.ownerUrl,
      dataDir: path.join(data.dir, 'app'),
      // Demo accounts and inventory to write against; the load must not hit the per-caller rate limit.
      env: { SEED_DEMO_DATA: 'true', RATE_LIMIT_MAX: '1000000' },
    });
    app.process.on('exit', (code, signal) => (exitedWith ??= `code ${code}, signal ${signal}`));
    engineer = await signInSession(app.baseUrl, 'engineer@demo.modelgate.local', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await stopAllApps();
    await cluster?.stop();
    await data?.remove();
  });

  it('keeps serving: readiness goes red then green, writes succeed within 5 s of the database being back, no acknowledged write is lost, the audit chain verifies', async () => {
    // A deployment the policy allows (a copy of one of the demo team's), registered again and again.
    const { input: template } = await registerAllowedDeployment(app.baseUrl, engineer, 'restart-probe');

    // The load: a few clients, each registering deployments back to back and remembering what was acknowledged.
    const attempts: Attempt[] = [];
    const samples: ProbeSample[] = [];
    let running = true;
    const writer = async (client: number) => {
      for (let i = 0; running; i++) {
        const startedAt = Date.now();
        const attempt = await callGraphql<{ createDeployment: { id: string } }>(app.baseUrl, engineer, CREATE_DEPLOYMENT, {
          input: { ...template, application: `restart-load-${client}-${i}` },
        }).then(
          (result): Attempt =>
            result.data?.createDeployment.id
              ? { startedAt, endedAt: Date.now(), ok: true, id: result.data.createDeployment.id }
              : {
                  startedAt,
                  endedAt: Date.now(),
                  ok: false,
                  code: result.errors?.[0]?.extensions?.code,
                  requestId: result.errors?.[0]?.extensions?.requestId,
                  error: `HTTP ${result.status} ${JSON.stringify(result.errors)}`,
                },
          (error: unknown): Attempt => ({ startedAt, endedAt: Date.now(), ok: false, error: String(error) }),
        );
        attempts.push(attempt);
        // Back off a little after a failure, as a real client would; never stop.
        if (!attempt.ok) await sleep(50);
      }
    };
    const watcher = async () => {
      while (running) {
        const at = Date.now();
        const [status, live] = await Promise.all([statusOf(`${app.baseUrl}/readyz`), statusOf(`${app.baseUrl}/healthz`)]);
        samples.push({ at, status, live });
        await sleep(100);
      }
    };
    const load = [...Array.from({ length: WRITERS }, (_, client) => writer(client)), watcher()];

    let backAt = 0;
    try {
      await waitUntil('acknowledged writes before the restart', () => attempts.filter((a) => a.ok).length >= 20, 20_000);

      const downAt = Date.now();
      await cluster.stopImmediately();
      await waitUntil('readiness to go red', () => samples.some((s) => s.at > downAt && s.status === 503), 10_000);
      await waitUntil(
        'failed writes while the database is down',
        () => attempts.some((a) => a.startedAt > downAt && !a.ok),
        10_000,
      );
      await sleep(Math.max(0, downAt + OUTAGE_MS - Date.now())); // an outage long enough for every pooled connection to fail

      await cluster.start(); // returns once PostgreSQL accepts connections
      backAt = Date.now();
      await waitUntil('readiness to go green', () => samples.some((s) => s.at > backAt && s.status === 200), 15_000);
      // Keep the load on well past the promised recovery time, to see that errors stopped.
      await waitUntil('the load to run past the recovery window', () => Date.now() > backAt + RECOVERY_LIMIT_MS + 2_000, 10_000);
    } finally {
      running = false;
      await Promise.all(load);
    }

    // The app never exited.
    expect(exitedWith).toBeNull();
    expect(app.process.exitCode).toBeNull();

    // Liveness stayed green throughout; readiness was green, then red while the database was down, then green again.
    expect(samples.filter((s) => s.live !== 200)).toEqual([]);
    const statuses = samples.map((s) => s.status);
    const firstRed = statuses.indexOf(503);
    expect(statuses.slice(0, firstRed)).toContain(200);
    expect(firstRed).toBeGreaterThan(0);
    expect(statuses.slice(firstRed)).toContain(200);

    // Writes failed during the outage and succeeded again within 5 s of the database being back.
    const failures = attempts.filter((a) => !a.ok);
    expect(failures.length).toBeGreaterThan(0);
    // ...each answered as a retryable outage, not as an internal error.
    const serverLogOf = (attempt: Attempt) =>
      app
        .output()
        .split('\n')
        .filter((line) => attempt.requestId !== undefined && line.includes(attempt.requestId))
        .join('\n');
    expect(
      failures.filter((a) => a.code !== 'SERVICE_UNAVAILABLE').map((a) => `${a.error}\nserver log: ${serverLogOf(a)}`),
    ).toEqual([]);
    const firstSuccessAfterBack = attempts.filter((a) => a.ok && a.startedAt >= backAt).sort((a, b) => a.endedAt - b.endedAt)[0];
    expect(firstSuccessAfterBack).toBeDefined();
    const recoveryMs = firstSuccessAfterBack!.endedAt - backAt;
    console.log(
      `database restart: ${attempts.length} writes, ${failures.length} failed; first acknowledged write ${recoveryMs} ms after ` +
        `PostgreSQL accepted connections again`,
    );
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    // ...and errors stopped: no write started after the recovery window failed.
    const lateFailures = failures.filter((a) => a.startedAt > backAt + RECOVERY_LIMIT_MS);
    expect(lateFailures).toEqual([]);

    // Every acknowledged write is in the database, with its audit event.
    const acknowledged = attempts.filter((a) => a.ok).map((a) => a.id!);
    const idList = acknowledged.map((id) => `'${id}'`).join(',');
    const stored = await queryRows<{ id: string }>(
      cluster.ownerUrl,
      `SELECT id::text AS id FROM deployment WHERE id IN (${idList})`,
    );
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(acknowledged));
    const audited = await queryRows<{ entity_id: string }>(
      cluster.ownerUrl,
      `SELECT entity_id FROM audit_event WHERE action = 'deployment.create' AND entity_id IN (${idList})`,
    );
    expect(new Set(audited.map((row) => row.entity_id))).toEqual(new Set(acknowledged));

    // The job queue (pg-boss, with its own connections) works again too: a drift sweep, which every registration
    // asks for, completed after the restart.
    await waitUntil(
      'a background job to complete after the restart',
      async () => {
        const [row] = await queryRows<{ completed: number }>(
          cluster.ownerUrl,
          `SELECT count(*)::int AS completed FROM pgboss.job
           WHERE name = 'policy.drift-sweep' AND state = 'completed' AND completed_on > to_timestamp(${backAt / 1000})`,
        );
        return (row?.completed ?? 0) > 0;
      },
      15_000,
    );

    // The audit chain still verifies (on the server, and re-computed by the CLI).
    const verified = await modelgateCli([
      'audit',
      'verify',
      '--url',
      app.baseUrl,
      '--email',
      'auditor@demo.modelgate.local',
      '--password',
      DEMO_PASSWORD,
    ]);
    expect(verified.stdout).toContain('The audit trail is intact.');
    expect(verified.code).toBe(0);

    expect(await app.stop('SIGTERM')).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  graphqlData,
  signInSession,
  startAppOnDatabase,
  stopAllApps,
  type AppProcess,
  type Session,
} from './support/app-on-database.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { openProbe, waitUntil, type DatabaseProbe } from './support/fault-injection.js';
import { startPostgresCluster, withLogin, type PostgresCluster } from './support/postgres-cluster.js';
import { DEMO_PASSWORD, makeDataDir } from './support/production-server.js';

const RUNTIME_PASSWORD = 'runtime-secret';
/** Deliveries queued while the delivery job is busy, so they are pending (never attempted) when the app dies. */
const PENDING_DELIVERIES = 8;
const DELIVERY_JOB = 'webhooks.deliver';

const CREATE_SUBSCRIPTION = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id } } }`;
const SEND_TEST = `mutation ($id: ID!) { sendTestWebhook(subscriptionId: $id) { id } }`;

type DeliveryRow = { id: string; status: string; attempts: number; leased: boolean; lease: Date | null };
type JobRow = { id: string; state: string };

describe('the app killed (SIGKILL) with webhook deliveries pending and one in flight', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let cluster: PostgresCluster;
  let probe: DatabaseProbe;
  let receiver: WebhookReceiver;
  let app: AppProcess;

  const startApp = () =>
    startAppOnDatabase({
      databaseUrl: withLogin(cluster.ownerUrl, 'modelgate_runtime', RUNTIME_PASSWORD),
      migrationUrl: cluster.ownerUrl,
      dataDir: path.join(data.dir, 'app'),
      env: {
        SEED_DEMO_DATA: 'true',
        // Workers look for jobs twice a second; a receiver that does not answer holds an attempt for 8 s, and its
        // lease (timeout + 30 s) ends 38 s after the claim.
        JOBS_POLLING_INTERVAL_SECONDS: '0.5',
        WEBHOOK_TIMEOUT_MS: '8000',
      },
    });

  const deliveries = (subscriptionId: string) =>
    probe.query<DeliveryRow>(
      `SELECT id::text, status, attempts, next_attempt_at > now() AS leased, next_attempt_at AS lease
       FROM webhook_delivery WHERE subscription_id = $1::uuid ORDER BY created_at, id`,
      subscriptionId,
    );
  const deliveryJobs = () =>
    probe.query<JobRow>(`SELECT id::text, state::text FROM pgboss.job WHERE name = $1 ORDER BY created_on`, DELIVERY_JOB);
  const sendTest = async (session: Session, subscriptionId: string) =>
    (await graphqlData<{ sendTestWebhook: { id: string } }>(app.baseUrl, session, SEND_TEST, { id: subscriptionId }))
      .sendTestWebhook.id;

  beforeAll(async () => {
    data = await makeDataDir();
    cluster = await startPostgresCluster(data.dir);
    probe = openProbe(cluster.ownerUrl);
    await probe.query('CREATE ROLE modelgate_app NOLOGIN');
    await probe.query(`CREATE ROLE modelgate_runtime LOGIN PASSWORD '${RUNTIME_PASSWORD}' IN ROLE modelgate_app`);
    receiver = await startWebhookReceiver();
    app = await startApp();
  });

  afterAll(async () => {
    await stopAllApps();
    await receiver?.close();
    await probe?.close();
    await cluster?.stop();
    await data?.remove();
  });

  it('sends every pending delivery exactly once after the restart, and the one in flight again after its lease (at least once)', async () => {
    const admin = await signInSession(app.baseUrl, 'admin@demo.modelgate.local', DEMO_PASSWORD);
    const { createWebhookSubscription } = await graphqlData<{ createWebhookSubscription: { subscription: { id: string } } }>(
      app.baseUrl,
      admin,
      CREATE_SUBSCRIPTION,
      { input: { name: 'fault receiver', url: receiver.url, events: ['decision.made'] } },
    );
    const subscriptionId = createWebhookSubscription.subscription.id;

    // One delivery in flight: the job's pass has claimed and sent it, and the receiver does not answer.
    receiver.setMode('hold');
    const inFlight = await sendTest(admin, subscriptionId);
    await waitUntil('the first delivery to reach the receiver', () => receiver.received.length === 1, 15_000);
    expect(receiver.received[0]!.deliveryId).toBe(inFlight);
    // Meanwhile more work: deliveries written with their changes, and one delivery job asked for each.
    const pending = await Promise.all(Array.from({ length: PENDING_DELIVERIES }, () => sendTest(admin, subscriptionId)));
    const beforeKill = await deliveries(subscriptionId);
    const inFlightRow = beforeKill.find((d) => d.id === inFlight);
    expect(inFlightRow).toMatchObject({ status: 'PENDING', attempts: 0, leased: true });
    expect(beforeKill.filter((d) => d.id !== inFlight).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...pending].sort().map((id) => expect.objectContaining({ id, status: 'PENDING', attempts: 0, leased: false })),
    );
    const jobsAtKill = await deliveryJobs();
    const pendingJobs = jobsAtKill.filter((job) => job.state === 'created').map((job) => job.id);
    expect(pendingJobs.length).toBeGreaterThanOrEqual(1);
    expect(jobsAtKill.filter((job) => job.state === 'active')).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);

    expect(await app.stop('SIGKILL')).toBe('SIGKILL');
    receiver.setMode('answer');
    app = await startApp();

    // Pending work is not lost: each pending delivery is sent after the restart, before the one in flight.
    await waitUntil(
      'the pending deliveries to be delivered',
      async () =>
        (await deliveries(subscriptionId)).filter((d) => pending.includes(d.id) && d.status === 'DELIVERED').length ===
        PENDING_DELIVERIES,
      30_000,
    );
    // The attempt in flight was never recorded: that delivery is still leased, and not sent again before its lease ends.
    expect((await deliveries(subscriptionId)).find((d) => d.id === inFlight)).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      leased: true,
    });
    expect(receiver.counts().get(inFlight)).toBe(1);

    // Once the lease has ended, the next pass (after the next event here; at the latest the every-minute schedule)
    // sends it again.
    const lease = inFlightRow!.lease!;
    await waitUntil(
      'the lease of the delivery in flight to end',
      async () => {
        const [row] = await probe.query<{ ended: boolean }>('SELECT now() > $1::timestamptz AS ended', lease);
        return row!.ended;
      },
      60_000,
    );
    const last = await sendTest(admin, subscriptionId);
    await waitUntil(
      'every delivery to be delivered',
      async () => (await deliveries(subscriptionId)).every((d) => d.status === 'DELIVERED'),
      30_000,
    );
    // Every delivery job that was waiting in the queue at the kill ran to completion once.
    await waitUntil(
      'the delivery jobs that were pending at the kill to complete',
      async () =>
        (await deliveryJobs()).filter((job) => pendingJobs.includes(job.id) && job.state === 'completed').length ===
        pendingJobs.length,
      60_000,
    );

    const counts = receiver.counts();
    expect(Object.fromEntries([...pending, last].map((id) => [id, counts.get(id)]))).toEqual(
      Object.fromEntries([...pending, last].map((id) => [id, 1])),
    );
    // At least once: only the delivery in flight at the kill arrived twice, with the same id in header and body, so a
    // receiver that ignores a repeated Modelgate-Delivery id acts on it once.
    expect(counts.get(inFlight)).toBe(2);
    expect([...counts.keys()].sort()).toEqual([inFlight, ...pending, last].sort());
    expect(receiver.received.every((r) => r.payloadId === r.deliveryId)).toBe(true);
    // Each delivery has one recorded attempt: the one the receiver answered.
    expect((await deliveries(subscriptionId)).map((d) => d.attempts)).toEqual(Array(PENDING_DELIVERIES + 2).fill(1));

    expect(await app.stop('SIGTERM')).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { verifyWebhookSignature } from '@modelgate/domain/webhooks';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { WorkflowEventType, type WorkflowEvent } from '../notifications/workflow-events.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';

const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id } }
}`;
const DELETE = 'mutation ($id: ID!) { deleteWebhookSubscription(id: $id) { id } }';
const REDELIVER = 'mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attempts payload } }';
const DELIVERIES = `query ($id: ID!) {
  webhookDeliveries(subscriptionId: $id) {
    edges { node { id event status attempts lastStatusCode lastError nextAttemptAt deliveredAt payload } }
  }
}`;

type Delivery = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
};

const RETRY_DELAY_SECONDS = 60;
const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 1_000;

describe('webhook delivery', () => {
  let api: TestApp;
  let admin: TestSession;
  let clock: Clock;
  let worker: WebhookDeliveryWorker;
  let receiver: WebhookReceiver;
  const subscriptions: string[] = [];

  const subscribe = async (url: string, events: string[] = []) => {
    const response = await api.graphql<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
      CREATE,
      { input: { name: `hook ${subscriptions.length}`, url, events } },
      admin,
    );
    expect(response.body.errors).toBeUndefined();
    const { secret, subscription } = response.body.data!.createWebhookSubscription;
    subscriptions.push(subscription.id);
    return { id: subscription.id, secret };
  };
  const event = (type: WorkflowEvent['type'] = WorkflowEventType.DecisionMade): WorkflowEvent => ({
    type,
    recipientIds: [],
    title: 'AR-12: Qwen2.5-7B-Instruct approved with conditions',
    request: {
      id: randomUUID(),
      number: 12,
      state: 'APPROVED',
      teamId: null,
      modelVersion: { id: randomUUID(), name: 'Qwen2.5-7B-Instruct' },
    },
    details: { decision: 'APPROVED_WITH_CONDITIONS', validUntil: '2027-01-01' },
  });
  const publish = (...events: WorkflowEvent[]) =>
    api.app.get(PrismaService).$transaction((tx) => api.app.get(WorkflowEventsService).publish(tx, events, clock.now()));
  const deliveriesOf = async (subscriptionId: string) => {
    const response = await api.graphql<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(
      DELIVERIES,
      { id: subscriptionId },
      admin,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.webhookDeliveries.edges.map((edge) => edge.node);
  };
  /** Moves the clock just past the delivery's next attempt. */
  const stepOver = (delivery: Delivery) => clock.travelTo(new Date(Date.parse(delivery.nextAttemptAt!) + 1_000));

  beforeAll(async () => {
    api = await startTestApp({
      env: {
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        WEBHOOK_RETRY_DELAY_SECONDS: String(RETRY_DELAY_SECONDS),
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    admin = await api.signInAs(Role.Admin);
    clock = api.app.get(Clock);
    worker = api.app.get(WebhookDeliveryWorker);
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    for (const id of subscriptions.splice(0)) await api.graphql(DELETE, { id }, admin);
    await receiver.close();
  });
  afterAll(() => api.close());

  it('POSTs a published event, signed so that verifyWebhookSignature accepts it with the secret', async () => {
    const { id, secret } = await subscribe(receiver.url, ['decision.made']);
    const published = event();
    await publish(published);
    expect(await worker.deliverDue()).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const [delivery] = await deliveriesOf(id);
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['modelgate-event']).toBe('decision.made');
    expect(request!.headers['modelgate-delivery']).toBe(delivery!.id);
    const signature = request!.headers['modelgate-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, request!.body, signature, clock.now())).toMatchObject({ ok: true });
    expect(verifyWebhookSignature('whsec_wrong', request!.body, signature, clock.now())).toEqual({
      ok: false,
      reason: 'MISMATCH',
    });
    expect(JSON.parse(request!.body)).toEqual({
      id: delivery!.id,
      event: 'decision.made',
      occurredAt: expect.any(String),
      request: published.request,
      subject: null,
      details: published.details,
      title: published.title,
    });
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivery!.deliveredAt).not.toBeNull();

    // Nothing is due any more.
    expect(await worker.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(1);
  });

  it('does not deliver event types the subscription does not list, nor to inactive subscriptions', async () => {
    const picky = await subscribe(receiver.url, ['decision.made']);
    await publish(event(WorkflowEventType.ReviewAssigned), event(WorkflowEventType.ApprovalExpired));
    expect(await api.prisma.webhookDelivery.count({ where: { subscriptionId: picky.id } })).toBe(0);
    await api.prisma.webhookSubscription.update({ where: { id: picky.id }, data: { active: false } });
    await publish(event());
    expect(await api.prisma.webhookDelivery.count({ where: { subscriptionId: picky.id } })).toBe(0);
    expect(await worker.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it('retries with exponential backoff: fails twice with 503, succeeds on the third attempt', async () => {
    const { id } = await subscribe(receiver.url);
    receiver.respondWith(503, 503);
    await publish(event());

    expect(await worker.deliverDue()).toBe(1);
    let [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503 Service Unavailable',
    });
    const firstWait = Date.parse(delivery!.nextAttemptAt!) - clock.now().getTime();
    expect(firstWait).toBeGreaterThan((RETRY_DELAY_SECONDS - 5) * 1000);
    expect(firstWait).toBeLessThanOrEqual(RETRY_DELAY_SECONDS * 1000);
    expect(await worker.deliverDue()).toBe(0); // not due yet

    stepOver(delivery!);
    expect(await worker.deliverDue()).toBe(1);
    [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 2, lastStatusCode: 503 });
    const secondWait = Date.parse(delivery!.nextAttemptAt!) - clock.now().getTime();
    expect(secondWait).toBeGreaterThan((2 * RETRY_DELAY_SECONDS - 5) * 1000);
    expect(secondWait).toBeLessThanOrEqual(2 * RETRY_DELAY_SECONDS * 1000);

    stepOver(delivery!);
    expect(await worker.deliverDue()).toBe(1);
    [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(receiver.requests.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(new Set(receiver.requests.map((request) => request.headers['modelgate-delivery']))).toEqual(new Set([delivery!.id]));
  });

  it('marks a delivery FAILED after the last allowed attempt, and redelivers it on request as a new delivery', async () => {
    const { id, secret } = await subscribe(receiver.url);
    receiver.setDefaultStatus(500);
    await publish(event());
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await worker.deliverDue()).toBe(1);
      const [delivery] = await deliveriesOf(id);
      if (attempt < MAX_ATTEMPTS) stepOver(delivery!);
    }
    const [failed] = await deliveriesOf(id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 500,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    clock.travelTo(new Date(clock.now().getTime() + 86_400_000));
    expect(await worker.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);

    receiver.setDefaultStatus(204);
    const redelivered = await api.graphql<{ redeliverWebhook: Delivery }>(REDELIVER, { id: failed!.id }, admin);
    expect(redelivered.body.errors).toBeUndefined();
    const copy = redelivered.body.data!.redeliverWebhook;
    expect(copy).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(copy.id).not.toBe(failed!.id);
    expect(copy.payload).toEqual({ ...failed!.payload, id: copy.id });
    expect(await api.prisma.auditEvent.count({ where: { action: 'webhook.redeliver', entityId: copy.id } })).toBe(1);

    expect(await worker.deliverDue()).toBe(1);
    const last = receiver.requests.at(-1)!;
    expect(last.headers['modelgate-delivery']).toBe(copy.id);
    expect(verifyWebhookSignature(secret, last.body, last.headers['modelgate-signature'] as string, clock.now()).ok).toBe(true);
    expect((await deliveriesOf(id)).map((delivery) => [delivery.id, delivery.status])).toEqual([
      [copy.id, 'DELIVERED'],
      [failed!.id, 'FAILED'],
    ]);
    expect((await api.graphql(REDELIVER, { id: randomUUID() }, admin)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('records refused connections and redirects (which it does not follow) as failed attempts', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const refused = await subscribe(closed.url);
    const redirecting = await subscribe(receiver.url);
    receiver.respondWith(302);
    await publish(event());
    expect(await worker.deliverDue()).toBe(2);
    const [toClosed] = await deliveriesOf(refused.id);
    expect(toClosed).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'connection failed: ECONNREFUSED',
    });
    const [toRedirect] = await deliveriesOf(redirecting.id);
    expect(toRedirect).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 302 });
    expect(toRedirect!.lastError).toContain('redirects are not followed');
    expect(receiver.requests).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const { id } = await subscribe(receiver.url);
    receiver.respondWith('no-answer');
    await publish(event());
    expect(await worker.deliverDue()).toBe(1);
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: null,
      lastError: `no response within ${TIMEOUT_MS} ms`,
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it('never sends the same attempt twice when workers run at once', async () => {
    await subscribe(receiver.url);
    await publish(...Array.from({ length: 12 }, () => event()));
    const passes = await Promise.all([worker.deliverDue(), worker.deliverDue(), worker.deliverDue()]);
    expect(passes.reduce((sum, count) => sum + count, 0)).toBe(12);
    expect(receiver.requests).toHaveLength(12);
    expect(new Set(receiver.requests.map((request) => request.headers['modelgate-delivery'])).size).toBe(12);
  });
});

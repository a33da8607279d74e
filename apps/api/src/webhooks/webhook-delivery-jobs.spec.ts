import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { verifyWebhookSignature } from '@modelgate/domain/webhooks';
import { PrismaService } from '../database/prisma.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { WorkflowEventType } from '../notifications/workflow-events.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.js';

const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id } }
}`;
const SEND_TEST = 'mutation ($id: ID!) { sendTestWebhook(subscriptionId: $id) { id } }';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('webhook delivery by the background job', () => {
  let api: TestApp;
  let admin: TestSession;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    api = await startTestApp({ env: { JOBS_ENABLED: 'true', JOBS_POLLING_INTERVAL_SECONDS: '0.5' } });
    admin = await api.signInAs(Role.Admin);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('sends a published event after commit without anyone running a pass, and a test delivery queued over GraphQL', async () => {
    expect(api.app.get(JobQueue).running).toBe(true);
    const created = await api.graphql<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
      CREATE,
      { input: { name: 'job hook', url: receiver.url, events: ['request.submitted', 'webhook.test'] } },
      admin,
    );
    const { secret, subscription } = created.body.data!.createWebhookSubscription;

    const events = api.app.get(WorkflowEventsService);
    await api.app.get(PrismaService).$transaction((tx) =>
      events.publish(
        tx,
        {
          type: WorkflowEventType.RequestSubmitted,
          recipientIds: [admin.userId],
          title: 'AR-1: approval of Mistral-7B requested',
          request: {
            id: randomUUID(),
            number: 1,
            state: 'SUBMITTED',
            teamId: null,
            modelVersion: { id: randomUUID(), name: 'Mistral-7B' },
          },
        },
        new Date(),
      ),
    );
    events.afterCommit();

    const [request] = await receiver.waitForRequests(1, 15_000);
    expect(request!.headers['modelgate-event']).toBe('request.submitted');
    expect(verifyWebhookSignature(secret, request!.body, request!.headers['modelgate-signature'] as string, new Date()).ok).toBe(
      true,
    );
    const delivered = await eventually(
      () => api.prisma.webhookDelivery.findMany({ where: { subscriptionId: subscription.id } }),
      (rows) => rows.every((row) => row.status === 'DELIVERED'),
    );
    expect(delivered).toEqual([expect.objectContaining({ event: 'request.submitted', status: 'DELIVERED', attempts: 1 })]);

    const test = await api.graphql<{ sendTestWebhook: { id: string } }>(SEND_TEST, { id: subscription.id }, admin);
    expect(test.body.errors).toBeUndefined();
    const requests = await receiver.waitForRequests(2, 15_000);
    expect(requests[1]!.headers).toMatchObject({
      'modelgate-event': 'webhook.test',
      'modelgate-delivery': test.body.data!.sendTestWebhook.id,
    });
  });
});

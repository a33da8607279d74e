import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { WEBHOOK_WORKFLOW_EVENTS } from '@modelgate/domain/webhooks';
import { WORKFLOW_EVENT_TYPES } from '../notifications/workflow-events.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const FIELDS = 'id name url events active version createdById';
const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { ${FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) { ${FIELDS} } }`;
const ROTATE = `mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { ${FIELDS} } } }`;
const DELETE = `mutation ($id: ID!) { deleteWebhookSubscription(id: $id) { ${FIELDS} } }`;
const LIST = `{ webhookSubscriptions { ${FIELDS} } }`;
const ONE = `query ($id: ID!) { webhookSubscription(id: $id) { ${FIELDS} } }`;
const EVENT_TYPES = '{ webhookEventTypes }';
const SEND_TEST =
  'mutation ($id: ID!) { sendTestWebhook(subscriptionId: $id) { id event status attempts subscriptionId payload } }';
const DELIVERIES = `query ($id: ID!, $first: Int, $after: String, $status: WebhookDeliveryStatus) {
  webhookDeliveries(subscriptionId: $id, first: $first, after: $after, status: $status) {
    edges { cursor node { id event status attempts lastStatusCode lastError nextAttemptAt deliveredAt createdAt payload } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Subscription = {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  version: number;
  createdById: string | null;
};
type Created = { createWebhookSubscription: { secret: string; subscription: Subscription } };

const errorOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions;
const codeOf = (response: GraphqlResponse) => errorOf(response)?.code;
const fieldsOf = (response: GraphqlResponse) =>
  Object.fromEntries((errorOf(response)?.fields ?? []).map((f) => [f.field, f.reason]));

describe('webhook subscriptions over GraphQL', () => {
  let api: TestApp;
  let admin: TestSession;
  let compliance: TestSession;
  let auditor: TestSession;
  let engineer: TestSession;
  let reviewer: TestSession;
  const secrets: string[] = [];

  const create = async (session: TestSession, input: Record<string, unknown>) => {
    const response = await api.graphql<Created>(CREATE, { input }, session);
    expect(response.body.errors).toBeUndefined();
    secrets.push(response.body.data!.createWebhookSubscription.secret);
    return response.body.data!.createWebhookSubscription;
  };

  beforeAll(async () => {
    api = await startTestApp();
    [admin, compliance, auditor, engineer, reviewer] = await Promise.all([
      api.signInAs(Role.Admin),
      api.signInAs(Role.ComplianceOfficer),
      api.signInAs(Role.Auditor),
      api.signInAs(Role.Engineer),
      api.signInAs(Role.Reviewer),
    ]);
  });
  afterAll(() => api.close());

  it('knows the same workflow events as the approvals domain, and offers them with the test event', async () => {
    expect([...WEBHOOK_WORKFLOW_EVENTS].sort()).toEqual([...WORKFLOW_EVENT_TYPES].sort());
    const response = await api.graphql<{ webhookEventTypes: string[] }>(EVENT_TYPES, {}, auditor);
    expect(response.body.data?.webhookEventTypes).toEqual([...WEBHOOK_WORKFLOW_EVENTS, 'webhook.test']);
  });

  it('creates a subscription and shows its secret this once; the audit trail records it without the secret', async () => {
    const { secret, subscription } = await create(admin, {
      name: 'Compliance bot',
      url: 'https://hooks.example.com/modelgate',
      events: ['request.submitted', 'decision.made', 'decision.made'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(subscription).toMatchObject({
      name: 'Compliance bot',
      url: 'https://hooks.example.com/modelgate',
      events: ['decision.made', 'request.submitted'],
      active: true,
      version: 1,
      createdById: admin.userId,
    });
    expect((await api.prisma.webhookSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).secret).toBe(secret);

    const event = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'webhook.create', entityId: subscription.id },
    });
    expect(event).toMatchObject({ actorId: admin.userId, entityType: 'WebhookSubscription', outcome: 'SUCCESS' });
    expect(event.after).toEqual({
      name: 'Compliance bot',
      url: subscription.url,
      events: subscription.events,
      active: true,
      version: 1,
    });

    // Never readable afterwards: there is no field for it.
    const asField = await api.graphql('{ webhookSubscriptions { id secret } }', {}, admin);
    expect(codeOf(asField)).toBe('GRAPHQL_VALIDATION_FAILED');
    const listed = await api.graphql<{ webhookSubscriptions: Subscription[] }>(LIST, {}, admin);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('lets compliance officers manage webhooks and auditors read them; engineers and reviewers get FORBIDDEN', async () => {
    const { subscription } = await create(compliance, { name: 'SIEM', url: 'http://siem.internal:8080/in' });
    expect(subscription.events).toEqual([]);

    const read = await api.graphql<{ webhookSubscription: Subscription }>(ONE, { id: subscription.id }, auditor);
    expect(read.body.data?.webhookSubscription.name).toBe('SIEM');
    expect((await api.graphql(DELIVERIES, { id: subscription.id }, auditor)).body.errors).toBeUndefined();

    const before = await api.prisma.webhookSubscription.count();
    for (const session of [auditor, engineer, reviewer]) {
      expect(codeOf(await api.graphql(CREATE, { input: { name: 'x', url: 'https://x.example' } }, session))).toBe('FORBIDDEN');
      expect(
        codeOf(await api.graphql(UPDATE, { input: { id: subscription.id, expectedVersion: 1, active: false } }, session)),
      ).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(ROTATE, { id: subscription.id }, session))).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(DELETE, { id: subscription.id }, session))).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(SEND_TEST, { id: subscription.id }, session))).toBe('FORBIDDEN');
    }
    for (const session of [engineer, reviewer]) {
      expect(codeOf(await api.graphql(LIST, {}, session))).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(DELIVERIES, { id: subscription.id }, session))).toBe('FORBIDDEN');
    }
    expect(await api.prisma.webhookSubscription.count()).toBe(before);
    expect((await api.prisma.webhookSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).version).toBe(1);
  });

  it('refuses a URL that is not http(s), unknown events and empty names, naming each field', async () => {
    const before = await api.prisma.webhookSubscription.count();
    const badUrl = await api.graphql(CREATE, { input: { name: 'x', url: 'ftp://files.example.com/in' } }, admin);
    expect(codeOf(badUrl)).toBe('VALIDATION_FAILED');
    expect(fieldsOf(badUrl)).toEqual({ 'input.url': 'must be an http or https URL' });

    const several = await api.graphql(
      CREATE,
      { input: { name: ' ', url: 'https://ok.example', events: ['decision.made', 'model.deleted'] } },
      admin,
    );
    expect(Object.keys(fieldsOf(several)).sort()).toEqual(['input.events.1', 'input.name']);
    expect(await api.prisma.webhookSubscription.count()).toBe(before);
  });

  it('updates with optimistic concurrency: a stale version is a CONFLICT; changes are audited before and after', async () => {
    const { subscription } = await create(admin, { name: 'Chat', url: 'https://chat.example/hook', events: ['decision.made'] });
    const updated = await api.graphql<{ updateWebhookSubscription: Subscription }>(
      UPDATE,
      { input: { id: subscription.id, expectedVersion: 1, name: 'Chat ops', events: [], active: false } },
      compliance,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateWebhookSubscription).toMatchObject({
      name: 'Chat ops',
      events: [],
      active: false,
      version: 2,
    });

    const stale = await api.graphql(UPDATE, { input: { id: subscription.id, expectedVersion: 1, name: 'Lost update' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(fieldsOf(stale)).toHaveProperty(['input.expectedVersion']);

    const audits = await api.prisma.auditEvent.findMany({ where: { action: 'webhook.update', entityId: subscription.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: compliance.userId,
      before: { name: 'Chat', events: ['decision.made'], active: true, version: 1 },
      after: { name: 'Chat ops', events: [], active: false, version: 2 },
    });

    // Saving without a change writes and audits nothing.
    const unchanged = await api.graphql<{ updateWebhookSubscription: Subscription }>(
      UPDATE,
      { input: { id: subscription.id, expectedVersion: 2, name: 'Chat ops', active: false } },
      admin,
    );
    expect(unchanged.body.data?.updateWebhookSubscription.version).toBe(2);
    expect(await api.prisma.auditEvent.count({ where: { action: 'webhook.update', entityId: subscription.id } })).toBe(1);

    const missing = await api.graphql(UPDATE, { input: { id: randomUUID(), expectedVersion: 1, name: 'x' } }, admin);
    expect(codeOf(missing)).toBe('NOT_FOUND');

    // An inactive subscription takes no test deliveries.
    const test = await api.graphql(SEND_TEST, { id: subscription.id }, admin);
    expect(codeOf(test)).toBe('VALIDATION_FAILED');
    expect(fieldsOf(test)).toEqual({ subscriptionId: 'is not active; activate it to send to it' });
  });

  it('rotates the secret: the new one is shown once, stored, and kept out of the audit trail', async () => {
    const { subscription, secret: old } = await create(admin, { name: 'Rotating', url: 'https://rotate.example/hook' });
    const rotated = await api.graphql<{ rotateWebhookSecret: { secret: string; subscription: Subscription } }>(
      ROTATE,
      { id: subscription.id },
      compliance,
    );
    expect(rotated.body.errors).toBeUndefined();
    const { secret, subscription: after } = rotated.body.data!.rotateWebhookSecret;
    secrets.push(secret);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(old);
    expect(after.version).toBe(2);
    expect((await api.prisma.webhookSubscription.findUniqueOrThrow({ where: { id: subscription.id } })).secret).toBe(secret);
    expect(await api.prisma.auditEvent.count({ where: { action: 'webhook.rotate_secret', entityId: subscription.id } })).toBe(1);
  });

  it('queues a test delivery, lists it in the delivery log, and deletes a subscription with its log', async () => {
    const { subscription } = await create(admin, {
      name: 'Doomed',
      url: 'https://doomed.example/hook',
      events: ['decision.made'],
    });
    const sent = await api.graphql<{
      sendTestWebhook: { id: string; event: string; status: string; attempts: number; payload: Record<string, unknown> };
    }>(SEND_TEST, { id: subscription.id }, compliance);
    expect(sent.body.errors).toBeUndefined();
    const delivery = sent.body.data!.sendTestWebhook;
    expect(delivery).toMatchObject({ event: 'webhook.test', status: 'PENDING', attempts: 0 });
    expect(delivery.payload).toMatchObject({ id: delivery.id, event: 'webhook.test', request: null, details: {} });
    expect(await api.prisma.auditEvent.count({ where: { action: 'webhook.send_test', entityId: subscription.id } })).toBe(1);

    const log = await api.graphql<{ webhookDeliveries: { edges: { node: { id: string } }[] } }>(
      DELIVERIES,
      { id: subscription.id, status: 'PENDING' },
      auditor,
    );
    expect(log.body.data?.webhookDeliveries.edges.map((edge) => edge.node.id)).toEqual([delivery.id]);
    const none = await api.graphql<{ webhookDeliveries: { edges: unknown[] } }>(
      DELIVERIES,
      { id: subscription.id, status: 'FAILED' },
      auditor,
    );
    expect(none.body.data?.webhookDeliveries.edges).toEqual([]);
    expect(fieldsOf(await api.graphql(DELIVERIES, { id: subscription.id, first: 500 }, auditor))).toEqual({
      first: 'must be at most 100',
    });

    const deleted = await api.graphql<{ deleteWebhookSubscription: Subscription }>(DELETE, { id: subscription.id }, admin);
    expect(deleted.body.data?.deleteWebhookSubscription.id).toBe(subscription.id);
    expect(codeOf(await api.graphql(ONE, { id: subscription.id }, admin))).toBe('NOT_FOUND');
    expect(await api.prisma.webhookDelivery.count({ where: { subscriptionId: subscription.id } })).toBe(0);
    const audit = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'webhook.delete', entityId: subscription.id },
    });
    expect(audit).toMatchObject({ before: { name: 'Doomed' }, after: { deleted: true, deliveriesRemoved: 1 } });
    expect(codeOf(await api.graphql(DELETE, { id: subscription.id }, admin))).toBe('NOT_FOUND');
  });

  it('never writes a secret into the audit trail', async () => {
    const events = await api.prisma.auditEvent.findMany();
    const trail = JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(trail).not.toContain(secret);
    expect(trail).not.toContain('whsec_');
  });
});

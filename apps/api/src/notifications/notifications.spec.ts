import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';
import { WorkflowEventType, type WorkflowEvent } from './workflow-events.js';
import { WorkflowEventsService } from './workflow-events.service.js';

const LIST = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id event title body requestId readAt createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNREAD = '{ unreadNotificationCount }';
const MARK = 'mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }';

type Node = { id: string; event: string; title: string; body: string | null; requestId: string | null; readAt: string | null };
type ListResult = {
  notifications: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

const errorOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions;
const fieldsOf = (response: GraphqlResponse) =>
  Object.fromEntries((errorOf(response)?.fields ?? []).map((f) => [f.field, f.reason]));

describe('in-app notifications', () => {
  let api: TestApp;
  let alice: TestSession;
  let bob: TestSession;
  let carol: TestSession;
  let publisher: WorkflowEventsService;
  let clock: Clock;

  const event = (overrides: Partial<WorkflowEvent> = {}): WorkflowEvent => ({
    type: WorkflowEventType.ReviewAssigned,
    recipientIds: [],
    title: 'AR-7: security review of Qwen2.5-7B-Instruct assigned to you',
    body: 'Due in 5 working days.',
    request: {
      id: randomUUID(),
      number: 7,
      state: 'IN_REVIEW',
      teamId: null,
      modelVersion: { id: randomUUID(), name: 'Qwen2.5-7B-Instruct' },
    },
    details: { category: 'SECURITY' },
    ...overrides,
  });
  const publish = (events: WorkflowEvent | WorkflowEvent[], occurredAt = clock.now()) =>
    api.app.get(PrismaService).$transaction((tx) => publisher.publish(tx, events, occurredAt));
  const list = async (session: TestSession, variables: Record<string, unknown> = {}) => {
    const response = await api.graphql<ListResult>(LIST, variables, session);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.notifications;
  };
  const unread = async (session: TestSession) =>
    (await api.graphql<{ unreadNotificationCount: number }>(UNREAD, {}, session)).body.data!.unreadNotificationCount;
  const mark = (session: TestSession, input: Record<string, unknown>) =>
    api.graphql<{ markNotificationsRead: number }>(MARK, { input }, session);
  const readAudits = () => api.prisma.auditEvent.findMany({ where: { action: 'notification.read' }, orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob, carol] = await Promise.all([
      api.signInAs(Role.Engineer),
      api.signInAs(Role.Reviewer),
      api.signInAs(Role.Auditor),
    ]);
    publisher = api.app.get(WorkflowEventsService);
    clock = api.app.get(Clock);
  });
  afterAll(() => api.close());

  it('notifies each distinct recipient of each event once, newest first, and nobody else; publishing is not audited', async () => {
    const auditBefore = await api.prisma.auditEvent.count();
    const first = event({ recipientIds: [alice.userId, alice.userId, null, bob.userId] });
    const second = event({
      type: WorkflowEventType.DecisionMade,
      recipientIds: [alice.userId],
      title: 'AR-7: approved',
      body: undefined,
    });
    await publish(first, new Date(clock.now().getTime() - 1_000));
    await publish([second]);

    const mine = await list(alice);
    expect(mine.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        event: 'decision.made',
        title: 'AR-7: approved',
        body: null,
        requestId: second.request!.id,
        readAt: null,
      }),
      expect.objectContaining({
        event: 'review.assigned',
        title: first.title,
        body: 'Due in 5 working days.',
        requestId: first.request!.id,
      }),
    ]);
    expect(mine.pageInfo.hasNextPage).toBe(false);
    expect((await list(bob)).edges.map((edge) => edge.node.requestId)).toEqual([first.request!.id]);
    expect((await list(carol)).edges).toEqual([]);
    expect([await unread(alice), await unread(bob), await unread(carol)]).toEqual([2, 1, 0]);
    expect(await api.prisma.auditEvent.count()).toBe(auditBefore);
  });

  it('pages with opaque cursors, bounds the page size, and refuses a cursor it did not make', async () => {
    const base = clock.now().getTime();
    for (let i = 0; i < 5; i++)
      await publish(event({ recipientIds: [carol.userId], title: `n${i}` }), new Date(base - 10_000 + i * 1_000));
    const titles: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result = await list(carol, { first: 2, after });
      titles.push(...result.edges.map((edge) => edge.node.title));
      after = result.pageInfo.endCursor;
      expect(result.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(titles).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);

    const tooMany = await api.graphql(LIST, { first: 101 }, carol);
    expect(errorOf(tooMany)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(tooMany)).toEqual({ first: 'must be at most 100' });
    const forged = await api.graphql(LIST, { after: Buffer.from('o:5').toString('base64url') }, carol);
    expect(errorOf(forged)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(forged)).toEqual({ after: 'is not a cursor from this list' });
  });

  it('marks only your own notifications read, audits once per change, and a repeat changes nothing', async () => {
    const [newest, older] = (await list(alice)).edges.map((edge) => edge.node.id);
    const [bobs] = (await list(bob)).edges.map((edge) => edge.node.id);
    const auditsBefore = (await readAudits()).length;

    const marked = await mark(alice, { ids: [newest, bobs] });
    expect(marked.body).toEqual({ data: { markNotificationsRead: 1 } });
    expect(await unread(alice)).toBe(1);
    expect(await unread(bob)).toBe(1);
    expect((await list(alice, { unreadOnly: true })).edges.map((edge) => edge.node.id)).toEqual([older]);

    const audits = await readAudits();
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: alice.userId,
      entityType: 'Notification',
      entityId: newest,
      after: { count: 1, ids: [newest] },
      outcome: 'SUCCESS',
    });

    const again = await mark(alice, { ids: [newest, bobs] });
    expect(again.body).toEqual({ data: { markNotificationsRead: 0 } });
    expect(await readAudits()).toHaveLength(auditsBefore + 1);

    const all = await mark(carol, { all: true });
    expect(all.body.data?.markNotificationsRead).toBe(5);
    expect(await unread(carol)).toBe(0);
    expect((await readAudits()).at(-1)).toMatchObject({ actorId: carol.userId, entityId: null, after: { count: 5, all: true } });
    expect((await mark(carol, { all: true })).body.data?.markNotificationsRead).toBe(0);
    expect(await readAudits()).toHaveLength(auditsBefore + 2);
  });

  it('refuses input that names neither ids nor all, or both, or malformed ids, and anonymous callers', async () => {
    const neither = await mark(alice, {});
    expect(errorOf(neither)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(neither)).toEqual({ 'input.ids': 'is required unless all is true' });
    expect(fieldsOf(await mark(alice, { ids: [randomUUID()], all: true }))).toEqual({
      'input.all': 'must not be true when ids are given',
    });
    expect(Object.keys(fieldsOf(await mark(alice, { ids: ['not-an-id'] })))).toEqual(['input.ids.0']);
    expect(errorOf(await api.graphql(UNREAD))?.code).toBe('UNAUTHENTICATED');
    expect(await unread(alice)).toBe(1);
  });
});

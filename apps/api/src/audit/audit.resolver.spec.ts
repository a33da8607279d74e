import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { asSuperuserWithoutTriggers } from '@modelgate/db/testing';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

type Verification = {
  auditTrailVerification: {
    ok: boolean;
    checkedEvents: number;
    headSeq: string | null;
    firstBreak: { seq: string; reason: string } | null;
  };
};
const VERIFY = '{ auditTrailVerification { ok checkedEvents headSeq headHash firstBreak { seq reason message } } }';

/** Tampers as the database superuser, with the append-only triggers switched off for this session only. */
const tamper = (ownerUrl: string, sql: string) =>
  asSuperuserWithoutTriggers(ownerUrl, async (client) => void (await client.query(sql)));

describe('audit trail over GraphQL', () => {
  let api: TestApp;
  let auditor: TestSession;

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
  });
  afterAll(() => api.close());

  it('lists events newest first with filters and keyset pagination', async () => {
    const admin = await api.signInAs(Role.Admin);
    await api.graphql('mutation { signOut }', undefined, admin);
    const page = await api.graphql<{
      auditEvents: {
        edges: Array<{ cursor: string; node: { action: string; actorId: string; seq: string; changes: unknown[] } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      'query ($actor: String) { auditEvents(first: 1, filter: { actorId: $actor }) { edges { cursor node { seq action actorId changes { path before after } } } pageInfo { hasNextPage endCursor } } }',
      { actor: admin.userId },
      auditor,
    );
    expect(page.body.errors).toBeUndefined();
    const { edges, pageInfo } = page.body.data!.auditEvents;
    expect(edges).toHaveLength(1);
    expect(edges[0]!.node).toMatchObject({ action: 'auth.sign_out', actorId: admin.userId });
    expect(pageInfo.hasNextPage).toBe(true);

    const next = await api.graphql<{ auditEvents: { edges: Array<{ node: { action: string; seq: string } }> } }>(
      'query ($actor: String, $after: String) { auditEvents(first: 5, after: $after, filter: { actorId: $actor }) { edges { node { seq action } } } }',
      { actor: admin.userId, after: pageInfo.endCursor },
      auditor,
    );
    expect(next.body.data!.auditEvents.edges.map((e) => e.node.action)).toEqual(['auth.sign_in']);
    expect(BigInt(next.body.data!.auditEvents.edges[0]!.node.seq)).toBeLessThan(BigInt(edges[0]!.node.seq));
  });

  it('pages through oldest first too, the same events in the opposite order', async () => {
    type Page = {
      auditEvents: { edges: Array<{ node: { seq: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const read = async (order: string) => {
      const seqs: string[] = [];
      let after: string | null = null;
      do {
        const page: GraphqlResponse<Page> = await api.graphql<Page>(
          'query ($after: String, $order: AuditOrder) { auditEvents(first: 7, after: $after, order: $order, filter: { action: "auth.sign_in" }) { edges { node { seq } } pageInfo { hasNextPage endCursor } } }',
          { after, order },
          auditor,
        );
        expect(page.body.errors).toBeUndefined();
        seqs.push(...page.body.data!.auditEvents.edges.map((edge) => edge.node.seq));
        after = page.body.data!.auditEvents.pageInfo.hasNextPage ? page.body.data!.auditEvents.pageInfo.endCursor : null;
      } while (after);
      return seqs;
    };
    for (let i = 0; i < 10; i++) await api.signInAs(Role.Reviewer);
    const newest = await read('NEWEST_FIRST');
    const oldest = await read('OLDEST_FIRST');
    expect(newest.length).toBeGreaterThan(10);
    expect(oldest).toEqual([...newest].reverse());
    expect(oldest.map(BigInt)).toEqual([...oldest.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    const refused = await api.graphql('{ auditEvents(order: SIDEWAYS) { edges { cursor } } }', undefined, auditor);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.GraphqlValidationFailed);
  });

  it('shows what changed as a readable diff', async () => {
    const user = await api.createUser();
    for (let i = 0; i < 2; i++)
      await api.graphql('mutation ($i: SignInInput!) { signIn(input: $i) { viewer { id } } }', {
        i: { email: user.email, password: 'nope' },
      });
    const result = await api.graphql<{
      auditEvents: { edges: Array<{ node: { changes: Array<{ path: string; before: unknown; after: unknown }> } }> };
    }>(
      'query ($id: String) { auditEvents(first: 1, filter: { entityId: $id, action: "auth.sign_in_failed" }) { edges { node { changes { path before after } } } } }',
      { id: user.id },
      auditor,
    );
    expect(result.body.data!.auditEvents.edges[0]!.node.changes).toEqual(
      expect.arrayContaining([{ path: 'failedSignInCount', before: 1, after: 2 }]),
    );
  });

  it('validates its arguments', async () => {
    const result = await api.graphql('{ auditEvents(first: 201, after: "abc") { edges { cursor } } }', undefined, auditor);
    expect(result.body.errors?.[0]?.extensions).toEqual({
      code: ErrorCode.ValidationFailed,
      fields: [
        { field: 'first', reason: 'must be at most 200' },
        { field: 'after', reason: 'is not a cursor from this list' },
      ],
    });
  });

  it('is closed to engineers and anonymous callers, and each refusal is itself audited', async () => {
    const engineer = await api.signInAs(Role.Engineer);
    const denied = await api.graphql('{ auditEvents { edges { cursor } } }', undefined, engineer);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect((await api.graphql(VERIFY)).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
    const refusal = await api.prisma.auditEvent.findFirst({ where: { action: 'access.denied', actorId: engineer.userId } });
    expect(refusal).toMatchObject({
      outcome: 'DENIED',
      entityType: 'Operation',
      entityId: 'Query.auditEvents',
      reason: 'cannot read AuditEvent',
    });
  });

  it('keeps one linear chain under concurrent writers', async () => {
    const user = await api.createUser();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        api.graphql('mutation ($i: SignInInput!) { signIn(input: $i) { viewer { id } } }', {
          i: { email: user.email, password: 'wrong' },
        }),
      ),
    );
    const seqs = (await api.prisma.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => BigInt(i + 1)));
    const verification = await api.graphql<Verification>(VERIFY, undefined, auditor);
    expect(verification.body.data!.auditTrailVerification).toMatchObject({
      ok: true,
      checkedEvents: seqs.length,
      firstBreak: null,
    });
  });
});

describe('audit trail verification finds tampering done as a superuser', () => {
  let api: TestApp;
  let auditor: TestSession;
  let seqs: bigint[];

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
  });
  afterAll(() => api.close());

  // Each case tampers with a fresh stretch of history, then restores nothing: so each starts from a new app.
  const freshTrail = async () => {
    await api.close();
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
    for (let i = 0; i < 3; i++) await api.signInAs(Role.Engineer);
    seqs = (await api.prisma.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => e.seq);
    const clean = await api.graphql<Verification>(VERIFY, undefined, auditor);
    expect(clean.body.data!.auditTrailVerification.ok).toBe(true);
  };

  const verify = async () => (await api.graphql<Verification>(VERIFY, undefined, auditor)).body.data!.auditTrailVerification;

  it('an edited event', async () => {
    await freshTrail();
    await tamper(api.ownerUrl, `UPDATE audit_event SET actor_label = 'someone-else' WHERE seq = ${seqs[1]}`);
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(seqs[1]), reason: 'HASH_MISMATCH' } });
  });

  it('a deleted event', async () => {
    await freshTrail();
    await tamper(api.ownerUrl, `DELETE FROM audit_event WHERE seq = ${seqs[1]}`);
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(seqs[2]), reason: 'SEQUENCE_GAP' } });
  });

  it('an inserted event', async () => {
    await freshTrail();
    const last = seqs.at(-1)!;
    await tamper(
      api.ownerUrl,
      `INSERT INTO audit_event (seq, occurred_at, actor_type, actor_roles, channel, action, entity_type, outcome, prev_hash, hash)
       SELECT ${last + 1n}, now(), 'USER', '{}', 'API', 'user.create', 'User', 'SUCCESS', hash, md5('x') || md5('y') FROM audit_event WHERE seq = ${last}`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(last + 1n), reason: 'HASH_MISMATCH' } });
  });

  it('reordered events', async () => {
    await freshTrail();
    await tamper(
      api.ownerUrl,
      `UPDATE audit_event SET seq = -1 WHERE seq = ${seqs[1]};
       UPDATE audit_event SET seq = ${seqs[1]} WHERE seq = ${seqs[2]};
       UPDATE audit_event SET seq = ${seqs[2]} WHERE seq = -1;`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { seq: String(seqs[1]), reason: 'PREVIOUS_HASH_MISMATCH' } });
  });
});

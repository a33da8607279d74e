import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashApiToken, Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { uniqueSuffix } from '@modelgate/db/testing';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { secret token { id name prefix scopes userId teamId boundTo expiresAt revokedAt lastUsedAt } }
}`;
const REVOKE = 'mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';
const LIST = '{ apiTokens { id name prefix scopes boundTo revokedAt lastUsedAt } }';
const AUDIT = '{ auditEvents(first: 1) { edges { node { action } } } }';
const VERIFY = '{ auditTrailVerification { ok } }';

type Created = {
  createApiToken: {
    secret: string;
    token: {
      id: string;
      name: string;
      prefix: string;
      scopes: string[];
      userId: string | null;
      teamId: string | null;
      boundTo: string;
    };
  };
};

describe('API tokens over GraphQL', () => {
  let api: TestApp;
  let admin: TestSession;
  let engineer: TestSession;
  let teamId: string;
  const teamSlug = `team-${uniqueSuffix()}`;

  const create = async (session: TestSession, input: Record<string, unknown>) => {
    const result = await api.graphql<Created>(CREATE, { input }, session);
    if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
    return result.body.data.createApiToken;
  };

  const writeCounts = async () => ({
    tokens: await api.prisma.apiToken.count(),
    events: await api.prisma.auditEvent.count({ where: { NOT: { action: 'access.denied' } } }),
    denied: await api.prisma.auditEvent.count({ where: { action: 'access.denied' } }),
  });

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.signInAs(Role.Admin);
    const user = await api.createUser({ roles: [Role.Engineer], teamSlugs: [teamSlug] });
    engineer = await api.signIn(user.email, user.password);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: teamSlug }, select: { id: true } })).id;
  });
  afterAll(() => api.close());

  it('shows the secret once and stores and audits only its hash and prefix', async () => {
    const { secret, token } = await create(engineer, {
      name: 'deploy pipeline',
      scopes: ['deployments:write'],
      expiresInDays: 30,
    });
    expect(secret).toMatch(/^mgt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ prefix: secret.slice(0, 12), userId: engineer.userId, teamId: null, boundTo: engineer.email });

    const row = await api.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashApiToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(29.9 * 86_400_000);

    const event = await api.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_token.create', entityId: token.id } });
    expect(event).toMatchObject({ actorId: engineer.userId, actorType: 'USER', outcome: 'SUCCESS' });
    expect(event.after).toMatchObject({
      name: 'deploy pipeline',
      prefix: token.prefix,
      scopes: ['deployments:write'],
      userId: engineer.userId,
    });
    const stored = JSON.stringify({ ...event, seq: event.seq.toString() });
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(row.tokenHash);

    const list = await api.graphql<{ apiTokens: Array<Record<string, unknown>> }>(LIST, {}, engineer);
    expect(list.body.data!.apiTokens).toEqual([expect.objectContaining({ id: token.id, prefix: token.prefix })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('with audit:read lists audit events but cannot verify the trail or manage tokens; use sets lastUsedAt', async () => {
    const { secret, token } = await create(admin, { name: 'evidence export', scopes: ['audit:read'] });
    const bearer = { bearer: secret };

    const events = await api.graphql(AUDIT, {}, bearer);
    expect(events.body.errors).toBeUndefined();
    const row = await api.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).not.toBeNull();

    expect((await api.graphql(VERIFY, {}, bearer)).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect((await api.graphql(LIST, {}, bearer)).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    const before = await writeCounts();
    const minted = await api.graphql(CREATE, { input: { name: 'more', scopes: ['audit:read'] } }, bearer);
    expect(minted.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect(await writeCounts()).toEqual({ ...before, denied: before.denied + 1 });

    const denial = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'access.denied', actorId: token.id },
      orderBy: { seq: 'desc' },
    });
    expect(denial).toMatchObject({ actorType: 'TOKEN', actorLabel: 'evidence export', channel: 'API' });

    await api.graphql(AUDIT, {}, { bearer: secret, client: 'cli' });
    const again = await api.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(again.lastUsedAt).toEqual(row.lastUsedAt); // within the minute: no second write
  });

  it('refuses revoked, expired and unknown tokens with UNAUTHENTICATED, even on public operations', async () => {
    const revoked = await create(engineer, { name: 'to revoke', scopes: ['models:read'] });
    const revoke = await api.graphql<{ revokeApiToken: { revokedAt: string } }>(REVOKE, { id: revoked.token.id }, engineer);
    expect(revoke.body.data!.revokeApiToken.revokedAt).toBeTruthy();
    expect(await api.prisma.auditEvent.count({ where: { action: 'api_token.revoke', entityId: revoked.token.id } })).toBe(1);

    const expired = await create(admin, { name: 'expired', scopes: ['audit:read'] });
    await api.prisma.apiToken.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const cases: Array<[string, string]> = [
      [revoked.secret, 'revoked'],
      [expired.secret, 'expired'],
      [`mgt_${'A'.repeat(43)}`, 'no such token'],
      ['not-a-token', 'not a Modelgate API token'],
    ];
    for (const [secret, message] of cases) {
      for (const query of [AUDIT, '{ systemStatus { __typename } }']) {
        const result = await api.graphql(query, {}, { bearer: secret });
        expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
        expect(result.body.errors?.[0]?.message).toContain(message);
      }
    }
  });

  it('lets engineers bind tokens to their own teams only, with scopes they have', async () => {
    const team = await create(engineer, { name: 'team pipeline', scopes: ['deployments:write'], teamId });
    expect(team.token).toMatchObject({ teamId, userId: null, boundTo: teamSlug });

    const otherTeam = await api.prisma.team.create({
      data: { slug: `other-${uniqueSuffix()}`, name: 'Other' },
      select: { id: true },
    });
    for (const input of [
      { name: 'not mine', scopes: ['deployments:write'], teamId: otherTeam.id },
      { name: 'too much', scopes: ['audit:read'] },
    ]) {
      const before = await writeCounts();
      const result = await api.graphql(CREATE, { input }, engineer);
      expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
      expect(await writeCounts()).toEqual({ ...before, denied: before.denied + 1 });
    }

    const colleague = await api.createUser({ roles: [Role.Engineer], teamSlugs: [teamSlug] });
    const colleagueSession = await api.signIn(colleague.email, colleague.password);
    const seen = await api.graphql<{ apiTokens: Array<{ id: string }> }>(LIST, {}, colleagueSession);
    expect(seen.body.data!.apiTokens.map((t) => t.id)).toEqual([team.token.id]);

    const outsider = await api.signInAs(Role.Engineer);
    const revoke = await api.graphql(REVOKE, { id: team.token.id }, outsider);
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.NotFound);
  });

  it('lets admins bind any team and grant any scope; a missing team is a field error', async () => {
    const other = await api.prisma.team.create({ data: { slug: `ops-${uniqueSuffix()}`, name: 'Ops' }, select: { id: true } });
    const { token } = await create(admin, { name: 'ops audit', scopes: ['audit:read', 'audit:verify'], teamId: other.id });
    expect(token).toMatchObject({ teamId: other.id, userId: null, scopes: ['audit:read', 'audit:verify'] });

    const missing = await api.graphql(
      CREATE,
      { input: { name: 'ghost', scopes: ['audit:read'], teamId: '00000000-0000-4000-8000-000000000000' } },
      admin,
    );
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({
      code: ErrorCode.ValidationFailed,
      fields: [{ field: 'input.teamId', reason: 'no such team' }],
    });
  });

  it('refuses auditors, who still read every token', async () => {
    const auditor = await api.signInAs(Role.Auditor);
    const before = await writeCounts();
    const result = await api.graphql(CREATE, { input: { name: 'x', scopes: ['audit:read'] } }, auditor);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect(await writeCounts()).toEqual({ ...before, denied: before.denied + 1 });

    const all = await api.graphql<{ apiTokens: unknown[] }>(LIST, {}, auditor);
    expect(all.body.data!.apiTokens.length).toBe(await api.prisma.apiToken.count());
  });

  it('names each invalid field and writes nothing', async () => {
    const before = await writeCounts();
    const result = await api.graphql(
      CREATE,
      { input: { name: '', scopes: ['root'], expiresInDays: 400, teamId: 'x' } },
      engineer,
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.ValidationFailed);
    expect(result.body.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort()).toEqual([
      'input.expiresInDays',
      'input.name',
      'input.scopes.0',
      'input.teamId',
    ]);
    expect(await writeCounts()).toEqual(before);
  });

  it('audits writes made with a token as the token', async () => {
    const { secret, token } = await create(engineer, { name: 'self-revoker', scopes: ['models:read'] });
    // Tokens cannot manage tokens, so the attempt is refused and recorded against the token.
    const result = await api.graphql(REVOKE, { id: token.id }, { bearer: secret, client: 'cli' });
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    const denial = await api.prisma.auditEvent.findFirstOrThrow({ where: { actorId: token.id }, orderBy: { seq: 'desc' } });
    expect(denial).toMatchObject({ actorType: 'TOKEN', channel: 'CLI', actorRoles: ['models:read'] });
  });
});

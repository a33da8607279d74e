import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

const CREATE_USER =
  'mutation ($input: CreateUserInput!) { createUser(input: $input) { id email roles teams { slug } disabled } }';
const UPDATE_USER = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { id roles disabled teams { slug } } }';
const CREATE_TEAM = 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id slug name memberCount } }';

describe('people and teams over GraphQL', () => {
  let api: TestApp;
  let admin: TestSession;
  let teamId: string;

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.signInAs(Role.Admin);
    const team = await api.graphql<{ createTeam: { id: string } }>(
      CREATE_TEAM,
      { input: { slug: 'Risk-Platform', name: 'Risk Platform' } },
      admin,
    );
    expect(team.body.errors).toBeUndefined();
    teamId = team.body.data!.createTeam.id;
  });
  afterAll(() => api.close());

  it('an admin creates a person with roles and a team; the audit trail has the values but no password hash', async () => {
    const result = await api.graphql<{
      createUser: { id: string; email: string; roles: string[]; teams: Array<{ slug: string }> };
    }>(
      CREATE_USER,
      {
        input: {
          email: 'New.Engineer@Example.com',
          displayName: 'New Engineer',
          roles: ['ENGINEER'],
          teamIds: [teamId],
          password: 'a long enough passphrase',
        },
      },
      admin,
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.createUser).toMatchObject({
      email: 'new.engineer@example.com',
      roles: ['ENGINEER'],
      teams: [{ slug: 'risk-platform' }],
    });
    const event = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'user.create', entityId: result.body.data!.createUser.id },
    });
    expect(event.after).toMatchObject({
      email: 'new.engineer@example.com',
      roles: ['ENGINEER'],
      teams: ['risk-platform'],
      passwordSet: true,
    });
    expect(JSON.stringify({ ...event, seq: String(event.seq) })).not.toContain('scrypt$');
    await api.signIn('new.engineer@example.com', 'a long enough passphrase'); // the password works
  });

  it('validates input with field and reason, and writes nothing', async () => {
    const before = await api.prisma.user.count();
    const result = await api.graphql(
      CREATE_USER,
      { input: { email: 'nope', displayName: '', roles: ['ADMIN', 'ADMIN'], password: 'short' } },
      admin,
    );
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.ValidationFailed });
    const fields = result.body.errors![0]!.extensions!.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['input.displayName', 'input.email', 'input.password', 'input.roles']);
    const duplicate = await api.graphql(
      CREATE_USER,
      { input: { email: 'new.engineer@example.com', displayName: 'Dup', roles: [] } },
      admin,
    );
    expect(duplicate.body.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.email', reason: 'is already used by another person' },
    ]);
    expect(await api.prisma.user.count()).toBe(before);
  });

  it('changes roles and teams with a before/after record; disabling signs the person out everywhere', async () => {
    const person = await api.createUser({ roles: [Role.Reviewer] });
    const session = await api.signIn(person.email, person.password);
    const updated = await api.graphql<{ updateUser: { roles: string[]; disabled: boolean } }>(
      UPDATE_USER,
      { input: { id: person.id, roles: ['REVIEWER', 'AUDITOR'], teamIds: [teamId] } },
      admin,
    );
    expect(updated.body.data!.updateUser.roles).toEqual(['REVIEWER', 'AUDITOR']);
    const event = await api.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.update', entityId: person.id } });
    expect(event.before).toMatchObject({ roles: ['REVIEWER'], teams: [] });
    expect(event.after).toMatchObject({ roles: ['REVIEWER', 'AUDITOR'], teams: ['risk-platform'] });

    await api.graphql(UPDATE_USER, { input: { id: person.id, disabled: true } }, admin);
    expect((await api.graphql('{ viewer { id } }', undefined, session)).body.data).toEqual({ viewer: null });
  });

  it('refuses to remove or disable the last active admin', async () => {
    const admins = await api.prisma.user.findMany({ where: { roles: { has: 'ADMIN' }, disabledAt: null }, select: { id: true } });
    for (const other of admins.slice(1))
      await api.prisma.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    const last = admins[0]!;
    const result = await api.graphql(UPDATE_USER, { input: { id: last.id, roles: ['AUDITOR'] } }, admin);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Conflict);
    for (const other of admins.slice(1)) await api.prisma.user.update({ where: { id: other.id }, data: { disabledAt: null } });
  });

  it('engineers see only themselves and their own teams; they cannot create people', async () => {
    const engineer = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['engineers-own-team'] });
    const session = await api.signIn(engineer.email, engineer.password);
    const users = await api.graphql<{ users: Array<{ id: string }> }>('{ users { id } }', undefined, session);
    expect(users.body.data!.users).toEqual([{ id: engineer.id }]);
    const teams = await api.graphql<{ teams: Array<{ slug: string }> }>('{ teams { slug } }', undefined, session);
    expect(teams.body.data!.teams).toEqual([{ slug: 'engineers-own-team' }]);
    const denied = await api.graphql(CREATE_TEAM, { input: { slug: 'sneaky', name: 'Sneaky' } }, session);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect(await api.prisma.team.count({ where: { slug: 'sneaky' } })).toBe(0);
  });

  it('auditors see everyone but change nothing', async () => {
    const auditor = await api.signInAs(Role.Auditor);
    const users = await api.graphql<{ users: unknown[] }>('{ users { id email } }', undefined, auditor);
    expect(users.body.data!.users.length).toBeGreaterThan(2);
    const denied = await api.graphql(UPDATE_USER, { input: { id: auditor.userId, roles: ['ADMIN'] } }, auditor);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
  });
});

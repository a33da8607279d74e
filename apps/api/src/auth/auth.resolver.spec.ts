import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_FAILED_SIGN_INS, Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { id email roles csrfToken } } }';
const VIEWER = '{ viewer { id email roles } }';

async function rawSignIn(api: TestApp, email: string, password: string) {
  const response = await fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'auth-spec' },
    body: JSON.stringify({ query: SIGN_IN, variables: { input: { email, password } } }),
  });
  return {
    response,
    body: (await response.json()) as { data: unknown; errors?: Array<{ message: string; extensions: { code: string } }> },
  };
}

describe('local sign-in, sessions and sign-out over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('signs in with e-mail and password: httpOnly SameSite session cookie, audited with request details', async () => {
    const user = await api.createUser({ roles: [Role.Engineer, Role.Reviewer] });
    const { response, body } = await rawSignIn(api, user.email.toUpperCase(), user.password);
    expect(body.errors).toBeUndefined();
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mg_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    const event = await api.prisma.auditEvent.findFirst({ where: { action: 'auth.sign_in', actorId: user.id } });
    expect(event).toMatchObject({
      actorType: 'USER',
      actorLabel: user.email,
      actorRoles: [Role.Engineer, Role.Reviewer],
      channel: 'API',
      outcome: 'SUCCESS',
      requestId: response.headers.get('x-request-id'),
      userAgent: 'auth-spec',
      ip: '127.0.0.1',
    });
    // the secret in the cookie is never stored, only its hash
    const secret = cookie!.split(';')[0]!.split('=')[1]!;
    expect(await api.prisma.session.count({ where: { tokenHash: secret } })).toBe(0);
  });

  it('knows the viewer from the session cookie, and nobody without it', async () => {
    const user = await api.createUser({ roles: [Role.Auditor] });
    const session = await api.signIn(user.email, user.password);
    const signedIn = await api.graphql<{ viewer: { id: string; roles: string[] } }>(VIEWER, undefined, session);
    expect(signedIn.body.data?.viewer).toMatchObject({ id: user.id, roles: [Role.Auditor] });
    expect((await api.graphql(VIEWER)).body.data).toEqual({ viewer: null });
  });

  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const user = await api.createUser({ roles: [Role.Admin] });
    const session = await api.signIn(user.email, user.password);
    const signOut = await api.graphql<{ signOut: boolean }>('mutation { signOut }', undefined, session);
    expect(signOut.body.data?.signOut).toBe(true);
    expect((await api.graphql(VIEWER, undefined, session)).body.data).toEqual({ viewer: null });
    expect(await api.prisma.auditEvent.count({ where: { action: 'auth.sign_out', actorId: user.id } })).toBe(1);
  });

  it('refuses a mutation from a session without its CSRF token, and audits the attempt', async () => {
    const user = await api.createUser({ roles: [Role.Admin] });
    const session = await api.signIn(user.email, user.password);
    const forged = await api.graphql('mutation { signOut }', undefined, { ...session, csrfToken: 'forged' });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect((await api.graphql(VIEWER, undefined, session)).body.data).toMatchObject({ viewer: { id: user.id } }); // still signed in
    expect(
      await api.prisma.auditEvent.count({
        where: { action: 'access.denied', actorId: user.id, reason: 'missing or wrong CSRF token' },
      }),
    ).toBe(1);
  });

  it('gives the same answer for a wrong password and an unknown account, and audits both', async () => {
    const user = await api.createUser();
    const wrong = await rawSignIn(api, user.email, 'wrong password!');
    const unknown = await rawSignIn(api, 'nobody@test.modelgate.local', 'whatever');
    expect(wrong.body.errors?.[0]).toMatchObject({ extensions: { code: ErrorCode.Unauthenticated } });
    expect(unknown.body.errors?.[0]?.message).toBe(wrong.body.errors?.[0]?.message);
    expect(wrong.response.headers.getSetCookie()).toEqual([]);
    const failures = await api.prisma.auditEvent.findMany({
      where: { action: 'auth.sign_in_failed', outcome: 'DENIED' },
      select: { reason: true, after: true },
    });
    expect(failures).toEqual(
      expect.arrayContaining([
        { reason: 'wrong password', after: expect.objectContaining({ email: user.email }) },
        { reason: 'unknown account', after: { email: 'nobody@test.modelgate.local' } },
      ]),
    );
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} failures in a row: even the right password is refused`, async () => {
    const user = await api.createUser();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await rawSignIn(api, user.email, `wrong ${i}`);
    const locked = await api.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { lockedUntil: true, failedSignInCount: true },
    });
    expect(locked.failedSignInCount).toBe(MAX_FAILED_SIGN_INS);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const right = await rawSignIn(api, user.email, user.password);
    expect(right.body.errors?.[0]?.extensions.code).toBe(ErrorCode.Unauthenticated);
    expect(await api.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await api.prisma.auditEvent.count({ where: { entityId: user.id, reason: { startsWith: 'account locked until' } } }),
    ).toBe(1);
  });

  it('validates the input: field and reason, nothing written', async () => {
    const before = await api.prisma.auditEvent.count();
    const { body } = await rawSignIn(api, 'not-an-email', '');
    expect(body.errors?.[0]).toMatchObject({
      extensions: {
        code: ErrorCode.ValidationFailed,
        fields: [
          { field: 'input.email', reason: 'must be an e-mail address' },
          { field: 'input.password', reason: 'is required' },
        ],
      },
    });
    expect(await api.prisma.auditEvent.count()).toBe(before);
  });

  it('refuses disabled users and users without a password', async () => {
    const disabled = await api.createUser();
    await api.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect((await rawSignIn(api, disabled.email, disabled.password)).body.errors?.[0]?.extensions.code).toBe(
      ErrorCode.Unauthenticated,
    );
  });
});

describe('with local accounts turned off', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ env: { LOCAL_ACCOUNTS_ENABLED: 'false' } });
  });
  afterAll(() => api.close());

  it('refuses password sign-in with FORBIDDEN, even with the right password', async () => {
    const user = await api.createUser({ roles: [Role.Admin] });
    const { body } = await rawSignIn(api, user.email, user.password);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: ErrorCode.Forbidden } });
  });
});

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { uniqueSuffix } from '@modelgate/db/testing';
import Provider from 'oidc-provider';
import { startTestApp, type TestApp } from '../../testing/test-app.js';

/** How the provider reaches Modelgate: a name the test's "browser" resolves to the app's random port. */
const PUBLIC_ORIGIN = 'http://modelgate.test';
const CLIENT_ID = 'modelgate-admin';

type Account = { email: string; name: string; groups: string[] };

/** The provider's directory, changed by the tests between sign-ins. */
const accounts = new Map<string, Account>();

async function startProvider(): Promise<{ issuer: string; close: () => Promise<void> }> {
  const listening = createServer();
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${PUBLIC_ORIGIN}/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-spec-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account
        ? {
            accountId: sub,
            claims: () => ({ sub, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
          }
        : undefined;
    },
  });
  listening.on('request', provider.callback());
  return { issuer, close: () => new Promise((resolve) => listening.close(() => resolve())) };
}

/** A browser with a cookie jar per host that follows redirects itself, mapping PUBLIC_ORIGIN to the app. */
function browser(api: TestApp) {
  const jars = new Map<string, Map<string, string>>();
  const jarOf = (url: URL) => jars.get(url.host) ?? jars.set(url.host, new Map()).get(url.host)!;

  const request = async (href: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const url = new URL(href);
    const target = url.origin === PUBLIC_ORIGIN ? new URL(url.pathname + url.search, api.baseUrl) : url;
    const jar = jarOf(url);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value.join('=') === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return { response, location: location ? new URL(location, url).href : null };
  };

  return {
    request,
    cookie: (origin: string, name: string) => jarOf(new URL(origin)).get(name),
    /** Follows redirects from `href`, answering the provider's login and consent pages, until Modelgate answers. */
    async signIn(accountId: string, tamper?: (callbackUrl: URL) => void) {
      const login = await request(`${PUBLIC_ORIGIN}/auth/oidc/login`);
      expect(login.response.status).toBe(302);
      const authorizationUrl = new URL(login.location!);
      let next: string | null = authorizationUrl.href;
      for (let hop = 0; hop < 20 && next; hop += 1) {
        const url: URL = new URL(next);
        if (url.origin === PUBLIC_ORIGIN && url.pathname === '/auth/oidc/callback') {
          tamper?.(url);
          const callback = await request(url.href);
          return { authorizationUrl, status: callback.response.status, location: callback.location };
        }
        if (/^\/interaction\/[^/]+$/.test(url.pathname)) {
          const page = await request(url.href);
          const html = await page.response.text();
          const form: Record<string, string> = html.includes('name="login"')
            ? { prompt: 'login', login: accountId, password: 'x' }
            : { prompt: 'consent' };
          next = (await request(url.href, { method: 'POST', form })).location;
        } else {
          next = (await request(url.href)).location;
        }
      }
      throw new Error(`the sign-in did not come back to Modelgate (stopped at ${next})`);
    },
  };
}

const VIEWER = '{ viewer { id email roles teams { slug } } }';

describe('single sign-on with an OpenID Connect provider (authorization code + PKCE)', () => {
  let idp: { issuer: string; close: () => Promise<void> };
  let api: TestApp;
  const adminGroup = `mg-admins-${uniqueSuffix()}`;

  beforeAll(async () => {
    idp = await startProvider();
    api = await startTestApp({
      env: {
        OIDC_ISSUER_URL: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_REDIRECT_URL: `${PUBLIC_ORIGIN}/auth/oidc/callback`,
        OIDC_ROLE_MAPPING: `${adminGroup}=ADMIN,grc=COMPLIANCE_OFFICER,engineers=ENGINEER`,
        OIDC_TEAM_MAPPING: 'engineers=oidc-platform,ml=oidc-ml',
        OIDC_DISPLAY_NAME: 'Test IdP',
      },
    });
    for (const slug of ['oidc-platform', 'oidc-ml']) await api.prisma.team.create({ data: { slug, name: slug } });
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  const newAccount = (groups: string[]) => {
    const id = `acct-${uniqueSuffix()}`;
    accounts.set(id, { email: `${id}@idp.test`, name: `Person ${id}`, groups });
    return id;
  };

  it('advertises the sign-in button through authOptions', async () => {
    const result = await api.graphql('{ authOptions { localAccountsEnabled singleSignOn { enabled label loginUrl } } }');
    expect(result.body.data).toEqual({
      authOptions: {
        localAccountsEnabled: true,
        singleSignOn: { enabled: true, label: 'Test IdP', loginUrl: '/auth/oidc/login' },
      },
    });
  });

  it('provisions the user on first sign-in with mapped roles and teams, and opens a working session', async () => {
    const b = browser(api);
    const accountId = newAccount(['engineers', 'ml', 'unrelated']);
    const { authorizationUrl, status, location } = await b.signIn(accountId);

    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorizationUrl.searchParams.get('state')).toBeTruthy();
    expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    expect(status).toBe(302);
    expect(location).toBe(`${PUBLIC_ORIGIN}/`);

    const cookie = `mg_session=${b.cookie(PUBLIC_ORIGIN, 'mg_session')}`;
    const viewer = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: VIEWER }),
    }).then(
      (r) =>
        r.json() as Promise<{ data: { viewer: { id: string; email: string; roles: string[]; teams: Array<{ slug: string }> } } }>,
    );
    expect(viewer.data.viewer).toMatchObject({ email: `${accountId}@idp.test`, roles: [Role.Engineer] });
    expect(viewer.data.viewer.teams.map((t) => t.slug).sort()).toEqual(['oidc-ml', 'oidc-platform']);

    const user = await api.prisma.user.findUniqueOrThrow({ where: { id: viewer.data.viewer.id } });
    expect(user).toMatchObject({ oidcIssuer: idp.issuer, oidcSubject: accountId, passwordHash: null });
    const events = await api.prisma.auditEvent.findMany({ where: { entityId: { in: [user.id] } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.channel])).toEqual([
      ['user.create', 'ADMIN_APP'],
      ['user.update', 'ADMIN_APP'],
    ]);
    const signIn = await api.prisma.auditEvent.findFirstOrThrow({ where: { action: 'auth.sign_in', actorId: user.id } });
    expect(signIn.after).toMatchObject({ method: 'oidc', userId: user.id });
  });

  it('applies changed groups on the next sign-in, audited with before and after', async () => {
    const accountId = newAccount(['engineers']);
    await browser(api).signIn(accountId);
    accounts.get(accountId)!.groups = [adminGroup, 'grc'];

    const { location } = await browser(api).signIn(accountId);
    expect(location).toBe(`${PUBLIC_ORIGIN}/`);
    const user = await api.prisma.user.findFirstOrThrow({ where: { oidcSubject: accountId }, include: { memberships: true } });
    expect([...user.roles].sort()).toEqual([Role.Admin, Role.ComplianceOfficer]);
    expect(user.memberships).toEqual([]);
    const change = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'user.update', entityId: user.id },
      orderBy: { seq: 'desc' },
    });
    expect(change.before).toEqual({ roles: [Role.Engineer], teams: ['oidc-platform'] });
    expect(change.after).toEqual({ roles: [Role.Admin, Role.ComplianceOfficer], teams: [] });
    expect(await api.prisma.auditEvent.count({ where: { action: 'auth.sign_in', actorId: user.id } })).toBe(2);
  });

  it('links a verified e-mail to the existing local account instead of creating another', async () => {
    const local = await api.createUser({ roles: [Role.Auditor] });
    const accountId = `acct-${uniqueSuffix()}`;
    accounts.set(accountId, { email: local.email, name: 'Linked', groups: ['grc'] });
    const { location } = await browser(api).signIn(accountId);
    expect(location).toBe(`${PUBLIC_ORIGIN}/`);
    const user = await api.prisma.user.findUniqueOrThrow({ where: { id: local.id } });
    expect(user).toMatchObject({ oidcSubject: accountId, roles: [Role.ComplianceOfficer] });
  });

  it('refuses a person whose groups grant no role, and audits why', async () => {
    const accountId = newAccount(['unrelated']);
    const b = browser(api);
    const { status, location } = await b.signIn(accountId);
    expect(status).toBe(302);
    expect(location).toBe(`${PUBLIC_ORIGIN}/sign-in?error=sso_no_role`);
    expect(b.cookie(PUBLIC_ORIGIN, 'mg_session')).toBeUndefined();
    expect(await api.prisma.user.count({ where: { email: `${accountId}@idp.test` } })).toBe(0);
    const refusal = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'auth.sign_in_failed', reason: { contains: 'grant no role' } },
      orderBy: { seq: 'desc' },
    });
    expect(refusal).toMatchObject({ outcome: 'DENIED', channel: 'ADMIN_APP', actorType: 'ANONYMOUS' });
  });

  it('refuses a disabled account', async () => {
    const accountId = newAccount(['engineers']);
    await browser(api).signIn(accountId);
    await api.prisma.user.update({ where: { email: `${accountId}@idp.test` }, data: { disabledAt: new Date() } });
    const { location } = await browser(api).signIn(accountId);
    expect(location).toBe(`${PUBLIC_ORIGIN}/sign-in?error=sso_disabled`);
  });

  it('refuses a callback whose state was tampered with, and signs nobody in', async () => {
    const accountId = newAccount(['engineers']);
    const b = browser(api);
    const { location } = await b.signIn(accountId, (url) => url.searchParams.set('state', 'forged-state'));
    expect(location).toBe(`${PUBLIC_ORIGIN}/sign-in?error=sso_state`);
    expect(b.cookie(PUBLIC_ORIGIN, 'mg_session')).toBeUndefined();
    expect(await api.prisma.user.count({ where: { oidcSubject: accountId } })).toBe(0);
    expect(
      await api.prisma.auditEvent.count({
        where: { action: 'auth.sign_in_failed', outcome: 'DENIED', reason: 'single sign-on: state does not match' },
      }),
    ).toBeGreaterThan(0);
  });
});

describe('without OIDC settings', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('answers 404 on the sign-in route and reports single sign-on as disabled', async () => {
    expect((await fetch(`${api.baseUrl}/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    const result = await api.graphql('{ authOptions { localAccountsEnabled singleSignOn { enabled } } }');
    expect(result.body.data).toEqual({ authOptions: { localAccountsEnabled: true, singleSignOn: { enabled: false } } });
  });
});

describe('with an unreachable provider', () => {
  let api: TestApp;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    api = await startTestApp({ env: { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT_ID } });
  });
  afterAll(() => api.close());

  it('sends the browser back to the sign-in page instead of failing with a server error', async () => {
    const response = await fetch(`${api.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?error=sso_failed');
  });
});

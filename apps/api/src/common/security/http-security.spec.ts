import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort } from '@modelgate/db/testing';
import { ErrorCode } from '@modelgate/domain/errors';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { rateLimitKey } from './http-security.js';

const ALLOWED_ORIGIN = 'https://admin.example.com';

async function unreachableDatabaseUrl(): Promise<string> {
  return `postgresql://nobody:nothing@127.0.0.1:${await findFreePort()}/none`;
}

/** With TRUST_PROXY on, X-Forwarded-For names the client, so each test can be its own caller. */
function send(
  api: TestApp,
  path: string,
  init: { clientIp: string; method?: string; headers?: Record<string, string>; body?: string },
) {
  return fetch(`${api.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-forwarded-for': init.clientIp, ...init.headers },
    body: init.body,
  });
}

function postGraphql(api: TestApp, clientIp: string, headers: Record<string, string> = {}) {
  return send(api, '/graphql', {
    clientIp,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

describe('rate limits, CORS and security headers', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({
      databaseUrl: await unreachableDatabaseUrl(),
      env: { TRUST_PROXY: 'true', RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '600000', CORS_ORIGINS: ALLOWED_ORIGIN },
    });
  });
  afterAll(() => api.close());

  it('answers a caller over the limit with 429 and a RATE_LIMITED GraphQL error', async () => {
    for (let i = 0; i < 3; i++) expect((await postGraphql(api, '203.0.113.1')).status).toBe(200);
    const limited = await postGraphql(api, '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      data: null,
      errors: [
        {
          message: expect.stringMatching(/^Too many requests\. Try again in .+\.$/),
          extensions: { code: ErrorCode.RateLimited },
        },
      ],
    });
  });

  it('counts each caller separately', async () => {
    for (let i = 0; i < 4; i++) await postGraphql(api, '203.0.113.2');
    expect((await postGraphql(api, '203.0.113.2')).status).toBe(429);
    expect((await postGraphql(api, '203.0.113.3')).status).toBe(200);
  });

  it('never limits the health and readiness probes', async () => {
    for (let i = 0; i < 4; i++) await postGraphql(api, '203.0.113.4');
    for (let i = 0; i < 6; i++) {
      expect((await send(api, '/healthz', { clientIp: '203.0.113.4' })).status).toBe(200);
      // not ready: the database is unreachable, but it answers
      expect((await send(api, '/readyz', { clientIp: '203.0.113.4' })).status).toBe(503);
    }
  });

  it('allows the configured origin to call the API from a browser', async () => {
    const preflight = await send(api, '/graphql', {
      clientIp: '203.0.113.5',
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const response = await postGraphql(api, '203.0.113.5', { origin: ALLOWED_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('gives any other origin no CORS permission', async () => {
    const preflight = await send(api, '/graphql', {
      clientIp: '203.0.113.6',
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await postGraphql(api, '203.0.113.6', { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers with every response', async () => {
    for (const response of [await send(api, '/healthz', { clientIp: '203.0.113.7' }), await postGraphql(api, '203.0.113.7')]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CORS by default', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ databaseUrl: await unreachableDatabaseUrl() });
  });
  afterAll(() => api.close());

  it('sends no CORS headers, so browsers allow same-origin calls only', async () => {
    const preflight = await fetch(`${api.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://admin.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rateLimitKey', () => {
  it('counts an authenticated request against its principal', () => {
    expect(rateLimitKey({ principalKey: 'user:42', ip: '198.51.100.7' })).toBe('user:42');
  });

  it('counts an anonymous request against its address, IPv6 by /64', () => {
    expect(rateLimitKey({ ip: '198.51.100.7' })).toBe('ip:198.51.100.7');
    expect(rateLimitKey({ ip: '2001:db8:1:2:aaaa::1' })).toBe(rateLimitKey({ ip: '2001:db8:1:2:bbbb::9' }));
    expect(rateLimitKey({ ip: '2001:db8:1:2::1' })).not.toBe(rateLimitKey({ ip: '2001:db8:1:3::1' }));
  });
});

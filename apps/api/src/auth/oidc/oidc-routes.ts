import type { FastifyInstance } from 'fastify';
import { setSessionCookie } from '../session-token.js';
import { OIDC_LOGIN_COOKIE, OIDC_LOGIN_TTL_MS } from './oidc-login-cookie.js';
import type { OidcService } from './oidc.service.js';

const LOGIN_COOKIE_PATH = '/auth/oidc';

/**
 * GET /auth/oidc/login and /auth/oidc/callback: plain browser redirects, outside GraphQL. Without
 * OIDC settings both answer 404, so the admin app's deep-link fallback never serves them.
 */
export function registerOidcRoutes(fastify: FastifyInstance, oidc: OidcService): void {
  if (!oidc.settings) {
    const notConfigured = { error: 'Single sign-on is not configured on this instance.' };
    fastify.get('/auth/oidc/login', (_request, reply) => reply.code(404).send(notConfigured));
    fastify.get('/auth/oidc/callback', (_request, reply) => reply.code(404).send(notConfigured));
    return;
  }

  fastify.get('/auth/oidc/login', async (request, reply) => {
    let started: Awaited<ReturnType<OidcService['startLogin']>>;
    try {
      started = await oidc.startLogin();
    } catch (error) {
      // Usually the provider's discovery document is unreachable; nothing was signed in, so nothing to audit.
      request.log.error({ err: error }, 'single sign-on could not start');
      return reply.header('cache-control', 'no-store').redirect('/sign-in?error=sso_failed', 302);
    }
    const { url, cookie } = started;
    // SameSite=Lax: the provider's redirect back is a top-level GET, which still carries it.
    void reply.setCookie(OIDC_LOGIN_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: LOGIN_COOKIE_PATH,
      maxAge: OIDC_LOGIN_TTL_MS / 1000,
    });
    return reply.header('cache-control', 'no-store').redirect(url.href, 302);
  });

  fastify.get('/auth/oidc/callback', async (request, reply) => {
    const result = await oidc.finishLogin(request, request.cookies[OIDC_LOGIN_COOKIE]);
    void reply.clearCookie(OIDC_LOGIN_COOKIE, { path: LOGIN_COOKIE_PATH });
    void reply.header('cache-control', 'no-store');
    if (!result.ok) return reply.redirect(`/sign-in?error=${result.error}`, 302);
    setSessionCookie(reply, result.sessionSecret, result.expiresAt);
    return reply.redirect('/', 302);
  });
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const OIDC_LOGIN_COOKIE = 'mg_oidc_login';
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

/** What the callback must see again: the request it answers, and the PKCE secret only this browser holds. */
export type PendingLogin = { state: string; nonce: string; codeVerifier: string; expiresAt: number };

/**
 * The pending login rides in an httpOnly cookie, HMACed so a browser (or a cookie planted from a
 * sibling subdomain) cannot swap in values of its own. The key lives in memory: a sign-in must finish
 * on the instance, and within the run, that started it.
 */
export class LoginCookieSigner {
  private readonly key = randomBytes(32);

  seal(login: PendingLogin): string {
    const payload = Buffer.from(JSON.stringify(login)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The pending login, or null when the cookie is missing, forged or expired. */
  open(cookie: string | undefined, now = Date.now()): PendingLogin | null {
    if (!cookie) return null;
    const [payload, mac] = cookie.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const login = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingLogin;
    return login.expiresAt > now ? login : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'mg_session';

/** A new session secret for the cookie; only its hash is stored. */
export const newSessionSecret = () => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Derived from the session secret, so it needs no storage and dies with the session. */
export const csrfTokenFor = (sessionSecret: string) =>
  createHmac('sha256', sessionSecret).update('modelgate-csrf').digest('base64url');

type CookieReply = {
  request: { protocol: string };
  setCookie(name: string, value: string, options: Record<string, unknown>): unknown;
};

/** httpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure over HTTPS. */
export function setSessionCookie(reply: CookieReply, secret: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.request.protocol === 'https',
    path: '/',
    expires: expiresAt,
  });
}

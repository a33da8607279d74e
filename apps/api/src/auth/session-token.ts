import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'mg_session';

/** A new session secret for the cookie; only its hash is stored. */
export const newSessionSecret = () => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Derived from the session secret, so it needs no storage and dies with the session. */
export const csrfTokenFor = (sessionSecret: string) =>
  createHmac('sha256', sessionSecret).update('modelgate-csrf').digest('base64url');

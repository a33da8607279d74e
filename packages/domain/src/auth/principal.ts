import type { Role } from './roles.js';

/** Who is calling. Resolved once per request from the session cookie or the API token. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      displayName: string;
      roles: readonly Role[];
      teamIds: readonly string[];
      reviewCategories: readonly string[];
      sessionId: string;
    }
  | {
      kind: 'token';
      tokenId: string;
      tokenName: string;
      scopes: readonly string[];
      userId: string | null;
      teamId: string | null;
    };

export const anonymous: Principal = { kind: 'anonymous' };

/** Where a request came from, recorded on every audit event. */
export const Channel = { AdminApp: 'ADMIN_APP', Api: 'API', Cli: 'CLI', System: 'SYSTEM' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

import type { Principal } from '@modelgate/domain/auth';
import type { UserIdentity } from './users.repository.js';

/** What a principal is made of: a signed-in identity or a session's join carries it. */
export type PrincipalUser = Pick<UserIdentity, 'id' | 'email' | 'displayName' | 'roles' | 'reviewCategories'> & {
  memberships: readonly { team: { id: string } }[];
};

export function userPrincipal(user: PrincipalUser, sessionId: string): Extract<Principal, { kind: 'user' }> {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    teamIds: user.memberships.map((m) => m.team.id),
    reviewCategories: user.reviewCategories,
    sessionId,
  };
}

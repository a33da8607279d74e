import type { Principal } from '@modelgate/domain/auth';
import type { UserIdentity } from './users.repository.js';

export function userPrincipal(user: UserIdentity, sessionId: string): Extract<Principal, { kind: 'user' }> {
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

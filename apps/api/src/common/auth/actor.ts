import { defineAbilitiesFor, type AppAbility, type Channel, type Principal } from '@modelgate/domain/auth';

/** Who did something, through which channel, in which request: what every audit event records. */
export type Actor = {
  principal: Principal;
  ability: AppAbility;
  channel: Channel;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** For a browser session: the token mutations must echo in `x-csrf-token`. */
  csrfToken: string | null;
  /**
   * Set when the request presented credentials that do not hold (an unknown, revoked or expired API
   * token): the guard refuses every operation with this message instead of treating it as anonymous.
   */
  credentialError?: string;
};

export function systemActor(purpose: string): Actor {
  return {
    principal: { kind: 'anonymous' },
    ability: defineAbilitiesFor({ kind: 'anonymous' }),
    channel: 'SYSTEM',
    requestId: purpose,
    ip: null,
    userAgent: null,
    csrfToken: null,
  };
}

/** The audit trail's view of an actor. */
export function describeActor(actor: Actor): {
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  actorRoles: string[];
} {
  const { principal } = actor;
  switch (principal.kind) {
    case 'user':
      return { actorType: 'USER', actorId: principal.userId, actorLabel: principal.email, actorRoles: [...principal.roles] };
    case 'token':
      return {
        actorType: 'TOKEN',
        actorId: principal.tokenId,
        actorLabel: principal.tokenName,
        actorRoles: [...principal.scopes],
      };
    case 'anonymous':
      return actor.channel === 'SYSTEM'
        ? { actorType: 'SYSTEM', actorId: null, actorLabel: actor.requestId, actorRoles: [] }
        : { actorType: 'ANONYMOUS', actorId: null, actorLabel: null, actorRoles: [] };
  }
}

/** The person acting: the signed-in user, or the person a token acts for; null for team tokens and system jobs. */
export function personBehind(actor: Actor): string | null {
  const { principal } = actor;
  if (principal.kind === 'user') return principal.userId;
  if (principal.kind === 'token') return principal.userId;
  return null;
}

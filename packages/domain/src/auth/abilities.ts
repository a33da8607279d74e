import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import type { Principal } from './principal.js';
import { Role } from './roles.js';

export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'verify' | 'export';

/** The fields rules may look at, per kind of thing. */
type SubjectFields = {
  SystemStatus: Record<string, never>;
  Setting: { key: string };
  User: { id: string };
  Team: { id: string };
  ApiToken: { id: string; userId: string | null; teamId: string | null };
  AuditEvent: { actorId: string | null };
};
export type SubjectType = keyof SubjectFields;
/** A kind of thing, `all`, or one record tagged with its kind (`subject('User', { id })`). */
export type Subject = SubjectType | 'all' | { [K in SubjectType]: ForcedSubject<K> & SubjectFields[K] }[SubjectType];
export type AppAbility = MongoAbility<[Action, Subject]>;

/**
 * Deny by default: a principal may do only what a rule below grants. Each role adds rules; a person
 * with several roles gets the union. Tokens get what their scopes allow and nothing else.
 */
export function defineAbilitiesFor(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  can('read', 'SystemStatus');

  if (principal.kind === 'user') {
    can('read', 'User', { id: principal.userId });
    can('read', 'Team', { id: { $in: [...principal.teamIds] } });
    for (const role of principal.roles) {
      switch (role) {
        case Role.Admin:
          can('manage', 'User');
          can('manage', 'Team');
          can('manage', 'ApiToken');
          can('manage', 'Setting');
          can('read', 'AuditEvent');
          can('verify', 'AuditEvent');
          break;
        case Role.Auditor:
          can('read', 'all');
          can('verify', 'AuditEvent');
          can('export', 'all');
          break;
        case Role.ComplianceOfficer:
          can('read', 'User');
          can('read', 'Team');
          can('read', 'Setting');
          can('read', 'AuditEvent');
          can('verify', 'AuditEvent');
          break;
        case Role.Reviewer:
          can('read', 'User');
          can('read', 'Team');
          break;
        case Role.Engineer:
          can('read', 'Team');
          break;
      }
    }
  }

  if (principal.kind === 'token') {
    if (principal.scopes.includes('audit:read')) can('read', 'AuditEvent');
    if (principal.scopes.includes('audit:verify')) can('verify', 'AuditEvent');
  }
  return build();
}

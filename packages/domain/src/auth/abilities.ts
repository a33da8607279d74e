import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import { grantsOf } from './api-tokens.js';
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
  AuditCheckpoint: Record<string, never>;
  Deployment: { teamId: string | null };
  Model: Record<string, never>;
  /** The license catalog's terms: they classify every version, so only compliance changes them. */
  License: Record<string, never>;
  Decision: Record<string, never>;
  Report: Record<string, never>;
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
    const ownTokens = { userId: principal.userId };
    const teamTokens = { teamId: { $in: [...principal.teamIds] } };
    can('read', 'User', { id: principal.userId });
    can('read', 'Team', { id: { $in: [...principal.teamIds] } });
    can('read', 'ApiToken', ownTokens);
    can('read', 'ApiToken', teamTokens);
    // Everyone but auditors may make tokens for their own scripts; which scopes and bindings is
    // checked against the creator's own abilities (`scopesBeyond`).
    if (principal.roles.some((role) => role !== Role.Auditor)) {
      can('create', 'ApiToken');
      can('delete', 'ApiToken', ownTokens);
      can('delete', 'ApiToken', teamTokens);
    }
    for (const role of principal.roles) {
      switch (role) {
        case Role.Admin:
          can('create', 'AuditCheckpoint');
          can('manage', 'User');
          can('manage', 'Team');
          can('manage', 'ApiToken');
          can('manage', 'Setting');
          can('read', 'AuditEvent');
          can('verify', 'AuditEvent');
          can('read', ['Model', 'Deployment']);
          break;
        case Role.Auditor:
          can('read', 'all');
          can('verify', 'AuditEvent');
          can('export', 'all');
          break;
        case Role.ComplianceOfficer:
          can('read', ['Model', 'Deployment', 'Decision', 'Report']);
          // The inventory's keepers: everything, including retiring records and every team's deployments.
          can(['create', 'update', 'delete'], ['Model', 'Deployment', 'License']);
          can('read', 'User');
          can('read', 'Team');
          can('read', 'Setting');
          can('read', 'AuditEvent');
          can('verify', 'AuditEvent');
          break;
        case Role.Reviewer:
          can('read', ['Model', 'Deployment', 'Decision']);
          can('read', 'User');
          can('read', 'Team');
          break;
        case Role.Engineer:
          can('read', ['Model', 'Deployment', 'Decision']);
          // Engineers register the models they want and keep their facts current; retiring is for compliance.
          can(['create', 'update'], 'Model');
          can(['create', 'update', 'delete'], 'Deployment', { teamId: { $in: [...principal.teamIds] } });
          break;
      }
    }
  }

  if (principal.kind === 'token') {
    for (const { action, subject } of grantsOf(principal.scopes)) {
      // A team's token writes only that team's deployments; the capability checks rows for user-bound ones.
      if (subject === 'Deployment' && action !== 'read' && principal.teamId) can(action, subject, { teamId: principal.teamId });
      else can(action, subject);
    }
  }
  return build();
}

/**
 * The scopes a user may not put on a token: those granting something the user cannot do themselves.
 * Admins may grant any scope.
 */
export function scopesBeyond(ability: AppAbility, scopes: readonly string[]): string[] {
  if (ability.can('manage', 'ApiToken')) return [];
  return scopes.filter((scope) => {
    const grants = grantsOf([scope]);
    return grants.length === 0 || grants.some(({ action, subject }) => !ability.can(action, subject));
  });
}

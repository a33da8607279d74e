import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import { grantsOf } from './api-tokens.js';
import type { Principal } from './principal.js';
import { Role } from './roles.js';

/** `review` files risk reviews; `decide` approves or rejects; `manage` alone suspends, reinstates and revokes approvals. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'verify' | 'export' | 'review' | 'decide';

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
  /** A request to use a model version, its reviews and its decision. */
  ApprovalRequest: { teamId: string | null };
  /** Which reviews and approvers each risk tier needs, and how long approvals last. */
  ApprovalPolicy: Record<string, never>;
  /** Outgoing webhooks for workflow events and their delivery log. */
  Webhook: Record<string, never>;
  /** One's own in-app notifications. */
  Notification: Record<string, never>;
  /** The policy rules: read by everyone who asks decisions, drafted and activated by compliance officers. */
  Policy: Record<string, never>;
  /** Uploaded results of `modelgate scan`: which models repositories use. */
  ScanReport: Record<string, never>;
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
    can(['read', 'update'], 'Notification');
    can('read', 'Policy');
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
          can('read', ['Model', 'Deployment', 'ApprovalRequest', 'ApprovalPolicy']);
          can('manage', 'Webhook');
          break;
        case Role.Auditor:
          can('read', 'all');
          can('verify', 'AuditEvent');
          can('export', 'all');
          break;
        case Role.ComplianceOfficer:
          can('read', ['Model', 'Deployment', 'Decision', 'Report']);
          can(['read', 'create'], 'ScanReport');
          // The inventory's keepers: everything, including retiring records and every team's deployments.
          can(['create', 'update', 'delete'], ['Model', 'Deployment', 'License']);
          can('read', 'User');
          can('read', 'Team');
          can('read', 'Setting');
          can('read', 'AuditEvent');
          can('verify', 'AuditEvent');
          // The workflow's owners: every request, review and decision, the policy, and the webhooks.
          can('manage', 'ApprovalRequest');
          can(['read', 'update'], 'ApprovalPolicy');
          can('manage', 'Webhook');
          can('manage', 'Policy');
          break;
        case Role.Reviewer:
          can('read', ['Model', 'Deployment', 'Decision', 'ApprovalRequest', 'ApprovalPolicy', 'ScanReport']);
          // Separation of duties (who may review or approve which request) is checked per request.
          can(['review', 'decide'], 'ApprovalRequest');
          can('read', 'User');
          can('read', 'Team');
          break;
        case Role.Engineer:
          can('read', ['Model', 'Deployment', 'Decision']);
          can(['read', 'create'], 'ScanReport');
          // Engineers register the models they want and keep their facts current; retiring is for compliance.
          can(['create', 'update'], 'Model');
          can(['create', 'update', 'delete'], 'Deployment', { teamId: { $in: [...principal.teamIds] } });
          can(['read', 'create'], 'ApprovalRequest');
          can('read', 'ApprovalPolicy');
          // Requesters also edit and withdraw their own requests; the service checks that per request.
          can('update', 'ApprovalRequest', { teamId: { $in: [...principal.teamIds] } });
          break;
      }
    }
  }

  if (principal.kind === 'token') {
    for (const { action, subject } of grantsOf(principal.scopes)) {
      // A team's token writes only that team's deployments and requests; the capability checks rows for user-bound ones.
      const teamBound = (subject === 'Deployment' || subject === 'ApprovalRequest') && action !== 'read';
      if (teamBound && principal.teamId) can(action, subject, { teamId: principal.teamId });
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

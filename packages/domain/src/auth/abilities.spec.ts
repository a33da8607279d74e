import { describe, expect, it } from '@jest/globals';
import { subject } from '@casl/ability';
import { defineAbilitiesFor } from './abilities.js';
import { anonymous, type Principal } from './principal.js';
import { Role } from './roles.js';

const user = (roles: Role[], overrides: Partial<Extract<Principal, { kind: 'user' }>> = {}): Principal => ({
  kind: 'user',
  userId: 'u1',
  email: 'u1@example.com',
  displayName: 'U One',
  roles,
  teamIds: ['t1'],
  reviewCategories: [],
  sessionId: 's1',
  ...overrides,
});

describe('defineAbilitiesFor', () => {
  it('lets anyone read the public system status and nothing else', () => {
    const ability = defineAbilitiesFor(anonymous);
    expect(ability.can('read', 'SystemStatus')).toBe(true);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
    expect(ability.can('read', 'User')).toBe(false);
  });

  it('auditors read and verify everything and change nothing', () => {
    const ability = defineAbilitiesFor(user([Role.Auditor]));
    expect(ability.can('read', 'AuditEvent')).toBe(true);
    expect(ability.can('verify', 'AuditEvent')).toBe(true);
    expect(ability.can('read', 'User')).toBe(true);
    for (const action of ['create', 'update', 'delete', 'manage'] as const) {
      for (const target of ['User', 'Team', 'ApiToken', 'Setting', 'AuditEvent'] as const) {
        expect(ability.can(action, target)).toBe(false);
      }
    }
  });

  it('admins manage users and teams but nobody may change audit events', () => {
    const ability = defineAbilitiesFor(user([Role.Admin]));
    expect(ability.can('create', 'User')).toBe(true);
    expect(ability.can('update', 'Team')).toBe(true);
    for (const role of Object.values(Role)) {
      const roleAbility = defineAbilitiesFor(user([role]));
      expect(roleAbility.can('update', 'AuditEvent')).toBe(false);
      expect(roleAbility.can('delete', 'AuditEvent')).toBe(false);
    }
  });

  it('engineers read only their own user record and their teams', () => {
    const ability = defineAbilitiesFor(user([Role.Engineer]));
    expect(ability.can('read', subject('User', { id: 'u1' }))).toBe(true);
    expect(ability.can('read', subject('User', { id: 'u2' }))).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
  });

  it('a person with several roles gets the union of their abilities', () => {
    const ability = defineAbilitiesFor(user([Role.Engineer, Role.Auditor]));
    expect(ability.can('read', 'AuditEvent')).toBe(true);
    expect(ability.can('create', 'User')).toBe(false);
  });

  it('a token does only what its scopes allow', () => {
    const token: Principal = { kind: 'token', tokenId: 't', tokenName: 'ci', scopes: ['audit:read'], userId: null, teamId: 't1' };
    const ability = defineAbilitiesFor(token);
    expect(ability.can('read', 'AuditEvent')).toBe(true);
    expect(ability.can('verify', 'AuditEvent')).toBe(false);
    expect(ability.can('read', 'User')).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { subject } from '@casl/ability';
import { defineAbilitiesFor, scopesBeyond } from './abilities.js';
import {
  apiTokenPrefix,
  apiTokenScopeNames,
  apiTokenScopes,
  apiTokenState,
  createApiTokenSchema,
  formatApiToken,
  hashApiToken,
  isWellFormedApiToken,
} from './api-tokens.js';
import type { Principal } from './principal.js';
import { Role } from './roles.js';

const token = (scopes: string[], teamId: string | null = null): Principal => ({
  kind: 'token',
  tokenId: 'tok1',
  tokenName: 'CI',
  scopes,
  userId: teamId ? null : 'u1',
  teamId,
});

const user = (roles: Role[]): Principal => ({
  kind: 'user',
  userId: 'u1',
  email: 'u1@example.com',
  displayName: 'U One',
  roles,
  teamIds: ['t1'],
  reviewCategories: [],
  sessionId: 's1',
});

describe('scope catalogue', () => {
  it('lists the scopes CI pipelines need, each with a description', () => {
    expect(apiTokenScopeNames).toEqual(
      expect.arrayContaining([
        'deployments:write',
        'deployments:read',
        'models:read',
        'decisions:read',
        'reports:read',
        'audit:read',
        'audit:verify',
      ]),
    );
    for (const scope of apiTokenScopes) expect(scope.description.length).toBeGreaterThan(5);
  });

  it('never grants anything on users, teams, tokens or settings', () => {
    const ability = defineAbilitiesFor(token([...apiTokenScopeNames]));
    for (const action of ['read', 'create', 'update', 'delete', 'manage'] as const) {
      for (const target of ['User', 'Team', 'ApiToken', 'Setting'] as const) expect(ability.can(action, target)).toBe(false);
    }
  });
});

describe('token abilities', () => {
  it('audit:read reads the trail but does not verify it', () => {
    const ability = defineAbilitiesFor(token(['audit:read']));
    expect(ability.can('read', 'AuditEvent')).toBe(true);
    expect(ability.can('verify', 'AuditEvent')).toBe(false);
    expect(ability.can('read', 'Deployment')).toBe(false);
  });

  it("a team token's deployments:write covers only that team's deployments", () => {
    const ability = defineAbilitiesFor(token(['deployments:write'], 't1'));
    expect(ability.can('create', subject('Deployment', { teamId: 't1' }))).toBe(true);
    expect(ability.can('create', subject('Deployment', { teamId: 't2' }))).toBe(false);
    expect(ability.can('read', 'Deployment')).toBe(false);
  });

  it('unknown scopes grant nothing', () => {
    expect(defineAbilitiesFor(token(['everything'])).rules).toHaveLength(1); // read SystemStatus only
  });
});

describe('scopesBeyond (what a creator may not grant)', () => {
  it('engineers may grant what they can do, not audit access', () => {
    const ability = defineAbilitiesFor(user([Role.Engineer]));
    expect(scopesBeyond(ability, ['deployments:write', 'models:read', 'decisions:read'])).toEqual([]);
    expect(scopesBeyond(ability, ['audit:read', 'reports:read'])).toEqual(['audit:read', 'reports:read']);
  });

  it('admins may grant any scope', () => {
    expect(scopesBeyond(defineAbilitiesFor(user([Role.Admin])), [...apiTokenScopeNames])).toEqual([]);
  });

  it('auditors may not create tokens at all', () => {
    expect(defineAbilitiesFor(user([Role.Auditor])).can('create', 'ApiToken')).toBe(false);
    expect(defineAbilitiesFor(user([Role.Engineer])).can('create', 'ApiToken')).toBe(true);
  });
});

describe('who may see and revoke a token', () => {
  const own = subject('ApiToken', { id: 'a', userId: 'u1', teamId: null });
  const team = subject('ApiToken', { id: 'b', userId: null, teamId: 't1' });
  const other = subject('ApiToken', { id: 'c', userId: 'u2', teamId: null });

  it("engineers see and revoke their own and their teams' tokens only", () => {
    const ability = defineAbilitiesFor(user([Role.Engineer]));
    for (const token of [own, team]) {
      expect(ability.can('read', token)).toBe(true);
      expect(ability.can('delete', token)).toBe(true);
    }
    expect(ability.can('read', other)).toBe(false);
    expect(ability.can('delete', other)).toBe(false);
  });

  it('auditors see every token and revoke none', () => {
    const ability = defineAbilitiesFor(user([Role.Auditor]));
    expect(ability.can('read', other)).toBe(true);
    expect(ability.can('delete', own)).toBe(false);
  });
});

describe('createApiTokenSchema', () => {
  it('defaults the expiry to 90 days and removes duplicate scopes', () => {
    expect(createApiTokenSchema.parse({ name: ' CI ', scopes: ['audit:read', 'audit:read'] })).toEqual({
      name: 'CI',
      scopes: ['audit:read'],
      expiresInDays: 90,
      teamId: null,
    });
  });

  it.each([
    [{ name: '', scopes: ['audit:read'] }, 'name'],
    [{ name: 'x'.repeat(201), scopes: ['audit:read'] }, 'name'],
    [{ name: 'CI', scopes: [] }, 'scopes'],
    [{ name: 'CI', scopes: ['root'] }, 'scopes.0'],
    [{ name: 'CI', scopes: ['audit:read'], expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'CI', scopes: ['audit:read'], expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'CI', scopes: ['audit:read'], teamId: 'team-a' }, 'teamId'],
  ])('refuses %j naming %s', (input, field) => {
    const result = createApiTokenSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});

describe('token format', () => {
  const secret = new Uint8Array(32).map((_, i) => i * 7);

  it('is mgt_ + 43 base64url characters, with a 12-character visible prefix', () => {
    const value = formatApiToken(secret);
    expect(value).toBe(`mgt_${Buffer.from(secret).toString('base64url')}`);
    expect(isWellFormedApiToken(value)).toBe(true);
    expect(apiTokenPrefix(value)).toHaveLength(12);
    expect(value.startsWith(apiTokenPrefix(value))).toBe(true);
    expect(isWellFormedApiToken('mgt_short')).toBe(false);
  });

  it('hashes with SHA-256 (hex)', () => {
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is live until revoked or expired', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(apiTokenState({ revokedAt: null, expiresAt: new Date('2026-06-02T00:00:00Z') }, now)).toBe('live');
    expect(apiTokenState({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(apiTokenState({ revokedAt: now, expiresAt: new Date('2027-01-01T00:00:00Z') }, now)).toBe('revoked');
  });
});

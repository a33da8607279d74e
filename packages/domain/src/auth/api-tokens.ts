import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { Action, SubjectType } from './abilities.js';

/** What one scope lets a token do, as ability rules; the catalogue below is the only source. */
export type ScopeGrant = { action: Action; subject: SubjectType };
export type ScopeDefinition = { scope: string; description: string; grants: readonly ScopeGrant[] };

/**
 * Every scope a token may carry. Scopes never grant anything on users, teams, tokens or settings:
 * a leaked CI token must not be able to mint more tokens or change who may do what.
 */
export const apiTokenScopes = [
  {
    scope: 'deployments:write',
    description: "Register, update and retire deployments (of the token's team).",
    grants: [
      { action: 'create', subject: 'Deployment' },
      { action: 'update', subject: 'Deployment' },
      { action: 'delete', subject: 'Deployment' },
    ],
  },
  { scope: 'deployments:read', description: 'Read deployments.', grants: [{ action: 'read', subject: 'Deployment' }] },
  { scope: 'models:read', description: 'Read the model inventory.', grants: [{ action: 'read', subject: 'Model' }] },
  {
    scope: 'models:write',
    description: 'Register and update providers, licenses, model versions and hosting targets; import the inventory.',
    grants: [
      { action: 'create', subject: 'Model' },
      { action: 'update', subject: 'Model' },
    ],
  },
  {
    scope: 'approvals:write',
    description: "Request approval of model versions and follow the requests (the token's team's, for a team token).",
    grants: [
      { action: 'read', subject: 'ApprovalRequest' },
      { action: 'create', subject: 'ApprovalRequest' },
      { action: 'update', subject: 'ApprovalRequest' },
    ],
  },
  {
    scope: 'approvals:read',
    description: 'Read approval requests, their reviews and decisions.',
    grants: [{ action: 'read', subject: 'ApprovalRequest' }],
  },
  {
    scope: 'decisions:read',
    description: 'Read approval decisions ("may I use model X here?").',
    grants: [{ action: 'read', subject: 'Decision' }],
  },
  {
    scope: 'scans:write',
    description: 'Upload `modelgate scan` results (and read them), so the admin app shows which models each repository uses.',
    grants: [
      { action: 'create', subject: 'ScanReport' },
      { action: 'read', subject: 'ScanReport' },
    ],
  },
  { scope: 'scans:read', description: 'Read uploaded scan results.', grants: [{ action: 'read', subject: 'ScanReport' }] },
  { scope: 'reports:read', description: 'Read and download reports.', grants: [{ action: 'read', subject: 'Report' }] },
  { scope: 'audit:read', description: 'Read the audit trail.', grants: [{ action: 'read', subject: 'AuditEvent' }] },
  {
    scope: 'audit:verify',
    description: 'Verify the audit trail’s hash chain.',
    grants: [{ action: 'verify', subject: 'AuditEvent' }],
  },
] as const satisfies readonly ScopeDefinition[];

export type ApiTokenScope = (typeof apiTokenScopes)[number]['scope'];

export const apiTokenScopeNames = apiTokenScopes.map((s) => s.scope) as [ApiTokenScope, ...ApiTokenScope[]];

const scopeByName = new Map<string, ScopeDefinition>(apiTokenScopes.map((s) => [s.scope, s]));

export const isApiTokenScope = (value: string): value is ApiTokenScope => scopeByName.has(value);

/** The ability rules granted by these scopes; unknown scopes grant nothing. */
export function grantsOf(scopes: readonly string[]): ScopeGrant[] {
  return scopes.flatMap((scope) => scopeByName.get(scope)?.grants ?? []);
}

export const API_TOKEN_EXPIRY_DEFAULT_DAYS = 90;
export const API_TOKEN_EXPIRY_MAX_DAYS = 365;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  scopes: z
    .array(z.enum(apiTokenScopeNames, { error: (issue) => `"${String(issue.input)}" is not a known scope` }))
    .min(1, 'choose at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
  expiresInDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(API_TOKEN_EXPIRY_MAX_DAYS, `must be at most ${API_TOKEN_EXPIRY_MAX_DAYS} days`)
    .nullish()
    .transform((days) => days ?? API_TOKEN_EXPIRY_DEFAULT_DAYS),
  teamId: z
    .uuid('must be a team id')
    .nullish()
    .transform((id) => id ?? null),
});

export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;
export type CreateApiTokenForm = z.input<typeof createApiTokenSchema>;

export const API_TOKEN_MARKER = 'mgt_';
/** How many leading characters of a token are stored and shown to tell tokens apart. */
export const API_TOKEN_PREFIX_LENGTH = 12;
/** 32 random bytes as base64url: 43 characters. */
const TOKEN_PATTERN = /^mgt_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += alphabet[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The token a client sends: `mgt_` + the 32-byte secret in base64url. */
export function formatApiToken(secret: Uint8Array): string {
  if (secret.length !== 32) throw new RangeError('an API token secret is 32 bytes');
  return API_TOKEN_MARKER + base64url(secret);
}

export const isWellFormedApiToken = (token: string): boolean => TOKEN_PATTERN.test(token);

export const apiTokenPrefix = (token: string): string => token.slice(0, API_TOKEN_PREFIX_LENGTH);

/** SHA-256 (hex) of the whole token: all that is stored. A random 256-bit secret needs no salt or stretching. */
export const hashApiToken = (token: string): string => bytesToHex(sha256(utf8ToBytes(token)));

/** Expiry of a token created at `now`. */
export const apiTokenExpiry = (now: Date, days: number): Date => new Date(now.getTime() + days * 86_400_000);

export type ApiTokenState = 'live' | 'revoked' | 'expired';

export function apiTokenState(token: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiTokenState {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'live';
}

import type { Role } from '@modelgate/domain/auth';
import type { OidcConfig } from '../../config/app-config.js';

/** The identity an OpenID provider asserted, reduced to what Modelgate uses. */
export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  groups: readonly string[];
};

/** Accepts the usual shapes of a groups claim: a list of names, or one name. */
export function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}

export function identityFrom(claims: Record<string, unknown>, issuer: string, groupsClaim: string): OidcIdentity {
  const text = (key: string) => {
    const value = claims[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const email = text('email')?.toLowerCase() ?? null;
  return {
    issuer,
    subject: String(claims.sub),
    email,
    emailVerified: claims.email_verified === true,
    displayName: text('name') ?? text('preferred_username') ?? email,
    groups: groupsFrom(claims, groupsClaim),
  };
}

/** Roles and team slugs the identity provider's groups grant, sorted, without repeats. */
export function mapGroups(
  groups: readonly string[],
  mapping: Pick<OidcConfig, 'roleMapping' | 'teamMapping'>,
): { roles: Role[]; teamSlugs: string[] } {
  const member = new Set(groups);
  const roles = new Set(mapping.roleMapping.filter(({ group }) => member.has(group)).map(({ role }) => role));
  const teamSlugs = new Set(mapping.teamMapping.filter(({ group }) => member.has(group)).map(({ teamSlug }) => teamSlug));
  return { roles: [...roles].sort(), teamSlugs: [...teamSlugs].sort() };
}

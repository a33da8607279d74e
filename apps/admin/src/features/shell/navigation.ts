import type { Role } from '../../gql/graphql';

type SectionDefinition = { path: string; label: string; summary: string; roles: readonly Role[] };

/** The sections of the admin app, in navigation order, and who sees each. Capabilities fill them in as they land. */
export const sections = [
  {
    path: '/inventory',
    label: 'Inventory',
    summary: 'Providers, model versions, licenses, hosting and deployments.',
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/approvals',
    label: 'Approvals',
    summary: 'Requests to use a model version, risk reviews and decisions.',
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/policies',
    label: 'Policies',
    summary: 'Rules on origin, license, hosting and data class; exceptions, violations and the CI gate.',
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/discovery',
    label: 'Discovery',
    summary: 'The AI models code really uses, found by `modelgate scan`: by repository, with what is not registered or approved.',
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/reports',
    label: 'Reports',
    summary: 'Signed, verifiable exports for auditors.',
    roles: ['COMPLIANCE_OFFICER', 'AUDITOR'],
  },
  {
    path: '/audit',
    label: 'Audit',
    summary: 'The append-only, tamper-evident audit trail.',
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR'],
  },
  {
    path: '/tokens',
    label: 'API tokens',
    summary: 'Scoped, expiring tokens for CI pipelines and scripts.',
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  { path: '/admin', label: 'Admin', summary: 'Users, teams, roles, API tokens and settings.', roles: ['ADMIN'] },
] as const satisfies readonly SectionDefinition[];

export type Section = (typeof sections)[number];

export function visibleSections(roles: readonly Role[]): Section[] {
  return sections.filter((section) => section.roles.some((role) => (roles as readonly string[]).includes(role)));
}

/** The sections of the admin app, in navigation order. Capabilities fill them in as they land. */
export const sections = [
  { path: '/inventory', label: 'Inventory', summary: 'Providers, model versions, licenses, hosting and deployments.' },
  { path: '/approvals', label: 'Approvals', summary: 'Requests to use a model version, risk reviews and decisions.' },
  { path: '/policies', label: 'Policies', summary: 'Rules on origin, license, hosting and data class; exceptions.' },
  { path: '/reports', label: 'Reports', summary: 'Signed, verifiable exports for auditors.' },
  { path: '/audit', label: 'Audit', summary: 'The append-only, tamper-evident audit trail.' },
  { path: '/admin', label: 'Admin', summary: 'Users, teams, roles, API tokens and settings.' },
] as const;

export type Section = (typeof sections)[number];

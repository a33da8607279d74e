import { z } from 'zod';

/** What a person may do. A person may hold several roles. */
export const Role = {
  Admin: 'ADMIN',
  ComplianceOfficer: 'COMPLIANCE_OFFICER',
  Reviewer: 'REVIEWER',
  Engineer: 'ENGINEER',
  Auditor: 'AUDITOR',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const roleSchema = z.enum(Object.values(Role) as [Role, ...Role[]]);

export const roleLabels: Record<Role, string> = {
  ADMIN: 'Admin',
  COMPLIANCE_OFFICER: 'Compliance officer',
  REVIEWER: 'Reviewer',
  ENGINEER: 'Engineer',
  AUDITOR: 'Auditor',
};

export const roleDescriptions: Record<Role, string> = {
  ADMIN: 'Manages users, teams, API tokens and settings.',
  COMPLIANCE_OFFICER: 'Sets policy, decides approvals, grants exceptions.',
  REVIEWER: 'Performs risk reviews in assigned categories (security, legal, privacy, ...).',
  ENGINEER: "Registers models and the team's deployments, requests approvals.",
  AUDITOR: 'Reads everything and exports evidence; never changes anything.',
};

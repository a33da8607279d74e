import type { Role } from '../../gql/graphql';
import { t } from './messages';

type SectionDefinition = { path: string; readonly label: string; readonly summary: string; roles: readonly Role[] };

/**
 * The sections of the admin app, in navigation order, and who sees each. Capabilities fill them in as they land.
 * Labels and summaries are read from the catalog each time, so they follow the language.
 */
export const sections = [
  {
    path: '/inventory',
    get label() {
      return t('shell.section.inventory');
    },
    get summary() {
      return t('shell.section.inventory.summary');
    },
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/approvals',
    get label() {
      return t('shell.section.approvals');
    },
    get summary() {
      return t('shell.section.approvals.summary');
    },
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/policies',
    get label() {
      return t('shell.section.policies');
    },
    get summary() {
      return t('shell.section.policies.summary');
    },
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/discovery',
    get label() {
      return t('shell.section.discovery');
    },
    get summary() {
      return t('shell.section.discovery.summary');
    },
    roles: ['COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/reports',
    get label() {
      return t('shell.section.reports');
    },
    get summary() {
      return t('shell.section.reports.summary');
    },
    roles: ['COMPLIANCE_OFFICER', 'AUDITOR'],
  },
  {
    path: '/audit',
    get label() {
      return t('shell.section.audit');
    },
    get summary() {
      return t('shell.section.audit.summary');
    },
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR'],
  },
  {
    path: '/tokens',
    get label() {
      return t('shell.section.tokens');
    },
    get summary() {
      return t('shell.section.tokens.summary');
    },
    roles: ['ADMIN', 'COMPLIANCE_OFFICER', 'REVIEWER', 'ENGINEER', 'AUDITOR'],
  },
  {
    path: '/admin',
    get label() {
      return t('shell.section.admin');
    },
    get summary() {
      return t('shell.section.admin.summary');
    },
    roles: ['ADMIN'],
  },
] as const satisfies readonly SectionDefinition[];

export type Section = (typeof sections)[number];
export type SectionPath = Section['path'];

export function visibleSections(roles: readonly Role[]): Section[] {
  return sections.filter((section) => section.roles.some((role) => (roles as readonly string[]).includes(role)));
}

/** The section a path of the app belongs to, if any (`/inventory/versions/…` is in Inventory). */
export function sectionOf(path: string): Section | undefined {
  const pathname = path.split(/[?#]/)[0] ?? path;
  return sections.find((section) => pathname === section.path || pathname.startsWith(`${section.path}/`));
}

/** The section with this path. */
export function sectionAt(path: SectionPath): Section {
  return sections.find((section) => section.path === path)!;
}

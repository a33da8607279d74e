import { Environment, type HostingMode, type LicenseClass } from '@modelgate/domain/inventory';
import type { Role } from '../../gql/graphql';
import type { ApprovalsSearch } from '../approvals/search';
import type { InventorySearch } from '../inventory/search';
import type { PoliciesSearch } from '../policies/search';
import { visibleSections } from '../shell/navigation';
import { t } from './messages';

/** The list or report behind a figure: a route and its URL filters. */
export type DashboardTarget =
  | { to: '/inventory'; search: InventorySearch }
  | { to: '/approvals'; search: ApprovalsSearch }
  | { to: '/policies'; search: PoliciesSearch }
  | { to: '/reports' };

/** A card's link: where it leads and what the link says. */
export type DashboardLink = { target: DashboardTarget; label: string };

/**
 * The inventory lists every version that is not retired; the dashboard counts those in use (with an active
 * deployment). An active deployment in any environment is exactly that, so the list shows the same versions.
 */
const IN_USE: InventorySearch = { environments: Object.values(Environment) };

export const inventoryTargets = {
  inUse: (): DashboardTarget => ({ to: '/inventory', search: IN_USE }),
  developerCountry: (code: string): DashboardTarget => ({ to: '/inventory', search: { ...IN_USE, developerCountries: [code] } }),
  effectiveOrigin: (code: string): DashboardTarget => ({ to: '/inventory', search: { ...IN_USE, effectiveOrigins: [code] } }),
  licenseClass: (licenseClass: LicenseClass): DashboardTarget => ({
    to: '/inventory',
    search: { ...IN_USE, licenseClasses: [licenseClass] },
  }),
  // A hosting-mode filter already means "an active deployment in this mode".
  hostingMode: (mode: HostingMode): DashboardTarget => ({ to: '/inventory', search: { hostingModes: [mode] } }),
};

/** Card links that depend on what the viewer may open: reports are for compliance officers and auditors only. */
export function cardLinksFor(roles: readonly Role[]) {
  const seesReports = visibleSections(roles).some((section) => section.path === '/reports');
  const hasReviewQueue = roles.includes('REVIEWER') || roles.includes('COMPLIANCE_OFFICER');
  const allRequests: DashboardLink = {
    target: { to: '/approvals', search: { tab: 'all' } },
    label: t('dashboard.link.allRequests'),
  };
  return {
    inUse: { target: inventoryTargets.inUse(), label: t('dashboard.link.inUse') },
    riskTiers: seesReports ? { target: { to: '/reports' }, label: t('dashboard.link.riskTiersReports') } : allRequests,
    approvalsByState: allRequests,
    waitingForDecision: hasReviewQueue
      ? { target: { to: '/approvals', search: { tab: 'queue' } }, label: t('dashboard.link.reviewQueue') }
      : allRequests,
    expiring: { target: { to: '/approvals', search: { tab: 'expiring' } }, label: t('dashboard.link.expiring') },
    myRequests: { target: { to: '/approvals', search: { tab: 'mine' } }, label: t('dashboard.link.myRequests') },
    violations: { target: { to: '/policies', search: { tab: 'violations' } }, label: t('dashboard.link.violations') },
    exceptions: { target: { to: '/policies', search: { tab: 'exceptions' } }, label: t('dashboard.link.exceptions') },
    gateDecisions: seesReports
      ? { target: { to: '/reports' }, label: t('dashboard.link.gateReports') }
      : { target: { to: '/policies', search: { tab: 'gate' } }, label: t('dashboard.link.askGate') },
  } satisfies Record<string, DashboardLink>;
}

export type CardLinks = ReturnType<typeof cardLinksFor>;

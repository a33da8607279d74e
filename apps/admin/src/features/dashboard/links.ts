import { Environment, type HostingMode, type LicenseClass } from '@modelgate/domain/inventory';
import type { Role } from '../../gql/graphql';
import type { ApprovalsSearch } from '../approvals/search';
import type { InventorySearch } from '../inventory/search';
import type { PoliciesSearch } from '../policies/search';
import { visibleSections } from '../shell/navigation';

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
    label: 'View all approval requests',
  };
  return {
    inUse: { target: inventoryTargets.inUse(), label: 'View the versions in use' },
    riskTiers: seesReports ? { target: { to: '/reports' }, label: 'Export the risk register in Reports' } : allRequests,
    approvalsByState: allRequests,
    waitingForDecision: hasReviewQueue
      ? { target: { to: '/approvals', search: { tab: 'queue' } }, label: 'Open the review queue' }
      : allRequests,
    expiring: { target: { to: '/approvals', search: { tab: 'expiring' } }, label: 'View approvals expiring soon' },
    myRequests: { target: { to: '/approvals', search: { tab: 'mine' } }, label: 'View my requests' },
    violations: { target: { to: '/policies', search: { tab: 'violations' } }, label: 'View open violations' },
    exceptions: { target: { to: '/policies', search: { tab: 'exceptions' } }, label: 'View exceptions' },
    gateDecisions: seesReports
      ? { target: { to: '/reports' }, label: 'Export the gate decisions in Reports' }
      : { target: { to: '/policies', search: { tab: 'gate' } }, label: 'Ask the gate' },
  } satisfies Record<string, DashboardLink>;
}

export type CardLinks = ReturnType<typeof cardLinksFor>;

import type { Role } from '../../gql/graphql';

export type DashboardCardId =
  | 'developerCountry'
  | 'effectiveOrigin'
  | 'licenseClass'
  | 'hostingMode'
  | 'riskTier'
  | 'approvalsByState'
  | 'waitingForDecision'
  | 'expiring'
  | 'myRequests'
  | 'violations'
  | 'exceptions'
  | 'gateDecisions';

export type HeadlineFigureId =
  | 'versionsInUse'
  | 'waitingForDecision'
  | 'expiringWithin30Days'
  | 'openViolations'
  | 'activeExceptions'
  | 'reviewsWaiting'
  | 'myOpenRequests';

/** Names a group's heading; the words are in the dashboard's catalog (`dashboard.group.<title>`), read where it is drawn. */
export type DashboardGroupTitle = 'inventory' | 'approvals' | 'policies' | 'yourWork' | 'waitingForReview' | 'yourModels';

export type DashboardGroup = { key: string; title: DashboardGroupTitle; cards: DashboardCardId[] };

/** What the overview shows a viewer, in order: headline figures, the cards that lead for their role, then the rest. */
export type DashboardLayout = { figures: HeadlineFigureId[]; lead: DashboardGroup | null; groups: DashboardGroup[] };

const GROUPS: readonly DashboardGroup[] = [
  {
    key: 'inventory',
    title: 'inventory',
    cards: ['developerCountry', 'effectiveOrigin', 'licenseClass', 'hostingMode', 'riskTier'],
  },
  { key: 'approvals', title: 'approvals', cards: ['approvalsByState', 'waitingForDecision', 'expiring'] },
  { key: 'policies', title: 'policies', cards: ['violations', 'exceptions', 'gateDecisions'] },
];

const ORGANIZATION_FIGURES: readonly HeadlineFigureId[] = [
  'versionsInUse',
  'waitingForDecision',
  'expiringWithin30Days',
  'openViolations',
  'activeExceptions',
];

/**
 * Compliance officers and auditors oversee everything, in the order of the questions an audit asks. Reviewers
 * lead with the requests waiting for a decision; engineers with their own requests and the gate's answers.
 */
export function dashboardLayoutFor(roles: readonly Role[]): DashboardLayout {
  const oversees = roles.includes('COMPLIANCE_OFFICER') || roles.includes('AUDITOR');
  const reviewer = roles.includes('REVIEWER');
  const engineer = roles.includes('ENGINEER');
  const personal: HeadlineFigureId[] = [];
  if (reviewer || roles.includes('COMPLIANCE_OFFICER')) personal.push('reviewsWaiting');
  if (engineer) personal.push('myOpenRequests');

  if (oversees) return { figures: [...ORGANIZATION_FIGURES, ...personal], lead: null, groups: [...GROUPS] };

  const leadCards = new Set<DashboardCardId>();
  if (reviewer) for (const card of ['waitingForDecision', 'approvalsByState', 'expiring'] as const) leadCards.add(card);
  if (engineer) for (const card of ['myRequests', 'gateDecisions', 'expiring'] as const) leadCards.add(card);
  const leadTitle: DashboardGroupTitle = reviewer && engineer ? 'yourWork' : reviewer ? 'waitingForReview' : 'yourModels';
  const lead = leadCards.size ? { key: 'lead', title: leadTitle, cards: [...leadCards] } : null;
  const groups = GROUPS.map((group) => ({ ...group, cards: group.cards.filter((card) => !leadCards.has(card)) })).filter(
    (group) => group.cards.length > 0,
  );
  return { figures: [...personal, ...ORGANIZATION_FIGURES], lead, groups };
}

/** The dashboard charts the CI gate's decisions, which every role but the admin may read (as the API decides). */
export function canSeeDashboard(roles: readonly Role[]): boolean {
  return roles.some((role) => role !== 'ADMIN');
}

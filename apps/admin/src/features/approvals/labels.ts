import { REVIEW_CATEGORIES, type ReviewCategory } from '@modelgate/domain/approvals';
import type { ApprovalState, DataClassification, Environment, HostingMode, RiskTier } from '../../gql/graphql';
import { currentLocale } from '../../i18n/translate';
import { t } from './messages';

/** Colour only repeats what the badge's words say; it never carries the state alone. */
export const approvalStateColors: Record<ApprovalState, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  IN_REVIEW: 'indigo',
  APPROVED: 'teal',
  APPROVED_WITH_CONDITIONS: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
  SUSPENDED: 'orange',
  REVOKED: 'red',
  EXPIRED: 'gray',
};

/** The states in the order a request lives through them: what sorting by state follows. */
export const APPROVAL_STATE_ORDER: readonly ApprovalState[] = [
  'DRAFT',
  'SUBMITTED',
  'IN_REVIEW',
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'SUSPENDED',
  'REJECTED',
  'WITHDRAWN',
  'REVOKED',
  'EXPIRED',
];

export const riskTierLabels: Record<RiskTier, string> = {
  LOW: t('approvals.tier.LOW'),
  MEDIUM: t('approvals.tier.MEDIUM'),
  HIGH: t('approvals.tier.HIGH'),
  CRITICAL: t('approvals.tier.CRITICAL'),
};

export const riskTierColors: Record<RiskTier, string> = { LOW: 'green', MEDIUM: 'yellow', HIGH: 'orange', CRITICAL: 'red' };

/** Lowest to highest, as the domain ranks them. */
export const RISK_TIER_ORDER: readonly RiskTier[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const categoryLabels: Record<ReviewCategory, string> = {
  security: t('approvals.category.security'),
  privacy: t('approvals.category.privacy'),
  legal: t('approvals.category.legal'),
  sovereignty: t('approvals.category.sovereignty'),
  quality: t('approvals.category.quality'),
  regulatory: t('approvals.category.regulatory'),
};

const categoryCoverage: Record<ReviewCategory, string> = {
  security: t('approvals.category.security.covers'),
  privacy: t('approvals.category.privacy.covers'),
  legal: t('approvals.category.legal.covers'),
  sovereignty: t('approvals.category.sovereignty.covers'),
  quality: t('approvals.category.quality.covers'),
  regulatory: t('approvals.category.regulatory.covers'),
};

const isCategory = (category: string): category is ReviewCategory => (REVIEW_CATEGORIES as readonly string[]).includes(category);

export const categoryLabel = (category: string): string => (isCategory(category) ? categoryLabels[category] : category);

export const categoryCovers = (category: string): string => (isCategory(category) ? categoryCoverage[category] : '');

export const eventLabels: Record<string, string> = {
  'request.submitted': t('approvals.event.requestSubmitted'),
  'review.assigned': t('approvals.event.reviewAssigned'),
  'review.overdue': t('approvals.event.reviewOverdue'),
  'decision.made': t('approvals.event.decisionMade'),
  'approval.expiring': t('approvals.event.approvalExpiring'),
  'approval.expired': t('approvals.event.approvalExpired'),
  'request.state_changed': t('approvals.event.requestChanged'),
};

export const requestedViaLabels: Record<string, string> = {
  ADMIN_APP: t('approvals.requestedVia.ADMIN_APP'),
  API: t('approvals.requestedVia.API'),
  CLI: t('approvals.requestedVia.CLI'),
  SYSTEM: t('approvals.requestedVia.SYSTEM'),
};

/** Lower-case hosting modes as they read inside a condition ("On-premises only"). */
const conditionHostingModes: Record<HostingMode, string> = {
  ON_PREMISES: t('approvals.condition.hosting.ON_PREMISES'),
  PRIVATE_CLOUD: t('approvals.condition.hosting.PRIVATE_CLOUD'),
  VENDOR_API: t('approvals.condition.hosting.VENDOR_API'),
  THIRD_PARTY_HOSTED: t('approvals.condition.hosting.THIRD_PARTY_HOSTED'),
  EDGE: t('approvals.condition.hosting.EDGE'),
};

const conditionEnvironments: Record<Environment, string> = {
  DEVELOPMENT: t('approvals.condition.environment.DEVELOPMENT'),
  STAGING: t('approvals.condition.environment.STAGING'),
  PRODUCTION: t('approvals.condition.environment.PRODUCTION'),
};

const conditionClassifications: Record<DataClassification, string> = {
  PUBLIC: t('approvals.condition.classification.PUBLIC'),
  INTERNAL: t('approvals.condition.classification.INTERNAL'),
  CONFIDENTIAL: t('approvals.condition.classification.CONFIDENTIAL'),
  RESTRICTED: t('approvals.condition.classification.RESTRICTED'),
};

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
const orList = (words: readonly string[]) => new Intl.ListFormat(currentLocale(), { type: 'disjunction' }).format(words);

/** Names or categories in a row, "A, B, C" (category names hold "and" themselves, so no "and" between them). */
export const listOf = (items: readonly string[]): string =>
  new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' }).format(items);

/** A condition as the decision form builds it (the GraphQL input) or as the API returns it. */
export type DescribedCondition = {
  kind: string;
  hostingModes?: readonly HostingMode[] | null;
  environments?: readonly Environment[] | null;
  dataClassification?: DataClassification | null;
  text?: string | null;
};

/** One line for people, as the server words the condition once it is saved, e.g. "On-premises only". */
export function describeCondition(condition: DescribedCondition): string {
  switch (condition.kind) {
    case 'HOSTING_MODES':
      return t('approvals.condition.only', {
        what: capitalise(orList((condition.hostingModes ?? []).map((mode) => conditionHostingModes[mode]))),
      });
    case 'ENVIRONMENTS':
      return t('approvals.condition.only', {
        what: capitalise(orList((condition.environments ?? []).map((environment) => conditionEnvironments[environment]))),
      });
    case 'MAX_DATA_CLASSIFICATION':
      return t('approvals.condition.maxData', {
        classification: condition.dataClassification ? conditionClassifications[condition.dataClassification] : '',
      });
    case 'NO_PERSONAL_DATA':
      return t('approvals.condition.noPersonalData');
    case 'PIN_WEIGHTS_CHECKSUM':
      return t('approvals.condition.pinWeights');
    default:
      return condition.text ?? '';
  }
}

/** Whole days from `from` to `to` (negative when `to` is past). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return t('approvals.none');
  if (bytes < 1024) return t('approvals.size.bytes', { size: String(bytes) });
  if (bytes < 1024 * 1024) return t('approvals.size.kib', { size: (bytes / 1024).toFixed(1) });
  return t('approvals.size.mib', { size: (bytes / 1024 / 1024).toFixed(1) });
}

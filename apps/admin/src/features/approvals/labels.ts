import { reviewCategoryInfo, type ReviewCategory } from '@modelgate/domain/approvals';
import type { ApprovalState, RiskTier } from '../../gql/graphql';

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

export const riskTierLabels: Record<RiskTier, string> = {
  LOW: 'Low risk',
  MEDIUM: 'Medium risk',
  HIGH: 'High risk',
  CRITICAL: 'Critical risk',
};

export const riskTierColors: Record<RiskTier, string> = { LOW: 'green', MEDIUM: 'yellow', HIGH: 'orange', CRITICAL: 'red' };

export const categoryLabel = (category: string): string => reviewCategoryInfo[category as ReviewCategory]?.label ?? category;

export const categoryCovers = (category: string): string => reviewCategoryInfo[category as ReviewCategory]?.covers ?? '';

export const eventLabels: Record<string, string> = {
  'request.submitted': 'Request submitted',
  'review.assigned': 'Review assigned',
  'review.overdue': 'Review overdue',
  'decision.made': 'Decision made',
  'approval.expiring': 'Approval expiring',
  'approval.expired': 'Approval expired',
  'request.state_changed': 'Request changed',
};

/** "2026-11-23" for a date-time; the full time is in the element's title. */
export const day = (value: string | null | undefined): string => (value ? value.slice(0, 10) : '—');

/** Whole days from `from` to `to` (negative when `to` is past). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

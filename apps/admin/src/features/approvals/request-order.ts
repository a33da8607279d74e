import { compareValues, type CellValue, type TableSort } from '../../components/data-table/table-view';
import type { ApprovalRequestRowFragment } from '../../gql/graphql';
import { APPROVAL_STATE_ORDER, RISK_TIER_ORDER } from './labels';

type Row = ApprovalRequestRowFragment;
type Review = Row['reviews'][number];

/** The viewer's open reviews on the request, most urgent first. */
export function myOpenReviews(row: Row, viewerId: string | null): Review[] {
  return row.reviews
    .filter((review) => review.status === 'ASSIGNED' && review.reviewer.id === viewerId)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** The review a row's "next due" is about: the viewer's own when they have one, else the request's soonest. */
export function nextDueReview(row: Row, viewerId: string | null): Review | undefined {
  const mine = myOpenReviews(row, viewerId);
  const open = mine.length > 0 ? mine : row.reviews.filter((review) => review.status === 'ASSIGNED');
  return [...open].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

/** Overdue first, then the review due soonest, then the oldest submission: the order a reviewer works in. */
export function sortForQueue(rows: readonly Row[], viewerId: string | null): Row[] {
  const key = (row: Row) => {
    const mine = myOpenReviews(row, viewerId)[0];
    return { overdue: mine?.overdue ? 0 : 1, due: mine?.dueAt ?? '9999', submitted: row.submittedAt ?? row.createdAt };
  };
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.overdue - kb.overdue || ka.due.localeCompare(kb.due) || ka.submitted.localeCompare(kb.submitted);
  });
}

export const signedOffReviews = (row: Row): number => row.requirements.categories.length - row.requirements.missingReviews.length;

const time = (value: string | null | undefined): number | null => (value ? new Date(value).getTime() : null);

/**
 * What each sortable column orders by, where that is not the text it shows: states in lifecycle order, tiers from
 * low to critical, progress as the share done, dates as instants.
 */
export function requestSortKey(column: string, row: Row, viewerId: string | null): CellValue {
  switch (column) {
    case 'reference':
      return row.number;
    case 'state':
      return APPROVAL_STATE_ORDER.indexOf(row.state);
    case 'tier':
      return row.riskTier ? RISK_TIER_ORDER.indexOf(row.riskTier) : null;
    case 'progress': {
      const total = row.requirements.categories.length + row.requirements.approvers;
      return total === 0
        ? null
        : (signedOffReviews(row) + Math.min(row.requirements.approvalsGiven, row.requirements.approvers)) / total;
    }
    case 'due':
      return time(nextDueReview(row, viewerId)?.dueAt);
    case 'validUntil':
      return time(row.validUntil);
    case 'submitted':
      return time(row.submittedAt ?? row.createdAt);
    case 'decided':
      return time(row.decidedAt);
    case 'updated':
      return time(row.updatedAt);
    default:
      return undefined;
  }
}

/**
 * The rows in the order the table shows them: by the chosen column (stable, empty values last), else in the
 * tab's own order (the review queue's work order, or the server's "most recently changed first").
 */
export function orderRequests(
  rows: readonly Row[],
  sort: TableSort | undefined,
  options: { viewerId: string | null; defaultOrder: 'server' | 'queue'; textOf: (column: string, row: Row) => CellValue },
): Row[] {
  if (!sort) return options.defaultOrder === 'queue' ? sortForQueue(rows, options.viewerId) : [...rows];
  const keyOf = (row: Row) => {
    const key = requestSortKey(sort.column, row, options.viewerId);
    return key === undefined ? options.textOf(sort.column, row) : key;
  };
  return rows
    .map((row, index) => ({ row, index, key: keyOf(row) }))
    .sort((a, b) => compareValues(a.key, b.key, sort.direction) || a.index - b.index)
    .map((entry) => entry.row);
}

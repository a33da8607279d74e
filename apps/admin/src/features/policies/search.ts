import { formatTableSort, parseTableSort, type TableSort } from '../../components/data-table/table-view';

/** The policies page's tab, kept in the URL so a link opens the same view. */
export const POLICY_TABS = ['rules', 'versions', 'exceptions', 'violations', 'gate'] as const;
export type PolicyTab = (typeof POLICY_TABS)[number];

export const EXCEPTION_STATES = ['REQUESTED', 'GRANTED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'] as const;
export type ExceptionStateFilter = (typeof EXCEPTION_STATES)[number];

/**
 * The page's view in the URL: the tab, the sort of the tab's table (`<column>.<asc|desc>`; the table's own order
 * when absent), and each tab's filter, so a filtered, sorted view can be shared and reloaded.
 */
export type PoliciesSearch = {
  tab?: PolicyTab;
  sort?: string;
  /** Violations: `all` lists resolved ones too; absent, only the open ones. */
  violations?: 'all';
  /** Exceptions: only those in this state. */
  state?: ExceptionStateFilter;
  /** Exceptions: only this one (a link to an exception). */
  exception?: string;
};

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export function parsePoliciesSearch(search: Record<string, unknown>): PoliciesSearch {
  const result: PoliciesSearch = {};
  if (isOneOf(POLICY_TABS, search.tab)) result.tab = search.tab;
  const sort = formatTableSort(parseTableSort(search.sort));
  if (sort) result.sort = sort;
  if (search.violations === 'all') result.violations = 'all';
  if (isOneOf(EXCEPTION_STATES, search.state)) result.state = search.state;
  if (typeof search.exception === 'string' && /^[0-9a-f-]{36}$/i.test(search.exception)) result.exception = search.exception;
  return result;
}

/** The sort a tab's table shows, and the search that keeps a new one (the other keys stay as they are). */
export function tableSortOf(search: PoliciesSearch): TableSort | undefined {
  return parseTableSort(search.sort);
}

export function withTableSort(search: PoliciesSearch, sort: TableSort | undefined): PoliciesSearch {
  const rest: PoliciesSearch = Object.fromEntries(Object.entries(search).filter(([key]) => key !== 'sort'));
  const next = formatTableSort(sort);
  return next ? { ...rest, sort: next } : rest;
}

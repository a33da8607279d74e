import { formatTableSort, parseTableSort } from '../../components/data-table/table-view';

/** The approvals home's tab and the list's column sort (`sort=due.asc`), kept in the URL so a link opens the same list. */
export const APPROVAL_TABS = ['mine', 'queue', 'all', 'expiring'] as const;
export type ApprovalTab = (typeof APPROVAL_TABS)[number];
export type ApprovalsSearch = { tab?: ApprovalTab; sort?: string };

export function parseApprovalsSearch(search: Record<string, unknown>): ApprovalsSearch {
  const tab = search.tab;
  const sort = formatTableSort(parseTableSort(search.sort));
  return {
    ...(typeof tab === 'string' && (APPROVAL_TABS as readonly string[]).includes(tab) ? { tab: tab as ApprovalTab } : {}),
    ...(sort ? { sort } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/approvals/new?modelVersionId=…` pre-selects the model version. */
export type NewRequestSearch = { modelVersionId?: string };

export function parseNewRequestSearch(search: Record<string, unknown>): NewRequestSearch {
  const id = search.modelVersionId;
  return typeof id === 'string' && UUID.test(id) ? { modelVersionId: id } : {};
}

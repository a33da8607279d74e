/** The policies page's tab, kept in the URL so a link opens the same view. */
export const POLICY_TABS = ['rules', 'versions', 'exceptions', 'violations', 'gate'] as const;
export type PolicyTab = (typeof POLICY_TABS)[number];
export type PoliciesSearch = { tab?: PolicyTab };

export function parsePoliciesSearch(search: Record<string, unknown>): PoliciesSearch {
  const tab = search.tab;
  return typeof tab === 'string' && (POLICY_TABS as readonly string[]).includes(tab) ? { tab: tab as PolicyTab } : {};
}

import type { GlobalSearchQuery, Role } from '../../gql/graphql';
import { approvalPermissions } from '../approvals/permissions';
import { inventoryPermissions } from '../inventory/permissions';
import { sectionAt, sectionOf, visibleSections } from '../shell/navigation';
import { t } from './messages';
import { isAppPath, type RecentItem, type RecentKind } from './recent-items';

export type PaletteGroup = 'results' | 'recent' | 'navigation' | 'actions';

/** One choice of the palette: where it leads, what it says, and (for things) what to remember as opened. */
export type PaletteEntry = {
  key: string;
  group: PaletteGroup;
  label: string;
  description: string | null;
  url: string;
  /** Shown beside the label: the kind of thing ("Model version"). */
  tag: string | null;
  /** Retired or disabled, said in words beside it. */
  status: string | null;
  /** More words the entry is found by (its section, its kind). */
  keywords: string;
  remember: Omit<RecentItem, 'openedAt'> | null;
};

export type PaletteViewer = {
  id: string;
  roles: readonly Role[];
  teams: readonly { id: string; name: string }[];
  reviewCategories: readonly string[];
};

type Hit = GlobalSearchQuery['globalSearch'][number];

export const kindLabel = (kind: RecentKind) => t(`search.kind.${kind}`);

const entry = (fields: Partial<PaletteEntry> & Pick<PaletteEntry, 'key' | 'group' | 'label' | 'url'>): PaletteEntry => ({
  description: null,
  tag: null,
  status: null,
  keywords: '',
  remember: null,
  ...fields,
});

/** Every page the viewer's roles can see: the Overview, each section, and the Inventory's own pages. */
export function navigationEntries(roles: readonly Role[]): PaletteEntry[] {
  const visible = visibleSections(roles);
  const entries = [entry({ key: 'nav:/', group: 'navigation', label: t('search.nav.overview'), url: '/' })];
  for (const section of visible) {
    entries.push(
      entry({
        key: `nav:${section.path}`,
        group: 'navigation',
        label: section.label,
        description: section.summary,
        url: section.path,
      }),
    );
  }
  if (visible.includes(sectionAt('/inventory'))) {
    const inventory = t('search.nav.inInventory');
    for (const [path, label] of [
      ['/inventory/deployments', t('search.nav.deployments')],
      ['/inventory/providers', t('search.nav.providers')],
      ['/inventory/hosting', t('search.nav.hosting')],
    ] as const) {
      entries.push(entry({ key: `nav:${path}`, group: 'navigation', label, description: inventory, url: path }));
    }
  }
  return entries;
}

/** What the viewer may start from anywhere; the pages and the API check the same permissions. */
export function actionEntries(viewer: PaletteViewer): PaletteEntry[] {
  const { roles } = viewer;
  const inventory = inventoryPermissions(roles, viewer.teams);
  const approvals = approvalPermissions(viewer);
  const sees = (path: Parameters<typeof sectionAt>[0]) => visibleSections(roles).includes(sectionAt(path));
  const action = (key: string, allowed: boolean, url: string, label: string, description: string) =>
    allowed ? [entry({ key: `action:${key}`, group: 'actions', label, description, url })] : [];
  return [
    ...action(
      'register',
      inventory.canRegister && sees('/inventory'),
      '/inventory/versions/new',
      t('search.action.registerModelVersion'),
      t('search.action.registerModelVersion.description'),
    ),
    ...action(
      'request',
      approvals.canRequest && sees('/approvals'),
      '/approvals/new',
      t('search.action.requestApproval'),
      t('search.action.requestApproval.description'),
    ),
    ...action(
      'queue',
      approvals.tabs.includes('queue') && sees('/approvals'),
      '/approvals?tab=queue',
      t('search.action.reviewQueue'),
      t('search.action.reviewQueue.description'),
    ),
    ...action(
      'import',
      inventory.canImport && sees('/inventory'),
      '/inventory/import',
      t('search.action.importInventory'),
      t('search.action.importInventory.description'),
    ),
    ...action(
      'scan',
      (roles.includes('COMPLIANCE_OFFICER') || roles.includes('ENGINEER')) && sees('/discovery'),
      '/discovery',
      t('search.action.uploadScan'),
      t('search.action.uploadScan.description'),
    ),
    ...action(
      'report',
      sees('/reports'),
      '/reports',
      t('search.action.exportReport'),
      t('search.action.exportReport.description'),
    ),
    ...action(
      'token',
      roles.some((role) => role !== 'AUDITOR') && sees('/tokens'),
      '/tokens',
      t('search.action.createToken'),
      t('search.action.createToken.description'),
    ),
    ...action('person', sees('/admin'), '/admin', t('search.action.addPerson'), t('search.action.addPerson.description')),
  ];
}

export function recentEntries(items: readonly RecentItem[], roles: readonly Role[]): PaletteEntry[] {
  return items
    .filter((item) => reachable(item.url, roles))
    .map((item) =>
      entry({
        key: `recent:${item.kind}:${item.id}`,
        group: 'recent',
        label: item.title,
        url: item.url,
        tag: kindLabel(item.kind),
        keywords: kindLabel(item.kind),
        remember: { kind: item.kind, id: item.id, title: item.title, url: item.url },
      }),
    );
}

/** A path the viewer's roles can open: in a section they see (or in none), and of this app. */
export function reachable(url: string, roles: readonly Role[]): boolean {
  if (!isAppPath(url)) return false;
  const section = sectionOf(url);
  return !section || visibleSections(roles).includes(section);
}

/**
 * The server's hits the viewer can open. The API returns what the roles may read; a few of those live in a section
 * the app does not show the role (an admin may read approval requests, but has no Approvals section).
 */
export function resultEntries(hits: readonly Hit[], roles: readonly Role[]): PaletteEntry[] {
  return hits
    .filter((hit) => reachable(hit.url, roles))
    .map((hit) =>
      entry({
        key: `result:${hit.kind}:${hit.id}`,
        group: 'results',
        label: hit.title,
        description: hit.subtitle,
        url: hit.url,
        tag: kindLabel(hit.kind),
        status: hit.retired ? (hit.kind === 'PERSON' ? t('search.disabled') : t('search.retired')) : null,
        remember: { kind: hit.kind, id: hit.id, title: hit.title, url: hit.url },
      }),
    );
}

/** The entries matching what was typed: every word in the label, description or keywords, case aside. */
export function filterEntries(entries: readonly PaletteEntry[], query: string): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((candidate) => {
    const text = `${candidate.label} ${candidate.description ?? ''} ${candidate.keywords}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

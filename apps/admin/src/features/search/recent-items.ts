import { useSyncExternalStore } from 'react';

/** What a recently opened page shows: the kinds global search finds, and the other pages of one thing. */
export type RecentKind =
  | 'MODEL_VERSION'
  | 'PROVIDER'
  | 'DEPLOYMENT'
  | 'APPROVAL_REQUEST'
  | 'PERSON'
  | 'SCAN_REPORT'
  | 'POLICY_VERSION'
  | 'REPORT_EXPORT'
  | 'HOSTING_TARGET'
  | 'TEAM';

/** One thing a person opened, newest first in its list. */
export type RecentItem = { kind: RecentKind; id: string; title: string; url: string; openedAt: string };

export const MAX_RECENT_ITEMS = 8;

const KINDS: ReadonlySet<string> = new Set<RecentKind>([
  'MODEL_VERSION',
  'PROVIDER',
  'DEPLOYMENT',
  'APPROVAL_REQUEST',
  'PERSON',
  'SCAN_REPORT',
  'POLICY_VERSION',
  'REPORT_EXPORT',
  'HOSTING_TARGET',
  'TEAM',
]);

/** Each person's list is their own: kept per user id, so a shared browser never shows one person another's. */
export const recentItemsKey = (userId: string) => `modelgate.recent-items.${userId}`;

/** A path of this app: never another site (`//host/…` or `https://…`), whoever wrote it. */
export const isAppPath = (url: string) => /^\/(?!\/)/.test(url);

const isRecentItem = (value: unknown): value is RecentItem => {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.kind === 'string' &&
    KINDS.has(item.kind) &&
    typeof item.id === 'string' &&
    typeof item.title === 'string' &&
    typeof item.url === 'string' &&
    isAppPath(item.url) &&
    typeof item.openedAt === 'string'
  );
};

/** The stored list, or none when it is missing or damaged (written by an older version, or by hand). */
export function parseRecentItems(raw: string | null): RecentItem[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isRecentItem).slice(0, MAX_RECENT_ITEMS) : [];
  } catch {
    return [];
  }
}

/** The list after opening `item`: it moves to the top (with its current title), once, and the list keeps 8. */
export function withRecentItem(items: readonly RecentItem[], item: RecentItem): RecentItem[] {
  return [item, ...items.filter((other) => other.kind !== item.kind || other.id !== item.id)].slice(0, MAX_RECENT_ITEMS);
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be switched off; the app works without recent items then.
    return null;
  }
}

/** Remembers that the person opened `item` now. */
export function rememberRecentItem(userId: string, item: Omit<RecentItem, 'openedAt'>): void {
  const store = storage();
  if (!store) return;
  const key = recentItemsKey(userId);
  const items = parseRecentItems(store.getItem(key));
  const [top] = items;
  // Re-rendering the page it is on already must not rewrite the list.
  if (top && top.kind === item.kind && top.id === item.id && top.title === item.title && top.url === item.url) return;
  try {
    store.setItem(key, JSON.stringify(withRecentItem(items, { ...item, openedAt: new Date().toISOString() })));
  } catch {
    return; // a full storage loses the recent items, nothing else
  }
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab of the same person opened something.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith('modelgate.recent-items.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const parsed = new Map<string, { raw: string | null; items: RecentItem[] }>();
const none: RecentItem[] = [];

/** The things this person opened last, newest first; none before the viewer is known. */
export function useRecentItems(userId: string | null | undefined): RecentItem[] {
  return useSyncExternalStore(subscribe, () => {
    if (!userId) return none;
    const raw = storage()?.getItem(recentItemsKey(userId)) ?? null;
    const cached = parsed.get(userId);
    // The same array while the stored text is the same, as useSyncExternalStore requires.
    if (cached?.raw === raw) return cached.items;
    const items = parseRecentItems(raw);
    parsed.set(userId, { raw, items });
    return items;
  });
}

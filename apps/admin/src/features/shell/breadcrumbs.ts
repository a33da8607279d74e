import { useRouterState } from '@tanstack/react-router';
import { useEffect, useSyncExternalStore } from 'react';
import type { RecentKind } from '../search/recent-items';
import type { TrailKey } from './trails';

/** A crumb above the current page: what it says and where it leads (a path of the app, with its search). */
export type ParentCrumb = { label: () => string; href: string };

/**
 * The one thing a page shows (a model version, a request): its crumb carries the thing's name once the page's own
 * query has it, and opening the page puts the thing among the person's recent items.
 */
export type EntityCrumb = {
  kind: RecentKind;
  /** The route's param holding the thing's id. */
  param: string;
  /** What the crumb says until the name is known (or if it never is). */
  fallback: () => string;
  /** The thing's name, from the query the page itself runs (so no request of its own). */
  useTitle: (id: string) => string | undefined;
  /** The thing's page, when this route is another page of it (its edit form). */
  href?: (id: string) => string;
};

/**
 * The trail of a page below a section (see trails.ts): the crumbs above it, then the thing it shows (if any), then
 * its own name (if it is not the thing itself). The shell renders it once, above the page.
 */
export type BreadcrumbSpec = { parents: readonly ParentCrumb[]; entity?: EntityCrumb; page?: () => string };

let override: { path: string; title: string } | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The name a page gave itself for the breadcrumb, if the page at `path` did. */
export function useBreadcrumbOverride(path: string): string | undefined {
  return useSyncExternalStore(subscribe, () => (override?.path === path ? override.title : undefined));
}

/**
 * For a page whose route cannot name what it shows: `useBreadcrumbTitle(version.versionName)` makes the last crumb
 * (and the recent item) say this instead of the route's own title. Nothing while `title` is undefined.
 */
export function useBreadcrumbTitle(title: string | null | undefined): void {
  const path = useRouterState({ select: (state) => state.location.pathname });
  useEffect(() => {
    if (!title) return;
    const mine = { path, title };
    override = mine;
    listeners.forEach((listener) => listener());
    return () => {
      if (override !== mine) return;
      override = null;
      listeners.forEach((listener) => listener());
    };
  }, [path, title]);
}

declare module '@tanstack/react-router' {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface StaticDataRouteOption {
    /** The page's breadcrumb trail below its section, by name (trails.ts). */
    breadcrumb?: TrailKey;
  }
}

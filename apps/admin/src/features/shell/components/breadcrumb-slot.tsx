import { Box } from '@mantine/core';
import { useMatches } from '@tanstack/react-router';
import { lazy, Suspense, useEffect } from 'react';

const loadBreadcrumbs = () => import('./breadcrumbs');
const Breadcrumbs = lazy(() => loadBreadcrumbs().then((module) => ({ default: module.Breadcrumbs })));

/**
 * Where the breadcrumbs go. The first pages (sign-in, the Overview, a section's own page) have none, so the trail's
 * code loads apart from the first route: soon after the first render, and at the latest with a page that has one.
 */
export function BreadcrumbSlot() {
  const hasTrail = useMatches({ select: (matches) => matches.some((match) => match.staticData.breadcrumb !== undefined) });
  useEffect(() => {
    const preload = () => void loadBreadcrumbs();
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(preload, { timeout: 3_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(preload, 1_000);
    return () => window.clearTimeout(timer);
  }, []);
  if (!hasTrail) return null;
  return (
    // The trail's height, kept while its code loads, so the page below does not jump.
    <Suspense fallback={<Box h={22} mb="sm" />}>
      <Breadcrumbs />
    </Suspense>
  );
}

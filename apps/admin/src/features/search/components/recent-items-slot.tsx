import { lazy, Suspense } from 'react';

const RecentItemsCard = lazy(() => import('./recent-items-card').then((module) => ({ default: module.RecentItemsCard })));

/**
 * The viewer's recently opened things, for the Overview: loaded apart from the first route, and nothing at all until
 * they have opened something.
 */
export function RecentItems() {
  return (
    <Suspense fallback={null}>
      <RecentItemsCard />
    </Suspense>
  );
}

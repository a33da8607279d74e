import { Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { DashboardSkeleton } from '../features/dashboard/components/dashboard-skeleton';
import { canSeeDashboard } from '../features/dashboard/layout';
import { RecentItems } from '../features/search/components/recent-items-slot';
import { useViewer } from '../features/session/hooks';
import { SystemStatusCard } from '../features/system/components/system-status-card';
import { t } from '../features/system/messages';

// The charts library is large; people who cannot see the dashboard (and the sign-in page) never load it.
const DashboardOverview = lazy(() =>
  import('../features/dashboard/components/dashboard-overview').then((module) => ({ default: module.DashboardOverview })),
);

export function OverviewPage() {
  const viewer = useViewer();
  const roles = viewer.data?.roles ?? [];
  return (
    <Stack gap="lg">
      <Stack maw={900}>
        <Title order={1} size="h2">
          {t('system.overview.title')}
        </Title>
        <Text c="dimmed">{t('system.overview.intro')}</Text>
      </Stack>
      {canSeeDashboard(roles) && (
        <Suspense fallback={<DashboardSkeleton label={t('system.overview.loadingDashboard')} />}>
          <DashboardOverview roles={roles} />
        </Suspense>
      )}
      <Stack maw={900}>
        <RecentItems />
        <SystemStatusCard />
      </Stack>
    </Stack>
  );
}

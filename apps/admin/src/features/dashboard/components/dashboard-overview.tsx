import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { DateTime } from '../../../components/date-time';
import { ErrorState } from '../../../components/page-states';
import type { Role } from '../../../gql/graphql';
import { dashboardLayoutFor, type DashboardGroup } from '../layout';
import { cardLinksFor, type CardLinks } from '../links';
import { t } from '../messages';
import { dashboardQueries } from '../queries';
import { RichMessage } from '../../system/rich-message';
import { DashboardCardView, type DashboardData } from './dashboard-cards';
import { DashboardSkeleton } from './dashboard-skeleton';
import { HeadlineFigures } from './headline-figures';

function DashboardSection({
  group,
  data,
  links,
  lead,
}: {
  group: DashboardGroup;
  data: DashboardData;
  links: CardLinks;
  lead?: boolean;
}) {
  const headingId = useId();
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm" data-testid={`dashboard-section-${group.key}`}>
      <Title order={2} size="h3" id={headingId}>
        {t(`dashboard.group.${group.title}`)}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2, xl: lead ? 2 : 3 }}>
        {group.cards.map((id) => (
          <DashboardCardView key={id} id={id} data={data} links={links} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The overview's charts for a signed-in person, ordered for their roles. */
export function DashboardOverview({ roles }: { roles: readonly Role[] }) {
  const dashboard = useQuery(dashboardQueries.overview());
  if (dashboard.isPending) return <DashboardSkeleton label={t('dashboard.loading')} />;
  if (dashboard.isError) {
    return <ErrorState title={t('dashboard.error')} error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  const data = dashboard.data;
  const layout = dashboardLayoutFor(roles);
  const links = cardLinksFor(roles);
  return (
    <Stack gap="xl" data-testid="dashboard">
      <HeadlineFigures figures={layout.figures} data={data} links={links} />
      {layout.lead && <DashboardSection group={layout.lead} data={data} links={links} lead />}
      {layout.groups.map((group) => (
        <DashboardSection key={group.key} group={group} data={data} links={links} />
      ))}
      <Text size="xs" c="dimmed">
        <RichMessage text={t('dashboard.asOf')} values={{ when: <DateTime value={data.generatedAt} /> }} />
      </Text>
    </Stack>
  );
}

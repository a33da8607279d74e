import { Badge, Stack, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { DateTime } from '../../../components/date-time';
import { FactsTable, type Fact } from '../../../components/facts-table';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { formatCountry } from '../../../i18n/format';
import { t, tWith } from '../deployments-messages';
import { hostingModeLabels, trainsOnInputsLabels } from '../labels';
import { inventoryQueries } from '../queries';
import { DeploymentsTable } from './deployments-table';
import { retention } from './hosting-targets-index';

/** One hosting target: what its operator does with the data sent to it, and the deployments that run there. */
export function HostingTargetDetail({ targetId }: { targetId: string }) {
  const targets = useQuery(inventoryQueries.hostingTargets(true));
  const deployments = useInfiniteQuery(inventoryQueries.deploymentList({ hostingTargetIds: [targetId] }));
  if (targets.isPending) return <LoadingState what={t('deployments.hostingTarget.loading')} rows={8} />;
  if (targets.isError) {
    return <ErrorState title={t('deployments.hosting.error')} error={targets.error} onRetry={() => void targets.refetch()} />;
  }
  const target = targets.data.find((candidate) => candidate.id === targetId);
  if (!target) {
    return (
      <EmptyState
        title={t('deployments.hostingTarget.notFound')}
        action={<AnchorLink to="/inventory/hosting">{t('deployments.hostingTarget.back')}</AnchorLink>}
      />
    );
  }
  const facts: Fact[] = [
    [t('deployments.hosting.mode'), hostingModeLabels[target.mode]],
    [t('deployments.hosting.operator'), target.operator],
    [t('deployments.hosting.region'), target.region ?? '—'],
    [t('deployments.hosting.country'), formatCountry(target.country)],
    [t('deployments.hosting.retentionDays'), retention(target)],
    [t('deployments.hosting.trainsOnInputs'), trainsOnInputsLabels[target.trainsOnInputs]],
    [t('deployments.hosting.zeroDataRetention'), target.zeroDataRetention ? t('deployments.yes') : t('deployments.no')],
    [
      t('deployments.hosting.table.status'),
      target.retiredAt
        ? tWith('deployments.hosting.retiredOn', { date: <DateTime value={target.retiredAt} format="day" /> })
        : t('deployments.hosting.active'),
    ],
  ];
  const rows = deployments.data?.pages.flatMap((page) => page.deployments.edges.map((edge) => edge.node)) ?? [];
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/inventory/hosting" size="sm">
          {t('deployments.hostingTarget.back')}
        </AnchorLink>
        <Title order={2}>
          {target.name}{' '}
          {target.retiredAt && (
            <Badge color="gray" tt="none">
              {t('deployments.hosting.retired')}
            </Badge>
          )}
        </Title>
        <FactsTable label={t('deployments.hostingTarget.facts')} facts={facts} />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('deployments.hostingTarget.deployments')}
        </Title>
        <DeploymentsTable
          deployments={rows}
          showModelVersion
          isLoading={deployments.isPending}
          error={deployments.isError ? deployments.error : null}
          onRetry={() => void deployments.refetch()}
          totalCount={deployments.data?.pages[0]?.deployments.totalCount}
          empty={<EmptyState title={t('deployments.hostingTarget.noDeployments')} />}
        />
        {deployments.hasNextPage && (
          <AnchorLink to="/inventory/deployments" search={{ hostingTargetIds: [targetId] }} size="sm">
            {t('deployments.hostingTarget.allDeployments', { count: deployments.data?.pages[0]?.deployments.totalCount ?? 0 })}
          </AnchorLink>
        )}
      </Stack>
    </Stack>
  );
}

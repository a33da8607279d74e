import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formatTableSort, parseTableSort } from '../../../components/data-table/table-view';
import { EmptyState } from '../../../components/page-states';
import type { DeploymentRowFragment, DeploymentsQuery as DeploymentsPage } from '../../../gql/graphql';
import { execute } from '../../../lib/graphql-client';
import { t } from '../deployments-messages';
import { DeploymentsQuery } from '../graphql';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { hasDeploymentFilters, toDeploymentFilter, type DeploymentSearch } from '../search';
import { RegisterDeploymentDialog } from './deployment-dialogs';
import { DeploymentFilters } from './deployment-filters';
import { DeploymentsTable } from './deployments-table';

/** The largest page the API gives; the CSV of a long view is read in pages this size. */
const CSV_PAGE_SIZE = 200;

/** Every deployment of a search, page after page, for the CSV of the view (the screen keeps its own pages). */
async function allDeployments(search: DeploymentSearch): Promise<DeploymentRowFragment[]> {
  const all: DeploymentRowFragment[] = [];
  let after: string | null = null;
  do {
    const { deployments }: DeploymentsPage = await execute(DeploymentsQuery, {
      filter: toDeploymentFilter(search),
      first: CSV_PAGE_SIZE,
      after,
    });
    all.push(...deployments.edges.map((edge) => edge.node));
    after = deployments.pageInfo.hasNextPage ? deployments.pageInfo.endCursor : null;
  } while (after);
  return all;
}

/**
 * Every deployment of the inventory, active first, filtered from the URL, a page at a time. Sorting by a column
 * orders every deployment of the view, not only the pages shown: while a sort is chosen the rest are loaded.
 */
export function DeploymentList({
  search,
  onSearchChange,
}: {
  search: DeploymentSearch;
  onSearchChange: (search: DeploymentSearch) => void;
}) {
  const { canDeploy } = useInventoryPermissions();
  const [registering, setRegistering] = useState(false);
  const sort = parseTableSort(search.sort);
  const deployments = useInfiniteQuery(inventoryQueries.deploymentList(search));
  const firstPage = deployments.data?.pages[0]?.deployments;
  const rows = deployments.data?.pages.flatMap((page) => page.deployments.edges.map((edge) => edge.node)) ?? [];
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = deployments;
  const loadingForSort = sort !== undefined && hasNextPage;

  useEffect(() => {
    if (sort && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [sort, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const filtered = hasDeploymentFilters(search);
  const empty = filtered ? (
    <EmptyState
      title={t('deployments.list.noMatches')}
      description={t('deployments.list.noMatchesDescription')}
      action={
        <Button variant="default" onClick={() => onSearchChange(search.sort ? { sort: search.sort } : {})}>
          {t('deployments.list.clearFilters')}
        </Button>
      }
    />
  ) : (
    <EmptyState
      title={t('deployments.list.none')}
      description={canDeploy ? t('deployments.list.noneDescription') : t('deployments.list.noneDescriptionReadOnly')}
    />
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('deployments.list.title')}{' '}
          {firstPage && (
            <Text span c="dimmed" size="md" data-testid="deployment-count">
              {t('deployments.list.count', { count: firstPage.totalCount })}
            </Text>
          )}
        </Title>
        {canDeploy && <Button onClick={() => setRegistering(true)}>{t('deployments.list.register')}</Button>}
      </Group>
      <Stack aria-busy={deployments.isFetching && !deployments.isFetchingNextPage}>
        <DeploymentsTable
          deployments={rows}
          showModelVersion
          filters={<DeploymentFilters key={search.search ?? ''} search={search} onSearchChange={onSearchChange} />}
          isLoading={deployments.isPending}
          error={deployments.isError ? deployments.error : null}
          onRetry={() => void deployments.refetch()}
          empty={empty}
          totalCount={firstPage?.totalCount}
          hasMore={hasNextPage}
          loadAllRows={() => allDeployments(search)}
          sort={sort}
          onSortChange={(next) => onSearchChange({ ...search, sort: formatTableSort(next) })}
        />
      </Stack>
      {loadingForSort ? (
        <Text size="sm" c="dimmed" role="status">
          {t('deployments.list.sortingLoads', { shown: rows.length, count: firstPage?.totalCount ?? rows.length })}
        </Text>
      ) : (
        hasNextPage && (
          <Group>
            <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
              {t('deployments.list.loadMore')}
            </Button>
          </Group>
        )
      )}
      {registering && <RegisterDeploymentDialog onClose={() => setRegistering(false)} />}
    </Stack>
  );
}

import { Button, Group, Modal, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { hasDeploymentFilters, type DeploymentSearch } from '../search';
import { DeploymentFilters } from './deployment-filters';
import { DeploymentForm } from './deployment-form';
import { DeploymentsTable } from './deployments-table';

function LoadingRows() {
  return (
    <Stack role="status" aria-busy="true" aria-label="Loading deployments" gap="xs">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} height={40} />
      ))}
    </Stack>
  );
}

function NoMatches({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <Stack align="flex-start" py="xl">
      <Text fw={500}>No deployments match</Text>
      {filtered ? (
        <Button variant="default" onClick={onClear}>
          Clear filters
        </Button>
      ) : (
        <Text c="dimmed" size="sm">
          No deployment is registered yet. Register one from a model version&apos;s page.
        </Text>
      )}
    </Stack>
  );
}

/** Every deployment of the inventory, active first, filtered from the URL, a page at a time. */
export function DeploymentList({
  search,
  onSearchChange,
}: {
  search: DeploymentSearch;
  onSearchChange: (search: DeploymentSearch) => void;
}) {
  const { canDeploy } = useInventoryPermissions();
  const [registering, setRegistering] = useState(false);
  const deployments = useInfiniteQuery(inventoryQueries.deploymentList(search));
  const firstPage = deployments.data?.pages[0]?.deployments;
  const rows = deployments.data?.pages.flatMap((page) => page.deployments.edges.map((edge) => edge.node)) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Deployments{' '}
          {firstPage && (
            <Text span c="dimmed" size="md" data-testid="deployment-count">
              {firstPage.totalCount} {firstPage.totalCount === 1 ? 'deployment' : 'deployments'}
            </Text>
          )}
        </Title>
        {canDeploy && <Button onClick={() => setRegistering(true)}>Register deployment</Button>}
      </Group>
      <DeploymentFilters key={search.search ?? ''} search={search} onSearchChange={onSearchChange} />
      <Stack aria-busy={deployments.isFetching && !deployments.isFetchingNextPage}>
        {deployments.isPending ? (
          <LoadingRows />
        ) : deployments.isError ? (
          <QueryError
            title="Could not load the deployments"
            error={deployments.error}
            onRetry={() => void deployments.refetch()}
          />
        ) : rows.length === 0 ? (
          <NoMatches filtered={hasDeploymentFilters(search)} onClear={() => onSearchChange({})} />
        ) : (
          <DeploymentsTable deployments={rows} showModelVersion />
        )}
      </Stack>
      {deployments.hasNextPage && (
        <Group>
          <Button variant="default" loading={deployments.isFetchingNextPage} onClick={() => void deployments.fetchNextPage()}>
            Load more
          </Button>
          <Text size="sm" c="dimmed">
            {rows.length} of {firstPage?.totalCount ?? rows.length} shown
          </Text>
        </Group>
      )}
      <Modal opened={registering} onClose={() => setRegistering(false)} title="Register deployment" size="xl">
        <DeploymentForm onDone={() => setRegistering(false)} />
      </Modal>
    </Stack>
  );
}

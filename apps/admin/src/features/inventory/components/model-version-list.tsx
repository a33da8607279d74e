import { ButtonLink } from '../../../components/router-links';
import { Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { QueryError } from '../../../components/query-error';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { hasActiveFilters, withoutFilters, type InventorySearch } from '../search';
import { ExportButtons } from './export-buttons';
import { FacetFilters } from './facet-filters';
import { ListToolbar } from './list-toolbar';
import { VersionTable } from './version-table';

function LoadingRows() {
  return (
    <Stack role="status" aria-busy="true" aria-label="Loading model versions" gap="xs">
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} height={40} />
      ))}
    </Stack>
  );
}

function NoMatches({ onClear, filtered }: { onClear: () => void; filtered: boolean }) {
  return (
    <Stack align="flex-start" py="xl">
      <Text fw={500}>No model versions match</Text>
      {filtered ? (
        <Button variant="default" onClick={onClear}>
          Clear filters
        </Button>
      ) : (
        <Text c="dimmed" size="sm">
          The inventory is empty. Register a model version or import a file.
        </Text>
      )}
    </Stack>
  );
}

function ListActions() {
  const { canRegister, canImport } = useInventoryPermissions();
  return (
    <Group gap="xs">
      {canRegister && <ButtonLink to="/inventory/versions/new">Register model version</ButtonLink>}
      {canImport && (
        <ButtonLink to="/inventory/import" variant="default">
          Import
        </ButtonLink>
      )}
      <ExportButtons />
    </Group>
  );
}

/**
 * The model versions of the inventory with their facets. `lockedSearch` pins filters a page owns
 * (the provider page pins its provider), so they are applied but not shown in the URL.
 */
export function ModelVersionList({
  search,
  onSearchChange,
  lockedSearch,
  showActions = true,
}: {
  search: InventorySearch;
  onSearchChange: (search: InventorySearch) => void;
  lockedSearch?: InventorySearch;
  showActions?: boolean;
}) {
  const effectiveSearch = { ...search, ...lockedSearch };
  const versions = useInfiniteQuery(inventoryQueries.versionList(effectiveSearch));
  const { fetchNextPage } = versions;
  const fetchMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const firstPage = versions.data?.pages[0]?.modelVersions;
  const rows = versions.data?.pages.flatMap((page) => page.modelVersions.edges.map((edge) => edge.node)) ?? [];
  const clear = () => onSearchChange(withoutFilters(search));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Model versions{' '}
          {firstPage && (
            <Text span c="dimmed" size="md" data-testid="total-count">
              {firstPage.totalCount} {firstPage.totalCount === 1 ? 'version' : 'versions'}
            </Text>
          )}
        </Title>
        {showActions && <ListActions />}
      </Group>
      <ListToolbar key={search.search ?? ''} search={search} onSearchChange={onSearchChange} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          {versions.isPending ? (
            <Skeleton height={300} />
          ) : (
            <FacetFilters facets={firstPage?.facets} search={search} onSearchChange={onSearchChange} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }} aria-busy={versions.isFetching && !versions.isFetchingNextPage}>
          {versions.isPending ? (
            <LoadingRows />
          ) : versions.isError ? (
            <QueryError
              title="Could not load the model versions"
              error={versions.error}
              onRetry={() => void versions.refetch()}
            />
          ) : rows.length === 0 ? (
            <NoMatches onClear={clear} filtered={hasActiveFilters(search)} />
          ) : (
            <VersionTable
              rows={rows}
              totalCount={firstPage?.totalCount ?? rows.length}
              hasNextPage={versions.hasNextPage}
              isFetchingNextPage={versions.isFetchingNextPage}
              onNeedMore={fetchMore}
            />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

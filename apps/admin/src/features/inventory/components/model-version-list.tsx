import { Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { DataTable } from '../../../components/data-table/data-table';
import { showNotice } from '../../../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { ButtonLink } from '../../../components/router-links';
import { t } from '../messages';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries, loadVersionRowsAfter, VERSION_CSV_ROW_LIMIT } from '../queries';
import { hasActiveFilters, versionSortParam, versionTableSort, withoutFilters, type InventorySearch } from '../search';
import { ExportButtons } from './export-buttons';
import { FacetFilters } from './facet-filters';
import { ListToolbar } from './list-toolbar';
import { versionColumns } from './version-table';

/**
 * False until the first rows have been painted: what waits for it (the facets: their counting on the server, then a
 * hundred checkboxes on a large inventory) starts in a task of its own, so the rows are on screen first.
 */
function usePaintedOnce(rowsShown: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!rowsShown || painted) return;
    let task: ReturnType<typeof setTimeout> | undefined;
    // The frame that paints the rows, then a task after it.
    const frame = requestAnimationFrame(() => (task = setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
    };
  }, [rowsShown, painted]);
  return painted;
}

/** The facets' column beside the table, on screens wide enough for both (Mantine's `lg`, 1200 px). */
const FACETS_WIDTH = 200;
const WIDE_SCREEN = '(min-width: 75em)';
/** What the list's seven columns need (their headers on one line); a narrower box scrolls the table sideways. */
const TABLE_MIN_WIDTH = 800;

function NoMatches({ onClear, filtered }: { onClear: () => void; filtered: boolean }) {
  return filtered ? (
    <EmptyState
      title={t('inventory.list.empty.title')}
      description={t('inventory.list.empty.filtered')}
      action={
        <Button variant="default" onClick={onClear}>
          {t('inventory.list.clearFilters')}
        </Button>
      }
    />
  ) : (
    <EmptyState title={t('inventory.list.empty.title')} description={t('inventory.list.empty.inventory')} />
  );
}

function ListActions() {
  const { canRegister, canImport } = useInventoryPermissions();
  return (
    <Group gap="xs">
      {canRegister && <ButtonLink to="/inventory/versions/new">{t('inventory.list.register')}</ButtonLink>}
      {canImport && (
        <ButtonLink to="/inventory/import" variant="default">
          {t('inventory.list.import')}
        </ButtonLink>
      )}
      <ExportButtons />
    </Group>
  );
}

/**
 * The model versions of the inventory with their facets. `lockedSearch` pins filters a page owns
 * (the provider page pins its provider), so they are applied but not shown in the URL.
 *
 * The server filters and sorts; the table asks for the next page as the reader nears the last loaded row, and
 * its CSV reads the rest of the view (up to `VERSION_CSV_ROW_LIMIT` rows).
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
  const wide = useMediaQuery(WIDE_SCREEN, true, { getInitialValueInEffect: false });
  const effectiveSearch = { ...search, ...lockedSearch };
  const versions = useInfiniteQuery(inventoryQueries.versionList(effectiveSearch));
  const { fetchNextPage } = versions;
  const fetchMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const pages = versions.data?.pages ?? [];
  const firstPage = pages[0]?.modelVersions;
  const lastPage = pages.at(-1)?.modelVersions;
  const rows = pages.flatMap((page) => page.modelVersions.edges.map((edge) => edge.node));
  const totalCount = firstPage?.totalCount;
  const clear = () => onSearchChange(withoutFilters(search));

  const loadAllRows = async () => {
    const after = lastPage?.pageInfo.hasNextPage ? lastPage.pageInfo.endCursor : null;
    const { rows: all, complete } = await loadVersionRowsAfter(effectiveSearch, rows, after);
    if (!complete) {
      showNotice(
        t('inventory.list.csvCapped.title'),
        t('inventory.list.csvCapped.body', { limit: VERSION_CSV_ROW_LIMIT, total: totalCount ?? all.length }),
        'orange',
      );
    }
    return all;
  };

  const busy = versions.isFetching && !versions.isFetchingNextPage;
  // Counting the facets of a large inventory takes the server longer than its first rows: they are asked for once the
  // rows are on screen, and then with every change of the filters.
  const rowsPainted = usePaintedOnce(!versions.isPending);
  const facetCounts = useQuery({ ...inventoryQueries.versionFacets(effectiveSearch), enabled: rowsPainted });
  const shownFacets = facetCounts.data;
  const facets = facetCounts.isError ? (
    <ErrorState title={t('inventory.facet.loadFailed')} error={facetCounts.error} onRetry={() => void facetCounts.refetch()} />
  ) : shownFacets === undefined ? (
    <LoadingState what={t('inventory.facet.label')} rows={8} height={24} />
  ) : (
    <FacetFilters facets={shownFacets} search={search} onSearchChange={onSearchChange} layout={wide ? 'column' : 'grid'} />
  );
  const table = (
    <DataTable
      id="model-versions"
      label={t('inventory.list.tableLabel')}
      columns={versionColumns()}
      rows={rows}
      rowKey={(row) => row.id}
      sort={versionTableSort(search)}
      onSortChange={(sort) => onSearchChange({ ...search, sort: versionSortParam(sort) })}
      sortedByServer
      filters={<ListToolbar key={search.search ?? ''} search={search} onSearchChange={onSearchChange} />}
      actions={
        totalCount !== undefined &&
        totalCount > VERSION_CSV_ROW_LIMIT && (
          <Text size="xs" c="dimmed">
            {t('inventory.list.csvLimit', { limit: VERSION_CSV_ROW_LIMIT })}
          </Text>
        )
      }
      isLoading={versions.isPending}
      error={versions.isError ? versions.error : null}
      errorTitle={t('inventory.list.loadFailed')}
      onRetry={() => void versions.refetch()}
      empty={<NoMatches onClear={clear} filtered={hasActiveFilters(search)} />}
      totalCount={totalCount}
      virtualized
      minWidth={TABLE_MIN_WIDTH}
      hasMore={versions.hasNextPage}
      isFetchingMore={versions.isFetchingNextPage}
      onNeedMore={fetchMore}
      loadAllRows={loadAllRows}
    />
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('inventory.list.title')}{' '}
          {totalCount !== undefined && (
            <Text span c="dimmed" size="md" data-testid="total-count">
              {t('inventory.list.count', { count: totalCount })}
            </Text>
          )}
        </Title>
        {showActions && <ListActions />}
      </Group>
      {wide ? (
        <Group align="flex-start" gap="lg" wrap="nowrap">
          <Box w={FACETS_WIDTH} style={{ flexShrink: 0 }}>
            {facets}
          </Box>
          <Box style={{ flex: 1, minWidth: 0 }} aria-busy={busy}>
            {table}
          </Box>
        </Group>
      ) : (
        <>
          {/* Narrower screens give the table the whole width; the filters fold away above it. */}
          <details open={hasActiveFilters(search)}>
            <summary>
              <Text span fw={500}>
                {t('inventory.facet.label')}
              </Text>
            </summary>
            <Box mt="sm">{facets}</Box>
          </details>
          <Box aria-busy={busy}>{table}</Box>
        </>
      )}
    </Stack>
  );
}

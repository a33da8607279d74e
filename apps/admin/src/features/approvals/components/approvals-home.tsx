import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { formatTableSort, parseTableSort, type TableSort } from '../../../components/data-table/table-view';
import { EmptyState } from '../../../components/page-states';
import { ButtonLink } from '../../../components/router-links';
import { t } from '../messages';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries, EXPIRING_WITHIN_DAYS } from '../queries';
import type { ApprovalTab, ApprovalsSearch } from '../search';
import { RequestTable } from './request-table';

const tabInfo: Record<ApprovalTab, { label: string; empty: string; description: string }> = {
  mine: {
    label: t('approvals.tab.mine'),
    description: t('approvals.tab.mine.description'),
    empty: t('approvals.tab.mine.empty'),
  },
  queue: {
    label: t('approvals.tab.queue'),
    description: t('approvals.tab.queue.description'),
    empty: t('approvals.tab.queue.empty'),
  },
  all: {
    label: t('approvals.tab.all'),
    description: t('approvals.tab.all.description'),
    empty: t('approvals.tab.all.empty'),
  },
  expiring: {
    label: t('approvals.tab.expiring'),
    description: t('approvals.tab.expiring.description', { days: EXPIRING_WITHIN_DAYS }),
    empty: t('approvals.tab.expiring.empty', { days: EXPIRING_WITHIN_DAYS }),
  },
};

/** Long lists render only the rows in view and load further pages as they scroll. */
const VIRTUALISED: readonly ApprovalTab[] = ['queue', 'all'];

function RequestList({
  tab,
  sort,
  onSortChange,
}: {
  tab: ApprovalTab;
  sort: TableSort | undefined;
  onSortChange: (sort: TableSort | undefined) => void;
}) {
  const permissions = useApprovalPermissions();
  const list = useInfiniteQuery(approvalQueries.list(tab));
  const rows = list.data?.pages.flatMap((page) => page.approvalRequests.edges.map((edge) => edge.node)) ?? [];
  const total = list.data?.pages[0]?.approvalRequests.totalCount ?? 0;
  const virtualised = VIRTUALISED.includes(tab);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;

  // A column sort orders the whole list, not the first pages: it brings in the rest first.
  const sortingAll = sort !== undefined && hasNextPage;
  useEffect(() => {
    if (sortingAll && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage({ cancelRefetch: false });
  }, [sortingAll, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  const loadAllRows = async () => {
    let result = await fetchNextPage({ cancelRefetch: false });
    while (result.hasNextPage && !result.isError) result = await result.fetchNextPage({ cancelRefetch: false });
    if (result.isError) throw result.error;
    return result.data?.pages.flatMap((page) => page.approvalRequests.edges.map((edge) => edge.node)) ?? [];
  };

  const info = tabInfo[tab];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {sort === undefined ? info.description : t('approvals.list.sortedWhole')}
        </Text>
        {list.isSuccess && (
          <Text size="sm" data-testid="request-count">
            {t('approvals.list.count', { count: total })}
          </Text>
        )}
      </Group>
      {sortingAll && (
        <Text size="xs" c="dimmed" role="status">
          {t('approvals.list.loadingToSort', { loaded: rows.length, count: total })}
        </Text>
      )}
      <RequestTable
        id={`approvals-${tab}`}
        label={info.label}
        rows={rows}
        viewerId={permissions.viewerId}
        defaultOrder={tab === 'queue' ? 'queue' : 'server'}
        validityFirst={tab === 'expiring'}
        sort={sort}
        onSortChange={onSortChange}
        isLoading={list.isPending}
        error={list.isError && !list.data ? list.error : null}
        onRetry={() => void list.refetch()}
        empty={
          <EmptyState
            title={info.empty}
            description={tab === 'mine' && permissions.canRequest ? t('approvals.tab.mine.emptyNext') : undefined}
            action={
              tab === 'mine' && permissions.canRequest ? (
                <ButtonLink to="/approvals/new" variant="light" size="xs">
                  {t('approvals.action.request')}
                </ButtonLink>
              ) : undefined
            }
          />
        }
        totalCount={total}
        virtualized={virtualised}
        hasMore={hasNextPage}
        isFetchingMore={isFetchingNextPage}
        onNeedMore={() => {
          if (!isFetchNextPageError) void fetchNextPage({ cancelRefetch: false });
        }}
        loadAllRows={loadAllRows}
      />
      {!virtualised && hasNextPage && !sortingAll && (
        <Group justify="center">
          <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage({ cancelRefetch: false })}>
            {t('approvals.list.loadMore')}
          </Button>
        </Group>
      )}
      {isFetchNextPageError && (
        <Group justify="center">
          <Text size="sm" c="red" role="alert">
            {t('approvals.list.moreFailed')}
          </Text>
          <Button size="xs" variant="light" onClick={() => void fetchNextPage({ cancelRefetch: false })}>
            {t('approvals.retry')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The approvals home: one tab per way people look for requests; the tab and the sort are in the URL. */
export function ApprovalsHome({
  search,
  onSearchChange,
}: {
  search: ApprovalsSearch;
  onSearchChange: (next: ApprovalsSearch) => void;
}) {
  const permissions = useApprovalPermissions();
  const tab = search.tab && permissions.tabs.includes(search.tab) ? search.tab : permissions.tabs[0]!;
  const sort = parseTableSort(search.sort);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('approvals.title')}
        </Title>
        {permissions.canRequest && <ButtonLink to="/approvals/new">{t('approvals.action.request')}</ButtonLink>}
      </Group>
      <Tabs value={tab} onChange={(next) => next && onSearchChange({ tab: next as ApprovalTab })} keepMounted={false}>
        <Tabs.List>
          {permissions.tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {tabInfo[key].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {permissions.tabs.map((key) => (
          <Tabs.Panel key={key} value={key} pt="md">
            <RequestList tab={key} sort={sort} onSortChange={(next) => onSearchChange({ tab, sort: formatTableSort(next) })} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

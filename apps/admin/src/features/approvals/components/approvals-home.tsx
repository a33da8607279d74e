import { Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { ButtonLink } from '../../../components/router-links';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries, EXPIRING_WITHIN_DAYS } from '../queries';
import type { ApprovalTab, ApprovalsSearch } from '../search';
import { RequestTable, sortForQueue } from './request-table';

const tabInfo: Record<ApprovalTab, { label: string; empty: string; description: string }> = {
  mine: {
    label: 'My requests',
    description: 'Requests you made, or made for your teams.',
    empty: 'You have not requested approval of a model version yet.',
  },
  queue: {
    label: 'Review queue',
    description: 'Open requests with a review assigned to you: overdue first, then by due date.',
    empty: 'No review is waiting for you.',
  },
  all: {
    label: 'All requests',
    description: 'Every request, most recently changed first.',
    empty: 'No approval request exists yet.',
  },
  expiring: {
    label: 'Expiring soon',
    description: `Granted approvals that end within ${EXPIRING_WITHIN_DAYS} days; re-reviews open 30 days ahead.`,
    empty: `No approval ends within ${EXPIRING_WITHIN_DAYS} days.`,
  },
};

function RequestList({ tab }: { tab: ApprovalTab }) {
  const permissions = useApprovalPermissions();
  const list = useInfiniteQuery(approvalQueries.list(tab));
  if (list.isPending) return <Skeleton height={240} role="status" aria-label="Loading requests" />;
  if (list.isError)
    return <QueryError title="Could not load the requests" error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.pages.flatMap((page) => page.approvalRequests.edges.map((edge) => edge.node));
  const total = list.data.pages[0]?.approvalRequests.totalCount ?? 0;
  const shown = tab === 'queue' ? sortForQueue(rows, permissions.viewerId) : rows;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {tabInfo[tab].description}
        </Text>
        <Text size="sm" data-testid="request-count">
          {total} {total === 1 ? 'request' : 'requests'}
        </Text>
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {tabInfo[tab].empty}
        </Text>
      ) : (
        <RequestTable rows={shown} viewerId={permissions.viewerId} label={tabInfo[tab].label} showValidity={tab === 'expiring'} />
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The approvals home: one tab per way people look for requests; the tab is in the URL. */
export function ApprovalsHome({
  search,
  onSearchChange,
}: {
  search: ApprovalsSearch;
  onSearchChange: (next: ApprovalsSearch) => void;
}) {
  const permissions = useApprovalPermissions();
  const tab = search.tab && permissions.tabs.includes(search.tab) ? search.tab : permissions.tabs[0]!;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Approvals
        </Title>
        {permissions.canRequest && <ButtonLink to="/approvals/new">Request approval</ButtonLink>}
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
            <RequestList tab={key} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

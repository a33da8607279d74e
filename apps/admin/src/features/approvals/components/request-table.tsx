import { Badge, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import type { TableSort } from '../../../components/data-table/table-view';
import { DateTime } from '../../../components/date-time';
import { AnchorLink } from '../../../components/router-links';
import type { ApprovalRequestRowFragment } from '../../../gql/graphql';
import { approvalStateLabels, dataClassificationLabels, environmentLabels, versionTitle } from '../../inventory/labels';
import { conditionsLine, explainState, explainTier } from '../explanations';
import { categoryLabel, daysBetween, listOf, riskTierLabels } from '../labels';
import { t } from '../messages';
import { nextDueReview, orderRequests, signedOffReviews } from '../request-order';
import { ApprovalStateBadge, RiskTierBadge, Why } from './approval-badges';
import { Separator } from './separator';

type Row = ApprovalRequestRowFragment;

export { sortForQueue } from '../request-order';

function DueCell({ row, viewerId, now }: { row: Row; viewerId: string | null; now: Date }) {
  const next = nextDueReview(row, viewerId);
  if (!next) return <Text size="sm">{t('approvals.none')}</Text>;
  const days = daysBetween(now, new Date(next.dueAt));
  const label = next.overdue
    ? t('approvals.due.overdueBy', { count: Math.max(1, -days) })
    : days <= 0
      ? t('approvals.due.today')
      : t('approvals.due.inDays', { count: days });
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={next.overdue ? 'red' : 'gray'} variant={next.overdue ? 'filled' : 'light'} tt="none">
        {label}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('approvals.due.whose', { review: categoryLabel(next.category), reviewer: next.reviewer.displayName })}
        <Separator />
        <DateTime value={next.dueAt} format="day" />
      </Text>
    </Stack>
  );
}

const scopeText = (row: Row) =>
  t('approvals.scope.summary', {
    environments: listOf(row.scope.environments.map((environment) => environmentLabels[environment])),
    classification: dataClassificationLabels[row.scope.maxDataClassification].toLowerCase(),
  });

const progressText = (row: Row) =>
  t('approvals.progress.summary', {
    signedOff: signedOffReviews(row),
    reviews: row.requirements.categories.length,
    given: row.requirements.approvalsGiven,
    approvers: row.requirements.approvers,
  });

function requestColumns(viewerId: string | null, now: Date, validityFirst: boolean, compact: boolean): DataColumn<Row>[] {
  return [
    {
      id: 'reference',
      header: t('approvals.column.request'),
      hideable: false,
      width: '8rem',
      value: (row) => row.reference,
      cell: (row) => (
        <Stack gap={0}>
          <AnchorLink to="/approvals/$requestId" params={{ requestId: row.id }} size="sm" fw={500}>
            {row.reference}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {t('approvals.row.cycleBy', {
              cycle: row.cycle,
              requester: row.requester?.displayName ?? t('approvals.requester.pipeline'),
            })}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'model',
      header: t('approvals.column.modelVersion'),
      value: (row) => versionTitle(row.modelVersion),
      cell: (row) => (
        <Stack gap={0}>
          <Text size="sm">{versionTitle(row.modelVersion)}</Text>
          <Text size="xs" c="dimmed">
            {row.modelVersion.provider.name}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'provider',
      header: t('approvals.column.provider'),
      defaultHidden: true,
      value: (row) => row.modelVersion.provider.name,
    },
    { id: 'team', header: t('approvals.column.team'), value: (row) => row.team?.name },
    {
      id: 'requester',
      header: t('approvals.column.requester'),
      defaultHidden: true,
      value: (row) => row.requester?.displayName ?? t('approvals.requester.pipeline'),
    },
    // Virtualised tables fit their width instead of scrolling sideways: there the scope is one click away.
    { id: 'scope', header: t('approvals.column.scope'), sortable: false, defaultHidden: compact, value: scopeText },
    {
      id: 'state',
      header: t('approvals.column.state'),
      width: '13rem',
      value: (row) => approvalStateLabels[row.state],
      cell: (row) => {
        const conditions = conditionsLine(row);
        return (
          <Stack gap={2} align="flex-start">
            <ApprovalStateBadge state={row.state} />
            <Why explanation={explainState(row)} lineClamp={3} />
            {conditions && <Why explanation={conditions} lineClamp={2} />}
          </Stack>
        );
      },
    },
    {
      id: 'tier',
      header: t('approvals.column.tier'),
      width: '11rem',
      value: (row) => (row.riskTier ? riskTierLabels[row.riskTier] : t('approvals.tier.unknown')),
      cell: (row) => (
        <Stack gap={2} align="flex-start">
          <RiskTierBadge tier={row.riskTier} />
          <Why explanation={explainTier(row)} lineClamp={2} />
        </Stack>
      ),
    },
    {
      id: 'progress',
      header: t('approvals.column.progress'),
      value: progressText,
      cell: (row) => (
        <Stack gap={0}>
          <Text size="xs">
            {t('approvals.progress.reviews', { signedOff: signedOffReviews(row), count: row.requirements.categories.length })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('approvals.progress.approvals', { given: row.requirements.approvalsGiven, count: row.requirements.approvers })}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'due',
      header: t('approvals.column.nextDue'),
      defaultHidden: validityFirst,
      value: (row) => nextDueReview(row, viewerId)?.dueAt,
      cell: (row) => <DueCell row={row} viewerId={viewerId} now={now} />,
    },
    {
      id: 'validUntil',
      header: t('approvals.column.validUntil'),
      defaultHidden: !validityFirst,
      value: (row) => row.validUntil,
      cell: (row) => <DateTime value={row.validUntil} format="day" fallback={t('approvals.none')} />,
    },
    {
      id: 'submitted',
      header: t('approvals.column.submitted'),
      value: (row) => row.submittedAt ?? row.createdAt,
      cell: (row) => (
        <Text size="sm">
          <DateTime value={row.submittedAt ?? row.createdAt} format="relative" />
        </Text>
      ),
    },
    {
      id: 'decided',
      header: t('approvals.column.decided'),
      defaultHidden: true,
      value: (row) => row.decidedAt,
      cell: (row) => <DateTime value={row.decidedAt} format="day" fallback={t('approvals.none')} />,
    },
    {
      id: 'updated',
      header: t('approvals.column.updated'),
      defaultHidden: true,
      value: (row) => row.updatedAt,
      cell: (row) => <DateTime value={row.updatedAt} format="dateTime" />,
    },
  ];
}

/**
 * Approval requests with their model, team, scope, state and tier (each with why), progress and what is due. The
 * rows come in the tab's own order, or sorted by the chosen column over the whole list.
 */
export function RequestTable({
  id,
  label,
  rows,
  viewerId,
  defaultOrder,
  validityFirst = false,
  sort,
  onSortChange,
  isLoading,
  error,
  onRetry,
  empty,
  totalCount,
  virtualized,
  hasMore,
  isFetchingMore,
  onNeedMore,
  loadAllRows,
}: {
  id: string;
  label: string;
  rows: readonly Row[];
  viewerId: string | null;
  defaultOrder: 'server' | 'queue';
  validityFirst?: boolean;
  sort: TableSort | undefined;
  onSortChange: (sort: TableSort | undefined) => void;
  isLoading?: boolean;
  error?: Error | null;
  onRetry?: () => void;
  empty: ReactNode;
  totalCount?: number;
  virtualized?: boolean;
  hasMore?: boolean;
  isFetchingMore?: boolean;
  onNeedMore?: () => void;
  /** Every row of the list, for the CSV, in any order. */
  loadAllRows?: () => Promise<readonly Row[]>;
}) {
  const now = new Date();
  const columns = requestColumns(viewerId, now, validityFirst, virtualized ?? false);
  const textOf = (columnId: string, row: Row) => columns.find((column) => column.id === columnId)?.value(row);
  const order = (list: readonly Row[]) => orderRequests(list, sort, { viewerId, defaultOrder, textOf });
  return (
    <DataTable
      id={id}
      label={label}
      columns={columns}
      rows={order(rows)}
      rowKey={(row) => row.id}
      sort={sort}
      onSortChange={onSortChange}
      // The order (work order, or a column over the whole list) is applied here, with keys the text cannot give.
      sortedByServer
      isLoading={isLoading}
      error={error}
      errorTitle={t('approvals.list.error')}
      onRetry={onRetry}
      empty={empty}
      totalCount={totalCount}
      virtualized={virtualized}
      hasMore={hasMore}
      isFetchingMore={isFetchingMore}
      onNeedMore={onNeedMore}
      loadAllRows={loadAllRows ? async () => order(await loadAllRows()) : undefined}
      minWidth={1100}
    />
  );
}

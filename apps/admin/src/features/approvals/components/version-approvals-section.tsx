import { Stack, Text, Title } from '@mantine/core';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { ModelVersionDetailQuery } from '../../../gql/graphql';
import { approvalStateLabels, dataClassificationLabels, environmentLabels, hostingModeLabels } from '../../inventory/labels';
import { listOf } from '../labels';
import { t } from '../messages';
import { ApprovalStateBadge } from './approval-badges';

type Cycle = ModelVersionDetailQuery['modelVersion']['approvalRequests'][number];

const scopeText = (cycle: Cycle) =>
  t('approvals.scope.full', {
    environments: listOf(cycle.scope.environments.map((environment) => environmentLabels[environment])),
    hostingModes: listOf(cycle.scope.hostingModes.map((mode) => hostingModeLabels[mode])),
    classification: dataClassificationLabels[cycle.scope.maxDataClassification].toLowerCase(),
  });

const conditionsText = (cycle: Cycle) => cycle.conditions.map((condition) => condition.description).join('; ');

const columns: DataColumn<Cycle>[] = [
  {
    id: 'reference',
    header: t('approvals.column.request'),
    hideable: false,
    value: (cycle) => cycle.reference,
    cell: (cycle) => (
      <Stack gap={0}>
        <AnchorLink to="/approvals/$requestId" params={{ requestId: cycle.id }} size="sm">
          {cycle.reference}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {t('approvals.row.cycle', { cycle: cycle.cycle })}
        </Text>
      </Stack>
    ),
  },
  { id: 'team', header: t('approvals.column.team'), value: (cycle) => cycle.team?.name },
  {
    id: 'state',
    header: t('approvals.column.state'),
    value: (cycle) => approvalStateLabels[cycle.state],
    cell: (cycle) => <ApprovalStateBadge state={cycle.state} />,
  },
  {
    id: 'scope',
    header: t('approvals.column.scope'),
    sortable: false,
    value: scopeText,
    cell: (cycle) => <Text size="xs">{scopeText(cycle)}</Text>,
  },
  {
    id: 'conditions',
    header: t('approvals.column.conditions'),
    value: conditionsText,
    cell: (cycle) => <Text size="xs">{conditionsText(cycle) || t('approvals.none')}</Text>,
  },
  {
    id: 'decided',
    header: t('approvals.column.decided'),
    value: (cycle) => cycle.decidedAt,
    cell: (cycle) => <DateTime value={cycle.decidedAt} format="day" fallback={t('approvals.none')} />,
  },
  {
    id: 'validUntil',
    header: t('approvals.column.validUntil'),
    value: (cycle) => cycle.validUntil,
    cell: (cycle) => <DateTime value={cycle.validUntil} format="day" fallback={t('approvals.none')} />,
  },
  { id: 'created', header: t('approvals.column.created'), defaultHidden: true, value: (cycle) => cycle.createdAt },
];

/** Every approval cycle of a model version, newest first, each with its scope, conditions (the why of a granted one), decision day and validity. */
export function VersionApprovalsSection({ cycles }: { cycles: readonly Cycle[] }) {
  return (
    <Stack component="section" aria-labelledby="approvals-heading">
      <Title order={2} size="h3" id="approvals-heading">
        {t('approvals.title')}
      </Title>
      {cycles.length === 0 ? (
        <EmptyState title={t('approvals.version.empty')} description={t('approvals.version.emptyNext')} />
      ) : (
        <DataTable
          id="version-approval-cycles"
          label={t('approvals.cycles.label')}
          columns={columns}
          rows={cycles}
          rowKey={(cycle) => cycle.id}
          empty={null}
          minWidth={800}
        />
      )}
    </Stack>
  );
}

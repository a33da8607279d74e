import { Button, Group, Menu, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import type { TableSort } from '../../../components/data-table/table-view';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { DeploymentRowFragment } from '../../../gql/graphql';
import { t } from '../deployments-messages';
import {
  dataClassificationLabels,
  deploymentStatusLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  registeredViaLabels,
  versionTitle,
} from '../labels';
import { useInventoryPermissions } from '../permissions';
import { DeploymentHistoryDialog, EditDeploymentDialog, RetireDeploymentDialog } from './deployment-dialogs';

type Deployment = DeploymentRowFragment;
type Dialog = { kind: 'edit' | 'retire' | 'history'; deployment: Deployment };

function registeredBy(deployment: Deployment): string {
  return t('deployments.table.registeredByValue', {
    person: deployment.registeredBy?.displayName ?? t('deployments.table.unknownPerson'),
    channel: registeredViaLabels[deployment.registeredVia] ?? deployment.registeredVia,
  });
}

const yesNo = (value: boolean) => (value ? t('deployments.yes') : t('deployments.no'));
const asDate = (value: string | null) => (value ? new Date(value) : null);

function RowActions({ deployment, onOpen }: { deployment: Deployment; onOpen: (kind: Dialog['kind']) => void }) {
  const { canChangeDeployment } = useInventoryPermissions();
  const changeable = deployment.status === 'ACTIVE' && canChangeDeployment(deployment.team.id);
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => onOpen('history')}
        aria-label={t('deployments.table.historyOf', { application: deployment.application })}
      >
        {t('deployments.table.history')}
      </Button>
      {changeable && (
        <Menu position="bottom-end" withinPortal returnFocus>
          <Menu.Target>
            <Button
              size="compact-xs"
              variant="default"
              aria-label={t('deployments.table.actionsFor', { application: deployment.application })}
            >
              {t('deployments.table.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onOpen('edit')}>{t('deployments.table.edit')}</Menu.Item>
            <Menu.Item color="red" onClick={() => onOpen('retire')}>
              {t('deployments.table.retire')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

/** The status, and for a retired deployment when it was retired (who did it is in its History). */
function StatusCell({ deployment }: { deployment: Deployment }) {
  return (
    <>
      <Text size="sm" fw={500} c={deployment.status === 'ACTIVE' ? 'teal' : 'dimmed'}>
        {deploymentStatusLabels[deployment.status]}
      </Text>
      {deployment.retiredAt && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          <DateTime value={deployment.retiredAt} format="day" />
        </Text>
      )}
    </>
  );
}

/** The declared EU AI Act category, with what the Act makes of it. */
function EuAiActCell({ deployment }: { deployment: Deployment }) {
  const category = deployment.euAiActCategory;
  return (
    <>
      <Text size="sm" c={category === 'PROHIBITED' ? 'red' : undefined} fw={category === 'PROHIBITED' ? 600 : undefined}>
        {euAiActCategoryLabels[category]}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`deployments.euAiAct.${category}`)}
      </Text>
    </>
  );
}

function columnsOf(showModelVersion: boolean, onOpen: (dialog: Dialog) => void): DataColumn<Deployment>[] {
  const modelVersion: DataColumn<Deployment>[] = showModelVersion
    ? [
        {
          id: 'modelVersion',
          header: t('deployments.table.modelVersion'),
          value: (deployment) => versionTitle(deployment.modelVersion),
          cell: (deployment) => (
            <>
              <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: deployment.modelVersion.id }} size="sm">
                {versionTitle(deployment.modelVersion)}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {deployment.modelVersion.provider.name}
              </Text>
            </>
          ),
        },
      ]
    : [];
  const provider: DataColumn<Deployment>[] = showModelVersion
    ? [
        {
          id: 'provider',
          header: t('deployments.table.provider'),
          value: (deployment) => deployment.modelVersion.provider.name,
          defaultHidden: true,
        },
      ]
    : [];
  return [
    ...modelVersion,
    {
      id: 'application',
      header: t('deployments.table.application'),
      value: (deployment) => deployment.application,
      hideable: false,
      cell: (deployment) => (
        <>
          <AnchorLink to="/inventory/deployments/$deploymentId" params={{ deploymentId: deployment.id }} size="sm">
            {deployment.application}
          </AnchorLink>
          <Text size="xs" c="dimmed" lineClamp={2} title={deployment.purpose}>
            {deployment.purpose}
          </Text>
        </>
      ),
    },
    { id: 'team', header: t('deployments.table.team'), value: (deployment) => deployment.team.name },
    {
      id: 'environment',
      header: t('deployments.table.environment'),
      value: (deployment) => environmentLabels[deployment.environment],
    },
    {
      id: 'hosting',
      header: t('deployments.table.hosting'),
      value: (deployment) => deployment.hostingTarget.name,
      cell: (deployment) => (
        <>
          {deployment.hostingTarget.name}
          <Text size="xs" c="dimmed">
            {hostingModeLabels[deployment.hostingTarget.mode]}
          </Text>
        </>
      ),
    },
    {
      id: 'dataClass',
      header: t('deployments.table.dataClass'),
      value: (deployment) => dataClassificationLabels[deployment.dataClassification],
    },
    {
      id: 'personalData',
      header: t('deployments.table.personalData'),
      value: (deployment) => yesNo(deployment.personalData),
    },
    {
      id: 'euAiAct',
      header: t('deployments.table.euAiAct'),
      value: (deployment) => euAiActCategoryLabels[deployment.euAiActCategory],
      cell: (deployment) => <EuAiActCell deployment={deployment} />,
    },
    {
      id: 'status',
      header: t('deployments.table.status'),
      value: (deployment) => deploymentStatusLabels[deployment.status],
      cell: (deployment) => <StatusCell deployment={deployment} />,
    },
    { id: 'registeredBy', header: t('deployments.table.registeredBy'), value: registeredBy },
    // Hidden at first: the facts the cells above show as their second line, as columns of their own for the CSV.
    ...provider,
    {
      id: 'purpose',
      header: t('deployments.table.purpose'),
      value: (deployment) => deployment.purpose,
      defaultHidden: true,
    },
    {
      id: 'hostingMode',
      header: t('deployments.table.hostingMode'),
      value: (deployment) => hostingModeLabels[deployment.hostingTarget.mode],
      defaultHidden: true,
    },
    {
      id: 'retiredOn',
      header: t('deployments.table.retiredOn'),
      value: (deployment) => asDate(deployment.retiredAt),
      cell: (deployment) => <DateTime value={deployment.retiredAt} format="day" />,
      defaultHidden: true,
    },
    {
      id: 'actions',
      header: t('deployments.table.actions'),
      value: () => null,
      exported: false,
      sortable: false,
      hideable: false,
      cell: (deployment) => <RowActions deployment={deployment} onOpen={(kind) => onOpen({ kind, deployment })} />,
    },
  ];
}

/** What the Deployments page adds to the table: its filters, its state and paging, its own sort. */
type ListProps = {
  filters?: ReactNode;
  actions?: ReactNode;
  isLoading?: boolean;
  error?: Error | null;
  onRetry?: () => void;
  empty?: ReactNode;
  totalCount?: number;
  hasMore?: boolean;
  loadAllRows?: () => Promise<readonly Deployment[]>;
  sort?: TableSort;
  onSortChange?: (sort: TableSort | undefined) => void;
};

/**
 * Where model versions run, for whom, with what data; `showModelVersion` adds the version column where the
 * table is not on a version's own page. Who may change a deployment gets its Edit and Retire actions.
 */
export function DeploymentsTable({
  deployments,
  showModelVersion = false,
  empty,
  ...list
}: {
  deployments: readonly Deployment[];
  showModelVersion?: boolean;
} & ListProps) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The open dialog follows the row as it is now (a reload after a conflict shows the current record), and
  // stays open on the row as it was when a change takes it out of the table.
  const selected = dialog && (deployments.find((deployment) => deployment.id === dialog.deployment.id) ?? dialog.deployment);
  const close = () => setDialog(null);
  return (
    <>
      <DataTable
        id="deployments"
        label={t('deployments.table.label')}
        columns={columnsOf(showModelVersion, setDialog)}
        rows={deployments}
        rowKey={(deployment) => deployment.id}
        minWidth={showModelVersion ? 1350 : 1200}
        errorTitle={t('deployments.list.error')}
        empty={empty ?? <EmptyState title={t('deployments.table.empty')} description={t('deployments.table.emptyDescription')} />}
        {...list}
      />
      {selected && dialog?.kind === 'edit' && <EditDeploymentDialog deployment={selected} onClose={close} />}
      {selected && dialog?.kind === 'retire' && <RetireDeploymentDialog deployment={selected} onClose={close} />}
      {selected && dialog?.kind === 'history' && <DeploymentHistoryDialog deployment={selected} onClose={close} />}
    </>
  );
}

import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { t } from '../deployments-messages';
import {
  dataClassificationLabels,
  deploymentStatusLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  versionTitle,
} from '../labels';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { EditDeploymentDialog, HistorySummary, RetireDeploymentDialog } from './deployment-dialogs';
import { HistorySection } from './history-section';
import { FactsTable, type Fact } from '../../../components/facts-table';

type OpenDialog = 'edit' | 'retire' | null;

/**
 * One deployment: where a model version runs, for whom and with what data, who registered and changed it, and its
 * Edit and Retire actions for those who may change it. The facts are one record, so a plain two-column table.
 */
export function DeploymentDetail({ deploymentId }: { deploymentId: string }) {
  const deployment = useQuery(inventoryQueries.deploymentDetail(deploymentId));
  const { canChangeDeployment } = useInventoryPermissions();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  if (deployment.isPending) return <LoadingState what={t('deployments.detail.loading')} rows={10} />;
  if (deployment.isError) {
    return (
      <ErrorState title={t('deployments.detail.error')} error={deployment.error} onRetry={() => void deployment.refetch()} />
    );
  }
  const facts = deployment.data;
  const changeable = facts.status === 'ACTIVE' && canChangeDeployment(facts.team.id);
  const rows: Fact[] = [
    [
      t('deployments.table.modelVersion'),
      <AnchorLink key="version" to="/inventory/versions/$versionId" params={{ versionId: facts.modelVersion.id }}>
        {versionTitle(facts.modelVersion)}
      </AnchorLink>,
    ],
    [
      t('deployments.table.provider'),
      <AnchorLink key="provider" to="/inventory/providers/$providerId" params={{ providerId: facts.modelVersion.provider.id }}>
        {facts.modelVersion.provider.name}
      </AnchorLink>,
    ],
    [t('deployments.table.purpose'), facts.purpose],
    [t('deployments.table.team'), facts.team.name],
    [t('deployments.table.environment'), environmentLabels[facts.environment]],
    [
      t('deployments.table.hosting'),
      t('deployments.detail.hostingValue', {
        name: facts.hostingTarget.name,
        mode: hostingModeLabels[facts.hostingTarget.mode],
      }),
    ],
    [t('deployments.table.dataClass'), dataClassificationLabels[facts.dataClassification]],
    [t('deployments.table.personalData'), facts.personalData ? t('deployments.yes') : t('deployments.no')],
    [
      t('deployments.table.euAiAct'),
      <Stack key="euAiAct" gap={0}>
        <Text size="sm" fw={facts.euAiActCategory === 'PROHIBITED' ? 600 : undefined}>
          {euAiActCategoryLabels[facts.euAiActCategory]}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`deployments.euAiAct.${facts.euAiActCategory}`)}
        </Text>
      </Stack>,
    ],
    [t('deployments.table.status'), <HistorySummary key="status" deployment={facts} />],
  ];
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/inventory/deployments" size="sm">
          {t('deployments.detail.back')}
        </AnchorLink>
        <Group justify="space-between" align="flex-start">
          <Title order={2}>
            {facts.application}{' '}
            <Badge color={facts.status === 'ACTIVE' ? 'teal' : 'gray'} variant="light" tt="none">
              {deploymentStatusLabels[facts.status]}
            </Badge>
          </Title>
          {changeable && (
            <Group gap="xs">
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('deployments.table.edit')}
              </Button>
              <Button variant="light" color="red" onClick={() => setDialog('retire')}>
                {t('deployments.table.retire')}
              </Button>
            </Group>
          )}
        </Group>
        <FactsTable label={t('deployments.detail.facts')} facts={rows} />
      </Stack>
      <HistorySection history={facts.history} />
      {dialog === 'edit' && <EditDeploymentDialog deployment={facts} onClose={() => setDialog(null)} />}
      {dialog === 'retire' && <RetireDeploymentDialog deployment={facts} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

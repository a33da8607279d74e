import { AnchorLink, ButtonLink } from '../../../components/router-links';
import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { versionTitle } from '../labels';
import { t } from '../messages';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { VersionApprovalsSection } from '../../approvals/components/version-approvals-section';
import { AttachWeightsDialog } from './attach-weights-dialog';
import { DeploymentForm } from './deployment-form';
import { DeploymentsTable } from './deployments-table';
import { HistorySection } from './history-section';
import { LicenseSection } from './license-section';
import { LineageSection, ObligationsSection } from './lineage-section';
import { ModelWeightsSection } from './model-weights-section';
import { RetireVersionDialog } from './retire-version-dialog';
import { VersionBadges, VersionFacts, type VersionDetail } from './version-facts';

function VersionActions({
  version,
  onRegisterDeployment,
  onRetire,
}: {
  version: VersionDetail;
  onRegisterDeployment: () => void;
  onRetire: () => void;
}) {
  const permissions = useInventoryPermissions();
  if (version.retiredAt) return null;
  return (
    <Group gap="xs">
      {permissions.canDeploy && <Button onClick={onRegisterDeployment}>{t('inventory.detail.registerDeployment')}</Button>}
      {permissions.canRegister && (
        <ButtonLink to="/approvals/new" search={{ modelVersionId: version.id }} variant="default">
          {t('inventory.detail.requestApproval')}
        </ButtonLink>
      )}
      {permissions.canRegister && (
        <ButtonLink to="/inventory/versions/$versionId/edit" params={{ versionId: version.id }} variant="default">
          {t('inventory.detail.edit')}
        </ButtonLink>
      )}
      {permissions.canRetire && (
        <Button variant="outline" color="red" onClick={onRetire}>
          {t('inventory.detail.retire')}
        </Button>
      )}
    </Group>
  );
}

function DeploymentsSection({ version }: { version: VersionDetail }) {
  return (
    <Stack component="section" aria-labelledby="deployments-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="deployments-heading">
          {t('inventory.detail.deployments')}{' '}
          <Text span c="dimmed" size="md">
            {t('inventory.detail.deploymentsActive', { count: version.deploymentCount })}
          </Text>
        </Title>
        {version.deployments.length > 0 && (
          <AnchorLink to="/inventory/deployments" search={{ modelVersionIds: [version.id] }} size="sm">
            {t('inventory.detail.findDeployments')}
          </AnchorLink>
        )}
      </Group>
      <DeploymentsTable deployments={version.deployments} />
    </Stack>
  );
}

/** Everything known about one model version: facts, license, lineage, obligations and where it runs. */
export function ModelVersionDetailView({ versionId }: { versionId: string }) {
  const detail = useQuery(inventoryQueries.versionDetail(versionId));
  const [dialog, setDialog] = useState<'deploy' | 'retire' | 'weights' | null>(null);

  if (detail.isPending) return <LoadingState what={t('inventory.detail.loadingWhat')} rows={8} height={44} />;
  if (detail.isError) {
    return <ErrorState title={t('inventory.detail.loadFailed')} error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const version = detail.data;
  const title = versionTitle(version);
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/inventory" size="sm">
          {t('inventory.detail.back')}
        </AnchorLink>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2}>{title}</Title>
            <Text c="dimmed">
              {t('inventory.detail.by')}{' '}
              <AnchorLink to="/inventory/providers/$providerId" params={{ providerId: version.provider.id }}>
                {version.provider.name}
              </AnchorLink>
            </Text>
            <VersionBadges version={version} />
          </Stack>
          <VersionActions
            version={version}
            onRegisterDeployment={() => setDialog('deploy')}
            onRetire={() => setDialog('retire')}
          />
        </Group>
      </Stack>
      <VersionFacts version={version} />
      <ModelWeightsSection version={version} onAttach={() => setDialog('weights')} />
      <LicenseSection version={version} />
      <LineageSection version={version} />
      <ObligationsSection obligations={version.obligations} />
      <DeploymentsSection version={version} />
      <VersionApprovalsSection cycles={version.approvalRequests} />
      <HistorySection history={version.history} />
      <Modal
        opened={dialog === 'deploy'}
        onClose={() => setDialog(null)}
        title={t('inventory.detail.registerDeployment')}
        size="xl"
      >
        <DeploymentForm initialVersion={{ value: version.id, label: title }} onDone={() => setDialog(null)} />
      </Modal>
      {dialog === 'retire' && (
        <RetireVersionDialog version={version} onClose={() => setDialog(null)} onReload={() => void detail.refetch()} />
      )}
      {dialog === 'weights' && (
        <AttachWeightsDialog version={version} onClose={() => setDialog(null)} onReload={() => void detail.refetch()} />
      )}
    </Stack>
  );
}

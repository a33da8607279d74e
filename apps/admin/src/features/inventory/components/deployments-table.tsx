import { Button, Group, Menu, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { AnchorLink } from '../../../components/router-links';
import type { DeploymentRowFragment } from '../../../gql/graphql';
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
  const via = registeredViaLabels[deployment.registeredVia] ?? deployment.registeredVia;
  return `${deployment.registeredBy?.displayName ?? 'Unknown'} via ${via}`;
}

function RowActions({ deployment, onOpen }: { deployment: Deployment; onOpen: (kind: Dialog['kind']) => void }) {
  const { canChangeDeployment } = useInventoryPermissions();
  const changeable = deployment.status === 'ACTIVE' && canChangeDeployment(deployment.team.id);
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => onOpen('history')}
        aria-label={`History of ${deployment.application}`}
      >
        History
      </Button>
      {changeable && (
        <Menu position="bottom-end" withinPortal returnFocus>
          <Menu.Target>
            <Button size="compact-xs" variant="default" aria-label={`Actions for ${deployment.application}`}>
              Actions
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onOpen('edit')}>Edit</Menu.Item>
            <Menu.Item color="red" onClick={() => onOpen('retire')}>
              Retire
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

/**
 * Where model versions run, for whom, with what data; `showModelVersion` adds the version column where the
 * table is not on a version's own page. Who may change a deployment gets its Edit and Retire actions.
 */
export function DeploymentsTable({
  deployments,
  showModelVersion = false,
}: {
  deployments: readonly Deployment[];
  showModelVersion?: boolean;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The open dialog follows the row as it is now (a reload after a conflict shows the current record), and
  // stays open on the row as it was when a change takes it out of the table.
  const selected = dialog && (deployments.find((deployment) => deployment.id === dialog.deployment.id) ?? dialog.deployment);
  const close = () => setDialog(null);
  return (
    <>
      {deployments.length === 0 ? (
        <Text size="sm">No deployment registered yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={showModelVersion ? 1250 : 1100}>
          <Table striped data-testid="deployments" aria-label="Deployments">
            <Table.Thead>
              <Table.Tr>
                {showModelVersion && <Table.Th>Model version</Table.Th>}
                <Table.Th>Application and purpose</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Hosting</Table.Th>
                <Table.Th>Data class</Table.Th>
                <Table.Th>Personal data</Table.Th>
                <Table.Th>EU AI Act</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Registered by</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deployments.map((deployment) => (
                <Table.Tr key={deployment.id}>
                  {showModelVersion && (
                    <Table.Td>
                      <AnchorLink
                        to="/inventory/versions/$versionId"
                        params={{ versionId: deployment.modelVersion.id }}
                        size="sm"
                      >
                        {versionTitle(deployment.modelVersion)}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {deployment.modelVersion.provider.name}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td maw={280}>
                    {deployment.application}
                    <Text size="xs" c="dimmed" lineClamp={2} title={deployment.purpose}>
                      {deployment.purpose}
                    </Text>
                  </Table.Td>
                  <Table.Td>{deployment.team.name}</Table.Td>
                  <Table.Td>{environmentLabels[deployment.environment]}</Table.Td>
                  <Table.Td>
                    {deployment.hostingTarget.name}
                    <Text size="xs" c="dimmed">
                      {hostingModeLabels[deployment.hostingTarget.mode]}
                    </Text>
                  </Table.Td>
                  <Table.Td>{dataClassificationLabels[deployment.dataClassification]}</Table.Td>
                  <Table.Td>{deployment.personalData ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>{euAiActCategoryLabels[deployment.euAiActCategory]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} c={deployment.status === 'ACTIVE' ? 'teal' : 'dimmed'}>
                      {deploymentStatusLabels[deployment.status]}
                    </Text>
                    {deployment.retiredAt && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {deployment.retiredAt.slice(0, 10)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{registeredBy(deployment)}</Table.Td>
                  <Table.Td>
                    <RowActions deployment={deployment} onOpen={(kind) => setDialog({ kind, deployment })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected && dialog?.kind === 'edit' && <EditDeploymentDialog deployment={selected} onClose={close} />}
      {selected && dialog?.kind === 'retire' && <RetireDeploymentDialog deployment={selected} onClose={close} />}
      {selected && dialog?.kind === 'history' && <DeploymentHistoryDialog deployment={selected} onClose={close} />}
    </>
  );
}

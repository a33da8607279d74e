import { Table, Text } from '@mantine/core';
import {
  dataClassificationLabels,
  deploymentStatusLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
} from '../labels';
import type { VersionDetail } from './version-facts';

type Deployment = VersionDetail['deployments'][number];

const viaLabels: Record<string, string> = { ADMIN_APP: 'admin app', API: 'API', CLI: 'CLI', IMPORT: 'import', SYSTEM: 'system' };

function registeredBy(deployment: Deployment): string {
  const via = viaLabels[deployment.registeredVia] ?? deployment.registeredVia;
  return `${deployment.registeredBy?.displayName ?? 'Unknown'} via ${via}`;
}

/** Where this version runs, for whom, with what data. */
export function DeploymentsTable({ deployments }: { deployments: readonly Deployment[] }) {
  if (deployments.length === 0) return <Text size="sm">No deployment registered yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped data-testid="deployments" aria-label="Deployments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Application</Table.Th>
            <Table.Th>Team</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th>Hosting</Table.Th>
            <Table.Th>Data class</Table.Th>
            <Table.Th>Personal data</Table.Th>
            <Table.Th>EU AI Act</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Registered by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deployments.map((deployment) => (
            <Table.Tr key={deployment.id}>
              <Table.Td>{deployment.application}</Table.Td>
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
              </Table.Td>
              <Table.Td>{registeredBy(deployment)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Stack, Table, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import type { ModelVersionDetailQuery } from '../../../gql/graphql';
import { dataClassificationLabels, environmentLabels, hostingModeLabels } from '../../inventory/labels';
import { day } from '../labels';
import { ApprovalStateBadge } from './approval-badges';

type Cycle = ModelVersionDetailQuery['modelVersion']['approvalRequests'][number];

/** Every approval cycle of a model version, newest first, each with its scope, conditions and validity. */
export function VersionApprovalsSection({ cycles }: { cycles: readonly Cycle[] }) {
  return (
    <Stack component="section" aria-labelledby="approvals-heading">
      <Title order={2} size="h3" id="approvals-heading">
        Approvals
      </Title>
      {cycles.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has asked to use this version yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="Approval cycles" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Request</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Conditions</Table.Th>
                <Table.Th>Decided</Table.Th>
                <Table.Th>Valid until</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycles.map((cycle) => (
                <Table.Tr key={cycle.id}>
                  <Table.Td>
                    <AnchorLink to="/approvals/$requestId" params={{ requestId: cycle.id }} size="sm">
                      {cycle.reference}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      cycle {cycle.cycle}
                    </Text>
                  </Table.Td>
                  <Table.Td>{cycle.team?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <ApprovalStateBadge state={cycle.state} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {cycle.scope.environments.map((env) => environmentLabels[env]).join(', ')};{' '}
                      {cycle.scope.hostingModes.map((mode) => hostingModeLabels[mode]).join(', ')}; up to{' '}
                      {dataClassificationLabels[cycle.scope.maxDataClassification].toLowerCase()}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{cycle.conditions.map((condition) => condition.description).join('; ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>{day(cycle.decidedAt)}</Table.Td>
                  <Table.Td>{day(cycle.validUntil)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

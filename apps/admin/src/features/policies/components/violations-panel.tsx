import { Badge, Button, Group, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import { AnchorLink } from '../../../components/router-links';
import { FormError } from '../../inventory/components/form-parts';
import { dataClassificationLabels, environmentLabels, versionTitle } from '../../inventory/labels';
import { useRunDriftSweep } from '../hooks';
import { violationKindLabels } from '../labels';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';

/** Deployments the policy or their approvals do not allow: open ones first, each with why and since when. */
export function ViolationsPanel() {
  const permissions = usePolicyPermissions();
  const [openOnly, setOpenOnly] = useState(true);
  const violations = useQuery(policyQueries.violations(openOnly));
  const sweep = useRunDriftSweep();
  return (
    <Stack>
      <Group justify="space-between">
        <Switch label="Open violations only" checked={openOnly} onChange={(event) => setOpenOnly(event.currentTarget.checked)} />
        {permissions.canManage && (
          <Button
            variant="default"
            loading={sweep.isPending}
            onClick={() =>
              sweep.mutate(undefined, {
                onSuccess: ({ runDriftSweep: result }) =>
                  showNotice(
                    'Drift sweep done',
                    `${result.checked} deployments checked: ${result.opened} new, ${result.resolved} resolved, ${result.updated} updated.`,
                  ),
              })
            }
          >
            Check all deployments now
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Every active deployment is decided again every few minutes and after every change that can move a decision. A violation is
        resolved by an approval, an exception or retiring the deployment.
      </Text>
      <FormError error={sweep.error} title="The sweep failed" />
      {violations.isPending ? (
        <Skeleton height={200} role="status" aria-label="Loading violations" />
      ) : violations.isError ? (
        <QueryError title="Could not load the violations" error={violations.error} onRetry={() => void violations.refetch()} />
      ) : violations.data.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {openOnly ? 'No open violations: every active deployment is allowed.' : 'No violations recorded.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Violations" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Deployment</Table.Th>
                <Table.Th>Model version</Table.Th>
                <Table.Th>Use</Table.Th>
                <Table.Th>Violation</Table.Th>
                <Table.Th>Detected</Table.Th>
                <Table.Th>Resolved</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {violations.data.map((violation) => (
                <Table.Tr key={violation.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {violation.deployment.application}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {violation.deployment.team.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/inventory/versions/$versionId"
                      params={{ versionId: violation.deployment.modelVersion.id }}
                      size="sm"
                    >
                      {versionTitle(violation.deployment.modelVersion)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {environmentLabels[violation.deployment.environment]} on {violation.deployment.hostingTarget.name},{' '}
                      {dataClassificationLabels[violation.deployment.dataClassification].toLowerCase()} data
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={violation.kind === 'DENIED' ? 'red' : 'orange'} variant="light" tt="none">
                      {violationKindLabels[violation.kind] ?? violation.kind}
                    </Badge>
                    <Text size="xs" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                      {violation.message}
                    </Text>
                    <Text size="xs" c="dimmed">
                      under policy version {violation.policyVersion}
                    </Text>
                  </Table.Td>
                  <Table.Td>{violation.detectedAt.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    {violation.resolvedAt ? `${violation.resolvedAt.slice(0, 10)}: ${violation.resolution ?? ''}` : 'Open'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

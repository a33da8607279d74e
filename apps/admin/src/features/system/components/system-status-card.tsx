import { Badge, Card, Group, List, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { formatDuration } from '../format';
import { systemQueries } from '../queries';

function StatusBadge({ ok, okLabel, badLabel }: { ok: boolean; okLabel: string; badLabel: string }) {
  // The words carry the meaning; colour only repeats it.
  return (
    <Badge color={ok ? 'teal' : 'red'} variant="light">
      {ok ? okLabel : badLabel}
    </Badge>
  );
}

export function SystemStatusCard() {
  const status = useQuery(systemQueries.status());

  if (status.isPending) {
    return (
      <Card withBorder padding="lg" role="status" aria-busy="true" aria-label="Loading system status">
        <Stack>
          <Skeleton height={20} width="40%" />
          <Skeleton height={14} />
          <Skeleton height={14} />
          <Skeleton height={14} width="70%" />
        </Stack>
      </Card>
    );
  }

  if (status.isError) {
    return <QueryError title="System status is unavailable" error={status.error} onRetry={() => void status.refetch()} />;
  }

  const { systemStatus } = status.data;
  const { database } = systemStatus;
  return (
    <Card withBorder padding="lg" data-testid="system-status">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h3">
          System status
        </Title>
        <StatusBadge ok={database.reachable && (database.migrations?.upToDate ?? false)} okLabel="Ready" badLabel="Not ready" />
      </Group>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>Organization</Table.Th>
            <Table.Td data-testid="organization-name">{systemStatus.organizationName ?? 'Not set'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Server version</Table.Th>
            <Table.Td data-testid="server-version">{systemStatus.version}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Environment</Table.Th>
            <Table.Td>{systemStatus.environment}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Up for</Table.Th>
            <Table.Td>{formatDuration(systemStatus.uptimeSeconds)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Database</Table.Th>
            <Table.Td data-testid="database-status">
              <Group gap="xs">
                <StatusBadge ok={database.reachable} okLabel="Reachable" badLabel="Unreachable" />
                {database.serverVersion && <Text size="sm">PostgreSQL {database.serverVersion}</Text>}
                {database.embedded && <Badge variant="outline">embedded</Badge>}
              </Group>
            </Table.Td>
          </Table.Tr>
          {database.migrations && (
            <Table.Tr>
              <Table.Th>Migrations</Table.Th>
              <Table.Td data-testid="migration-status">
                <Group gap="xs">
                  <StatusBadge ok={database.migrations.upToDate} okLabel="Up to date" badLabel="Pending" />
                  <Text size="sm">
                    {database.migrations.appliedCount} applied
                    {database.migrations.latestApplied ? `, latest ${database.migrations.latestApplied}` : ''}
                  </Text>
                </Group>
                {database.migrations.pending.length > 0 && (
                  <List size="sm" mt="xs">
                    {database.migrations.pending.map((name) => (
                      <List.Item key={name}>{name}</List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

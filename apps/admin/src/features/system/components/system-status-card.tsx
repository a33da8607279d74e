import { Badge, Card, Group, List, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../../components/date-time';
import { ErrorState, LoadingState } from '../../../components/page-states';
import type { SystemStatusQuery } from '../../../gql/graphql';
import { formatDuration } from '../format';
import { t } from '../messages';
import { systemQueries } from '../queries';
import { RichMessage } from '../rich-message';

type Database = SystemStatusQuery['systemStatus']['database'];

function StatusBadge({ ok, okLabel, badLabel, why }: { ok: boolean; okLabel: string; badLabel: string; why?: string }) {
  // The words carry the meaning; colour only repeats it.
  const badge = (
    <Badge color={ok ? 'teal' : 'red'} variant="light" tabIndex={why ? 0 : undefined}>
      {ok ? okLabel : badLabel}
    </Badge>
  );
  return why ? (
    <Tooltip label={why} multiline w={280} withinPortal>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** Why the server is (not) ready, in words: the badge alone would not say what to fix. */
function readiness(database: Database): { ready: boolean; why: string } {
  if (!database.reachable) return { ready: false, why: t('system.status.notReadyUnreachable') };
  if (!database.migrations?.upToDate) return { ready: false, why: t('system.status.notReadyMigrations') };
  return { ready: true, why: t('system.status.readyWhy') };
}

function migrationsText(migrations: NonNullable<Database['migrations']>): string {
  return migrations.latestApplied
    ? t('system.status.appliedLatest', { count: migrations.appliedCount, latest: migrations.latestApplied })
    : t('system.status.applied', { count: migrations.appliedCount });
}

export function SystemStatusCard() {
  const status = useQuery(systemQueries.status());

  if (status.isPending) {
    return (
      <Card withBorder padding="lg">
        <LoadingState what={t('system.status.loading')} rows={5} height={16} />
      </Card>
    );
  }

  if (status.isError) {
    return <ErrorState title={t('system.status.error')} error={status.error} onRetry={() => void status.refetch()} />;
  }

  const { systemStatus } = status.data;
  const { database } = systemStatus;
  const { ready, why } = readiness(database);
  return (
    <Card withBorder padding="lg" data-testid="system-status">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h3">
          {t('system.status.title')}
        </Title>
        <StatusBadge ok={ready} okLabel={t('system.status.ready')} badLabel={t('system.status.notReady')} why={why} />
      </Group>
      {!ready && (
        <Text size="sm" c="red.8" mb="sm">
          {why}
        </Text>
      )}
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>{t('system.status.organization')}</Table.Th>
            <Table.Td data-testid="organization-name">
              {systemStatus.organizationName ?? t('system.status.organizationNotSet')}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.status.version')}</Table.Th>
            <Table.Td data-testid="server-version">{systemStatus.version}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.status.environment')}</Table.Th>
            <Table.Td>{systemStatus.environment}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.status.upFor')}</Table.Th>
            <Table.Td>
              {formatDuration(systemStatus.uptimeSeconds)}{' '}
              <Text span size="sm" c="dimmed">
                <RichMessage text={t('system.status.startedAt')} values={{ when: <DateTime value={systemStatus.startedAt} /> }} />
              </Text>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.status.database')}</Table.Th>
            <Table.Td data-testid="database-status">
              <Group gap="xs">
                <StatusBadge
                  ok={database.reachable}
                  okLabel={t('system.status.reachable')}
                  badLabel={t('system.status.unreachable')}
                />
                {database.serverVersion && (
                  <Text size="sm">{t('system.status.postgres', { version: database.serverVersion })}</Text>
                )}
                {database.embedded && <Badge variant="outline">{t('system.status.embedded')}</Badge>}
              </Group>
            </Table.Td>
          </Table.Tr>
          {database.migrations && (
            <Table.Tr>
              <Table.Th>{t('system.status.migrations')}</Table.Th>
              <Table.Td data-testid="migration-status">
                <Group gap="xs">
                  <StatusBadge
                    ok={database.migrations.upToDate}
                    okLabel={t('system.status.upToDate')}
                    badLabel={t('system.status.pending')}
                  />
                  <Text size="sm">{migrationsText(database.migrations)}</Text>
                </Group>
                {database.migrations.pending.length > 0 && (
                  <List size="sm" mt="xs">
                    {database.migrations.pending.map((name) => (
                      <List.Item key={name}>{name}</List.Item>
                    ))}
                  </List>
                )}
                {database.migrations.failed.length > 0 && (
                  <Text size="sm" c="red.8" mt="xs">
                    {t('system.status.failed', { names: database.migrations.failed.join(', ') })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

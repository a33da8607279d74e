import { Badge, Button, Code, Group, Paper, Progress, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { REPORT_TYPE_INFO } from '@modelgate/domain/reports';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { formatBytes } from '../../approvals/labels';
import { downloadBundle, reportQueries, type ReportExportView } from '../queries';

const STATUS_LABELS: Record<ReportExportView['status'], { label: string; color: string }> = {
  QUEUED: { label: 'Queued', color: 'gray' },
  RUNNING: { label: 'Running', color: 'blue' },
  READY: { label: 'Ready', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

const when = (iso: string) => new Date(iso).toLocaleString();

function Status({ view }: { view: ReportExportView }) {
  const { label, color } = STATUS_LABELS[view.status];
  const unfinished = view.status === 'QUEUED' || view.status === 'RUNNING';
  return (
    <Stack gap={4}>
      <Badge color={color} variant="light">
        {label}
      </Badge>
      {unfinished && (
        <>
          <Progress value={view.progress * 100} size="sm" aria-label={`Export progress of ${view.fileName ?? view.id}`} />
          <Text size="xs" c="dimmed">
            {view.rowsWritten.toLocaleString()} of {view.rowsTotal?.toLocaleString() ?? '…'} rows
          </Text>
        </>
      )}
      {view.error && (
        <Text size="xs" c="red.8" role="alert">
          {view.error}
        </Text>
      )}
    </Stack>
  );
}

/** The viewer's exports, newest first; unfinished ones update themselves until ready. */
export function ReportExportsTable() {
  const exports = useQuery(reportQueries.exports());
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          Your exports
        </Title>
        {exports.isPending ? (
          <Skeleton height={120} role="status" aria-label="Loading your exports" />
        ) : exports.isError ? (
          <QueryError title="Could not load your exports" error={exports.error} onRetry={() => void exports.refetch()} />
        ) : exports.data.reportExports.length === 0 ? (
          <Text c="dimmed">No exports yet. Exports you make appear here, with their SHA-256 and a download.</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label="Your exports" data-testid="report-exports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Requested</Table.Th>
                  <Table.Th>Report</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Rows</Table.Th>
                  <Table.Th>Bundle</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {exports.data.reportExports.map((view) => (
                  <Table.Tr key={view.id}>
                    <Table.Td>{when(view.createdAt)}</Table.Td>
                    <Table.Td>{REPORT_TYPE_INFO[view.type].title}</Table.Td>
                    <Table.Td>{view.format}</Table.Td>
                    <Table.Td>
                      <Status view={view} />
                    </Table.Td>
                    <Table.Td>{view.status === 'READY' ? view.rowsWritten.toLocaleString() : '—'}</Table.Td>
                    <Table.Td>
                      {view.sha256 ? (
                        <Stack gap={2}>
                          <Text size="sm">{view.fileName}</Text>
                          <Group gap={4}>
                            <Text size="xs" c="dimmed">
                              {formatBytes(view.bytes)} · SHA-256
                            </Text>
                            <Tooltip label={view.sha256} multiline w={300}>
                              <Code>{view.sha256.slice(0, 16)}…</Code>
                            </Tooltip>
                          </Group>
                        </Stack>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {view.status === 'READY' && (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => downloadBundle(view)}
                          aria-label={`Download ${view.fileName}`}
                        >
                          Download
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

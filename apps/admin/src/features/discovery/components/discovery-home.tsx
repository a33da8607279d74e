import { Code, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { AnchorLink } from '../../../components/router-links';
import { channelLabels, dataClassificationLabels, environmentLabels } from '../../inventory/labels';
import { shortCommit } from '../labels';
import { discoveryQueries } from '../queries';
import { ScanUploadForm } from './scan-upload-form';
import { StatusCounts } from './status-counts';

const when = (iso: string) => new Date(iso).toLocaleString();

function RepositoriesTable() {
  const reports = useQuery(discoveryQueries.reports());
  if (reports.isPending) return <Skeleton height={160} role="status" aria-label="Loading the scanned repositories" />;
  if (reports.isError) {
    return (
      <QueryError title="Could not load the scanned repositories" error={reports.error} onRetry={() => void reports.refetch()} />
    );
  }
  if (reports.data.length === 0) {
    return (
      <Text c="dimmed">
        No scans yet. Run <Code>modelgate scan . --upload</Code> in a pipeline, or add a scan’s JSON output below.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Scanned repositories" data-testid="scanned-repositories">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Repository</Table.Th>
            <Table.Th>Latest scan</Table.Th>
            <Table.Th>Checked for</Table.Th>
            <Table.Th>Findings</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reports.data.map((report) => (
            <Table.Tr key={report.id}>
              <Table.Td>
                <AnchorLink to="/discovery/reports/$reportId" params={{ reportId: report.id }}>
                  {report.repository}
                </AnchorLink>
                {(report.branch || report.commit) && (
                  <Text size="xs" c="dimmed">
                    {[report.branch, shortCommit(report.commit)].filter(Boolean).join(' @ ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{when(report.createdAt)}</Text>
                <Text size="xs" c="dimmed">
                  {report.submittedBy ? `by ${report.submittedBy.displayName}` : 'by a pipeline'} ·{' '}
                  {channelLabels[report.submittedVia] ?? report.submittedVia}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {environmentLabels[report.environment]}, {dataClassificationLabels[report.dataClassification].toLowerCase()}{' '}
                  data
                </Text>
                {report.hostingTarget && (
                  <Text size="xs" c="dimmed">
                    on {report.hostingTarget}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusCounts counts={report} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DiscoveryHome({ canUpload }: { canUpload: boolean }) {
  return (
    <Stack maw={1200}>
      <Title order={1} size="h2">
        Discovery
      </Title>
      <Text c="dimmed">
        The AI models your code really uses, found by <Code>modelgate scan</Code>: by repository, with what is not registered or
        not approved. Counts are as the server answered when each scan arrived; a report shows today’s answer too.
      </Text>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            Repositories
          </Title>
          <RepositoriesTable />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Scan in CI
          </Title>
          <Text size="sm">
            Give the pipeline a token with the <Code>decisions:read</Code> and <Code>scans:write</Code> scopes (API tokens page)
            and run:
          </Text>
          <Code block>
            {`MODELGATE_URL=${window.location.origin} MODELGATE_TOKEN=$TOKEN \\\n  node .modelgate/apps/cli/bin/modelgate.js scan . --env production --upload`}
          </Code>
          <Text size="xs" c="dimmed">
            The repository, branch and commit come from GitHub Actions’ or GitLab CI’s variables, or from git; docs/discovery.md
            shows the whole job.
          </Text>
        </Stack>
      </Paper>
      {canUpload && <ScanUploadForm />}
    </Stack>
  );
}

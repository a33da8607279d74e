import { Badge, Code, Group, List, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { AnchorLink, ButtonLink } from '../../../components/router-links';
import type { ScanFindingStatus } from '../../../gql/graphql';
import { channelLabels, dataClassificationLabels, environmentLabels } from '../../inventory/labels';
import { findingKindLabels, findingStatusInfo, findingStatusOrder, shortCommit } from '../labels';
import { discoveryQueries, type ScanFindingView, type ScanReportView } from '../queries';
import { StatusCounts } from './status-counts';

type Permissions = { canRegister: boolean; canRequestApproval: boolean };

function FindingAction({ finding, permissions }: { finding: ScanFindingView; permissions: Permissions }) {
  if (finding.status === 'UNKNOWN' && permissions.canRegister) {
    return (
      <ButtonLink
        size="xs"
        variant="light"
        to="/inventory/versions/new"
        search={{ finding: finding.id }}
        aria-label={`Register ${finding.reference}`}
      >
        Register
      </ButtonLink>
    );
  }
  if (finding.status === 'REGISTERED_NOT_APPROVED' && finding.modelVersion && permissions.canRequestApproval) {
    return (
      <ButtonLink
        size="xs"
        variant="light"
        to="/approvals/new"
        search={{ modelVersionId: finding.modelVersion.id }}
        aria-label={`Request approval for ${finding.reference}`}
      >
        Request approval
      </ButtonLink>
    );
  }
  return null;
}

function Why({ finding }: { finding: ScanFindingView }) {
  const lines = [...finding.reasons, ...(finding.hint ? [finding.hint] : [])];
  if (lines.length === 0) return <Text size="sm">—</Text>;
  return (
    <List size="sm" spacing={2}>
      {lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

function FindingsGroup({
  status,
  findings,
  permissions,
}: {
  status: ScanFindingStatus;
  findings: ScanFindingView[];
  permissions: Permissions;
}) {
  const info = findingStatusInfo[status];
  const headingId = `findings-${status.toLowerCase()}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {info.label}
          </Title>
          <Badge color={info.color} variant="light">
            {findings.length}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {info.description}
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-labelledby={headingId} data-testid={`findings-${status}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Model version</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {findings.map((finding) => (
                <Table.Tr key={finding.id}>
                  <Table.Td>
                    <Code>{finding.reference}</Code>
                    <Text size="xs" c="dimmed">
                      {findingKindLabels[finding.kind] ?? finding.kind}
                    </Text>
                    {finding.statusAtScan !== finding.status && (
                      <Text size="xs" c="dimmed">
                        When scanned: {findingStatusInfo[finding.statusAtScan].label.toLowerCase()}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={finding.snippet} multiline maw={480} withinPortal>
                      <Text size="sm" ff="monospace" tabIndex={0}>
                        {finding.file}:{finding.line}
                      </Text>
                    </Tooltip>
                    {finding.inComment && (
                      <Text size="xs" c="dimmed">
                        in a comment
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {finding.modelVersion ? (
                      <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: finding.modelVersion.id }} size="sm">
                        {finding.modelVersion.provider} {finding.modelVersion.versionName}
                      </AnchorLink>
                    ) : (
                      <Text size="sm">—</Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Why finding={finding} />
                  </Table.Td>
                  <Table.Td>
                    <FindingAction finding={finding} permissions={permissions} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function ReportHeader({ report }: { report: ScanReportView }) {
  const commit = shortCommit(report.commit);
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {report.repository}
      </Title>
      <Text size="sm" c="dimmed">
        {[report.branch && `Branch ${report.branch}`, commit && `commit ${commit}`].filter(Boolean).join(', ')}
        {report.branch || commit ? ' · ' : ''}
        Scanned {new Date(report.createdAt).toLocaleString()}
        {report.submittedBy ? ` by ${report.submittedBy.displayName}` : ''} (
        {channelLabels[report.submittedVia] ?? report.submittedVia})
        {report.filesScanned !== null
          ? ` · ${report.filesScanned.toLocaleString()} file${report.filesScanned === 1 ? '' : 's'} scanned`
          : ''}
      </Text>
      <Text size="sm">
        Checked for {environmentLabels[report.environment].toLowerCase()},{' '}
        {dataClassificationLabels[report.dataClassification].toLowerCase()} data{report.personalData ? ' with personal data' : ''}
        , {report.hostingTarget ? `on ${report.hostingTarget} (the CI gate’s full answer)` : 'on any hosting its approval allows'}
        {report.team ? `, for ${report.team.name}` : ''}.
      </Text>
      <Group gap="xs">
        <Text size="sm">When scanned:</Text>
        <StatusCounts counts={report} />
      </Group>
    </Stack>
  );
}

/** One uploaded scan: its findings grouped by today’s status, what needs action first. */
export function ScanReportPage({ reportId, permissions }: { reportId: string; permissions: Permissions }) {
  const report = useQuery(discoveryQueries.report(reportId));
  if (report.isPending) return <Skeleton height={400} role="status" aria-label="Loading the scan report" />;
  if (report.isError) {
    return <QueryError title="Could not load the scan report" error={report.error} onRetry={() => void report.refetch()} />;
  }
  const groups = findingStatusOrder
    .map((status) => ({ status, findings: report.data.findings.filter((finding) => finding.status === status) }))
    .filter((group) => group.findings.length > 0);
  return (
    <Stack maw={1200}>
      <AnchorLink to="/discovery" size="sm">
        ← All repositories
      </AnchorLink>
      <ReportHeader report={report.data} />
      {groups.length === 0 ? (
        <Text c="dimmed">This scan found no model references.</Text>
      ) : (
        groups.map((group) => <FindingsGroup key={group.status} {...group} permissions={permissions} />)
      )}
    </Stack>
  );
}

import { Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { ScanReportsQuery } from '../../../gql/graphql';
import { channelLabels, dataClassificationLabels, environmentLabels } from '../../inventory/labels';
import { RichMessage } from '../../system/rich-message';
import { shortCommit } from '../labels';
import { t } from '../messages';
import { discoveryQueries } from '../queries';
import { ScanUploadForm } from './scan-upload-form';
import { StatusCounts, statusCountsText } from './status-counts';

type ScanSummary = ScanReportsQuery['scanReports'][number];

/** "main @ 1a2b3c4d5e6f": where in the repository the scan was run. */
const branchAndCommit = (report: ScanSummary) => [report.branch, shortCommit(report.commit)].filter(Boolean).join(' @ ');

const channel = (report: ScanSummary) => channelLabels[report.submittedVia] ?? report.submittedVia;

function checkedFor(report: ScanSummary): string {
  return t('discovery.context.summary', {
    environment: environmentLabels[report.environment],
    classification: dataClassificationLabels[report.dataClassification].toLocaleLowerCase(),
  });
}

/** Built when rendered, so the headers follow the language in use. */
const repositoryColumns = (): readonly DataColumn<ScanSummary>[] => [
  {
    id: 'repository',
    header: t('discovery.repositories.column.repository'),
    hideable: false,
    value: (report) => report.repository,
    cell: (report) => (
      <>
        <AnchorLink to="/discovery/reports/$reportId" params={{ reportId: report.id }}>
          {report.repository}
        </AnchorLink>
        {(report.branch || report.commit) && (
          <Text size="xs" c="dimmed">
            {branchAndCommit(report)}
          </Text>
        )}
      </>
    ),
  },
  { id: 'branch', header: t('discovery.repositories.column.branch'), defaultHidden: true, value: (report) => report.branch },
  { id: 'commit', header: t('discovery.repositories.column.commit'), defaultHidden: true, value: (report) => report.commit },
  {
    id: 'latestScan',
    header: t('discovery.repositories.column.latestScan'),
    value: (report) => new Date(report.createdAt),
    cell: (report) => (
      <>
        <Text size="sm">
          <DateTime value={report.createdAt} />
        </Text>
        <Text size="xs" c="dimmed">
          {report.submittedBy
            ? t('discovery.repositories.byPerson', { name: report.submittedBy.displayName, channel: channel(report) })
            : t('discovery.repositories.byPipeline', { channel: channel(report) })}
        </Text>
      </>
    ),
  },
  {
    id: 'submittedBy',
    header: t('discovery.repositories.column.submittedBy'),
    defaultHidden: true,
    value: (report) => report.submittedBy?.displayName ?? t('discovery.repositories.pipeline'),
  },
  {
    id: 'checkedFor',
    header: t('discovery.repositories.column.checkedFor'),
    value: (report) =>
      [checkedFor(report), report.hostingTarget && t('discovery.context.summaryOn', { hosting: report.hostingTarget })]
        .filter(Boolean)
        .join(' '),
    cell: (report) => (
      <>
        <Text size="sm">{checkedFor(report)}</Text>
        {report.hostingTarget && (
          <Text size="xs" c="dimmed">
            {t('discovery.context.summaryOn', { hosting: report.hostingTarget })}
          </Text>
        )}
      </>
    ),
  },
  {
    id: 'findings',
    header: t('discovery.repositories.column.findings'),
    sortable: false,
    value: statusCountsText,
    cell: (report) => <StatusCounts counts={report} />,
  },
  {
    id: 'unknown',
    header: t('discovery.repositories.column.unknown'),
    defaultHidden: true,
    align: 'right',
    value: (report) => report.unknownCount,
  },
  {
    id: 'notApproved',
    header: t('discovery.repositories.column.notApproved'),
    defaultHidden: true,
    align: 'right',
    value: (report) => report.notApprovedCount,
  },
  {
    id: 'approved',
    header: t('discovery.repositories.column.approved'),
    defaultHidden: true,
    align: 'right',
    value: (report) => report.approvedCount,
  },
  {
    id: 'informational',
    header: t('discovery.repositories.column.informational'),
    defaultHidden: true,
    align: 'right',
    value: (report) => report.informationalCount,
  },
];

function RepositoriesTable() {
  const sortInUrl = useSortInUrl();
  const reports = useQuery(discoveryQueries.reports());
  return (
    <DataTable
      id="scanned-repositories"
      {...sortInUrl}
      label={t('discovery.repositories.label')}
      columns={repositoryColumns()}
      rows={reports.data ?? []}
      rowKey={(report) => report.id}
      isLoading={reports.isPending}
      error={reports.error}
      errorTitle={t('discovery.repositories.error')}
      onRetry={() => void reports.refetch()}
      minWidth={900}
      empty={
        <EmptyState
          title={t('discovery.repositories.empty')}
          description={
            <RichMessage
              text={t('discovery.repositories.emptyDescription')}
              values={{ command: <Code>modelgate scan . --upload</Code> }}
            />
          }
        />
      }
    />
  );
}

export function DiscoveryHome({ canUpload }: { canUpload: boolean }) {
  return (
    <Stack maw={1200}>
      <Title order={1} size="h2">
        {t('discovery.title')}
      </Title>
      <Text c="dimmed">
        <RichMessage text={t('discovery.intro')} values={{ command: <Code>modelgate scan</Code> }} />
      </Text>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t('discovery.repositories.title')}
          </Title>
          <RepositoriesTable />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('discovery.ci.title')}
          </Title>
          <Text size="sm">
            <RichMessage
              text={t('discovery.ci.intro')}
              values={{ read: <Code>decisions:read</Code>, write: <Code>scans:write</Code> }}
            />
          </Text>
          <Code block>
            {`MODELGATE_URL=${window.location.origin} MODELGATE_TOKEN=$TOKEN \\\n  node .modelgate/apps/cli/bin/modelgate.js scan . --env production --upload`}
          </Code>
          <Text size="xs" c="dimmed">
            {t('discovery.ci.note')}
          </Text>
        </Stack>
      </Paper>
      {canUpload && <ScanUploadForm />}
    </Stack>
  );
}

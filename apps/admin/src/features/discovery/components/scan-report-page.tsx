import { Badge, Code, Group, List, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { DateTime } from '../../../components/date-time';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink, ButtonLink } from '../../../components/router-links';
import type { ScanFindingStatus } from '../../../gql/graphql';
import { formatNumber } from '../../../i18n/format';
import { channelLabels } from '../../inventory/labels';
import { RichMessage } from '../../system/rich-message';
import { findingKindLabel, findingStatusInfo, findingStatusOrder, matchedByInfo, scanContext, shortCommit } from '../labels';
import { t } from '../messages';
import { discoveryQueries, type ScanFindingView, type ScanReportView } from '../queries';
import { StatusCounts } from './status-counts';

type Permissions = { canRegister: boolean; canRequestApproval: boolean };

type NextStep = 'register' | 'requestApproval' | null;

const NONE = '—';
const SEPARATOR = ' · ';
const location = (finding: ScanFindingView) => `${finding.file}:${finding.line}`;

function nextStep(finding: ScanFindingView, permissions: Permissions): NextStep {
  if (finding.status === 'UNKNOWN' && permissions.canRegister) return 'register';
  if (finding.status === 'REGISTERED_NOT_APPROVED' && finding.modelVersion && permissions.canRequestApproval) {
    return 'requestApproval';
  }
  return null;
}

function FindingAction({ finding, permissions }: { finding: ScanFindingView; permissions: Permissions }) {
  const step = nextStep(finding, permissions);
  if (step === 'register') {
    return (
      <ButtonLink
        size="xs"
        variant="light"
        to="/inventory/versions/new"
        search={{ finding: finding.id }}
        aria-label={t('discovery.finding.registerLabel', { reference: finding.reference })}
      >
        {t('discovery.finding.register')}
      </ButtonLink>
    );
  }
  if (step === 'requestApproval' && finding.modelVersion) {
    return (
      <ButtonLink
        size="xs"
        variant="light"
        to="/approvals/new"
        search={{ modelVersionId: finding.modelVersion.id }}
        aria-label={t('discovery.finding.requestApprovalLabel', { reference: finding.reference })}
      >
        {t('discovery.finding.requestApproval')}
      </ButtonLink>
    );
  }
  return null;
}

/** The server's reasons for the status (approvals, policy rules), its hint, and a retired version said in words. */
function whyLines(finding: ScanFindingView): string[] {
  const lines = [...finding.reasons, ...(finding.hint ? [finding.hint] : [])];
  if (finding.modelVersion?.retired) lines.push(t('discovery.finding.retiredWhy'));
  if (lines.length === 0 && finding.status === 'UNKNOWN') lines.push(t('discovery.finding.noReason'));
  return lines;
}

function Why({ finding }: { finding: ScanFindingView }) {
  const lines = whyLines(finding);
  if (lines.length === 0) return <Text size="sm">{NONE}</Text>;
  return (
    <List size="sm" spacing={2}>
      {lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

function MatchedBy({ finding }: { finding: ScanFindingView }) {
  const { label, description } = matchedByInfo(finding.matchedBy);
  if (!description) {
    return (
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    );
  }
  // What the match is worth (exact, or a heuristic to check) is one hover or focus away.
  return (
    <Tooltip label={description} multiline w={300} withinPortal>
      <Text size="sm" tabIndex={0} td="underline" style={{ textDecorationStyle: 'dotted' }}>
        {label}
      </Text>
    </Tooltip>
  );
}

const versionName = (finding: ScanFindingView) =>
  finding.modelVersion ? `${finding.modelVersion.provider} ${finding.modelVersion.versionName}` : null;

/** Built when rendered, so the headers follow the language in use. */
function findingColumns(permissions: Permissions): readonly DataColumn<ScanFindingView>[] {
  return [
    {
      id: 'reference',
      header: t('discovery.finding.column.reference'),
      hideable: false,
      value: (finding) => finding.reference,
      cell: (finding) => (
        <>
          <Code>{finding.reference}</Code>
          {finding.statusAtScan !== finding.status && (
            <Text size="xs" c="dimmed">
              {t('discovery.finding.whenScanned', { status: findingStatusInfo(finding.statusAtScan).inline })}
            </Text>
          )}
        </>
      ),
    },
    { id: 'kind', header: t('discovery.finding.column.kind'), value: (finding) => findingKindLabel(finding.kind) },
    {
      id: 'where',
      header: t('discovery.finding.column.where'),
      value: location,
      cell: (finding) => (
        <>
          <Tooltip label={finding.snippet} multiline maw={480} withinPortal>
            <Text size="sm" ff="monospace" tabIndex={0}>
              {location(finding)}
            </Text>
          </Tooltip>
          {finding.inComment && (
            <Text size="xs" c="dimmed">
              {t('discovery.finding.inComment')}
            </Text>
          )}
        </>
      ),
    },
    {
      id: 'modelVersion',
      header: t('discovery.finding.column.modelVersion'),
      value: versionName,
      cell: (finding) =>
        finding.modelVersion ? (
          <Group gap={6}>
            <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: finding.modelVersion.id }} size="sm">
              {versionName(finding)}
            </AnchorLink>
            {finding.modelVersion.retired && (
              <Badge color="gray" variant="outline" size="sm">
                {t('discovery.finding.retired')}
              </Badge>
            )}
          </Group>
        ) : (
          <Text size="sm">{NONE}</Text>
        ),
    },
    {
      id: 'matchedBy',
      header: t('discovery.finding.column.matchedBy'),
      value: (finding) => (finding.matchedBy ? matchedByInfo(finding.matchedBy).label : null),
      cell: (finding) => <MatchedBy finding={finding} />,
    },
    {
      id: 'why',
      header: t('discovery.finding.column.why'),
      sortable: false,
      width: '30%',
      value: (finding) => whyLines(finding).join('; '),
      cell: (finding) => <Why finding={finding} />,
    },
    {
      id: 'statusAtScan',
      header: t('discovery.finding.column.statusAtScan'),
      defaultHidden: true,
      value: (finding) => findingStatusInfo(finding.statusAtScan).label,
    },
    { id: 'sha256', header: t('discovery.finding.column.sha256'), defaultHidden: true, value: (finding) => finding.sha256 },
    {
      id: 'action',
      header: t('discovery.finding.column.action'),
      sortable: false,
      value: (finding) => {
        const step = nextStep(finding, permissions);
        return step === 'register'
          ? t('discovery.finding.register')
          : step === 'requestApproval'
            ? t('discovery.finding.requestApproval')
            : null;
      },
      cell: (finding) => <FindingAction finding={finding} permissions={permissions} />,
    },
  ];
}

function FindingsGroup({
  status,
  findings,
  permissions,
  context,
}: {
  status: ScanFindingStatus;
  findings: ScanFindingView[];
  permissions: Permissions;
  context: string;
}) {
  const sortInUrl = useSortInUrl();
  const info = findingStatusInfo(status);
  const headingId = `findings-${status.toLowerCase()}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {info.label}
          </Title>
          <Badge color={info.color} variant="light">
            {formatNumber(findings.length)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {info.description}
          {status !== 'INFORMATIONAL' && <> {t('discovery.report.statusFor', { context })}</>}
        </Text>
        <DataTable
          id={`findings-${status}`}
          {...sortInUrl}
          label={info.label}
          columns={findingColumns(permissions)}
          rows={findings}
          rowKey={(finding) => finding.id}
          minWidth={1000}
          empty={<EmptyState title={t('discovery.report.groupEmpty')} />}
        />
      </Stack>
    </Paper>
  );
}

function ReportHeader({ report }: { report: ScanReportView }) {
  const commit = shortCommit(report.commit);
  const channel = channelLabels[report.submittedVia] ?? report.submittedVia;
  const where = [
    report.branch && t('discovery.report.branch', { branch: report.branch }),
    commit && t('discovery.report.commit', { commit }),
  ]
    .filter(Boolean)
    .join(', ');
  const files = report.filesScanned === null ? null : t('discovery.report.filesScanned', { count: report.filesScanned });
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {report.repository}
      </Title>
      <Text size="sm" c="dimmed">
        {where && (
          <>
            {where}
            {SEPARATOR}
          </>
        )}
        <RichMessage
          text={
            report.submittedBy
              ? t('discovery.report.scannedBy', { name: report.submittedBy.displayName, channel })
              : t('discovery.report.scanned', { channel })
          }
          values={{ when: <DateTime value={report.createdAt} /> }}
        />
        {files && (
          <>
            {SEPARATOR}
            {files}
          </>
        )}
      </Text>
      <Text size="sm">{t('discovery.report.checkedFor', { context: scanContext(report) })}</Text>
      <Group gap="xs">
        <Text size="sm">{t('discovery.report.countsWhenScanned')}</Text>
        <StatusCounts counts={report} />
      </Group>
    </Stack>
  );
}

/** One uploaded scan: its findings grouped by today’s status, what needs action first. */
export function ScanReportPage({ reportId, permissions }: { reportId: string; permissions: Permissions }) {
  const report = useQuery(discoveryQueries.report(reportId));
  if (report.isPending) return <LoadingState what={t('discovery.report.loading')} rows={8} />;
  if (report.isError) {
    return <ErrorState title={t('discovery.report.error')} error={report.error} onRetry={() => void report.refetch()} />;
  }
  const context = scanContext(report.data);
  const groups = findingStatusOrder
    .map((status) => ({ status, findings: report.data.findings.filter((finding) => finding.status === status) }))
    .filter((group) => group.findings.length > 0);
  return (
    <Stack maw={1200}>
      <AnchorLink to="/discovery" size="sm">
        {t('discovery.report.back')}
      </AnchorLink>
      <ReportHeader report={report.data} />
      {groups.length === 0 ? (
        <EmptyState title={t('discovery.report.empty')} description={t('discovery.report.emptyDescription')} />
      ) : (
        groups.map((group) => <FindingsGroup key={group.status} {...group} permissions={permissions} context={context} />)
      )}
    </Stack>
  );
}

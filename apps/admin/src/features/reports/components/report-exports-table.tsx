import { Badge, Button, Code, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { formatNumber } from '../../../i18n/format';
import { formatBytes } from '../../approvals/labels';
import { RichMessage } from '../../system/rich-message';
import { exportStatusInfo, filterSummary, formatLabel, reportTypeTitle } from '../labels';
import { t } from '../messages';
import { downloadBundle, reportQueries, type ReportExportView } from '../queries';

const shortSha256 = (sha256: string) => `${sha256.slice(0, 16)}…`;

const isUnfinished = (view: ReportExportView) => view.status === 'QUEUED' || view.status === 'RUNNING';

/** The status in words with what it means; a failed export says why, an unfinished one how far it got. */
function statusText(view: ReportExportView): string {
  const { label } = exportStatusInfo(view.status);
  if (view.status === 'FAILED') return `${label}: ${view.error ?? t('reports.status.failedUnknown')}`;
  return label;
}

function rowsText(view: ReportExportView): string {
  const written = formatNumber(view.rowsWritten);
  return view.rowsTotal === null
    ? t('reports.status.rowsOfUnknown', { written })
    : t('reports.status.rowsOf', { written, total: formatNumber(view.rowsTotal) });
}

export function Status({ view }: { view: ReportExportView }) {
  const { label, color, description } = exportStatusInfo(view.status);
  return (
    <Stack gap={4}>
      <Tooltip label={description} multiline w={260} withinPortal>
        <Badge color={color} variant="light" tabIndex={0} miw="max-content">
          {label}
        </Badge>
      </Tooltip>
      {isUnfinished(view) && (
        <>
          <Progress
            value={view.progress * 100}
            size="sm"
            aria-label={t('reports.status.progress', { name: view.fileName ?? view.id })}
          />
          <Text size="xs" c="dimmed">
            {rowsText(view)}
          </Text>
        </>
      )}
      {view.status === 'FAILED' && (
        <Text size="xs" c="red.8" role="alert">
          {t('reports.status.failedWhy', { reason: view.error ?? t('reports.status.failedUnknown') })}
        </Text>
      )}
      {view.status !== 'FAILED' && view.error && (
        <Text size="xs" c="red.8">
          {view.error}
        </Text>
      )}
      {view.finishedAt && !isUnfinished(view) && (
        <Text size="xs" c="dimmed">
          <RichMessage text={t('reports.status.finished')} values={{ when: <DateTime value={view.finishedAt} /> }} />
        </Text>
      )}
    </Stack>
  );
}

/** Built when rendered, so the headers follow the language in use. */
const exportColumns = (): readonly DataColumn<ReportExportView>[] => [
  {
    id: 'requested',
    header: t('reports.exports.column.requested'),
    value: (view) => new Date(view.createdAt),
    cell: (view) => <DateTime value={view.createdAt} />,
  },
  {
    id: 'report',
    header: t('reports.exports.column.report'),
    hideable: false,
    value: (view) => reportTypeTitle(view.type),
    cell: (view) => (
      <AnchorLink to="/reports/exports/$exportId" params={{ exportId: view.id }} size="sm">
        {reportTypeTitle(view.type)}
      </AnchorLink>
    ),
  },
  { id: 'format', header: t('reports.exports.column.format'), value: (view) => formatLabel(view.format, true) },
  {
    id: 'filters',
    header: t('reports.exports.column.filters'),
    value: (view) => filterSummary(view.filters),
    cell: (view) => <Text size="xs">{filterSummary(view.filters)}</Text>,
  },
  {
    id: 'status',
    header: t('reports.exports.column.status'),
    value: statusText,
    cell: (view) => <Status view={view} />,
  },
  {
    id: 'rows',
    header: t('reports.exports.column.rows'),
    align: 'right',
    value: (view) => (view.status === 'READY' ? view.rowsWritten : null),
    cell: (view) => (view.status === 'READY' ? formatNumber(view.rowsWritten) : '—'),
  },
  {
    id: 'finished',
    header: t('reports.exports.column.finished'),
    defaultHidden: true,
    value: (view) => (view.finishedAt ? new Date(view.finishedAt) : null),
    cell: (view) => <DateTime value={view.finishedAt} />,
  },
  {
    id: 'bundle',
    header: t('reports.exports.column.bundle'),
    value: (view) => view.fileName,
    cell: (view) =>
      view.sha256 ? (
        <Stack gap={2}>
          <Text size="sm">{view.fileName}</Text>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {t('reports.exports.sha256', { size: formatBytes(view.bytes) })}
            </Text>
            <Tooltip label={view.sha256} multiline w={300}>
              <Code tabIndex={0}>{shortSha256(view.sha256)}</Code>
            </Tooltip>
          </Group>
        </Stack>
      ) : (
        '—'
      ),
  },
  { id: 'bytes', header: t('reports.exports.column.bytes'), defaultHidden: true, align: 'right', value: (view) => view.bytes },
  { id: 'sha256', header: t('reports.exports.column.sha256'), defaultHidden: true, value: (view) => view.sha256 },
  {
    id: 'download',
    header: t('reports.exports.column.download'),
    sortable: false,
    // In the CSV: where the bundle can be downloaded (with a session), so the list stands on its own.
    value: (view) =>
      view.status === 'READY' && view.downloadPath ? new URL(view.downloadPath, window.location.origin).href : null,
    cell: (view) =>
      view.status === 'READY' && (
        <Button
          size="xs"
          variant="light"
          onClick={() => downloadBundle(view)}
          aria-label={t('reports.exports.downloadLabel', { file: view.fileName ?? view.id })}
        >
          {t('reports.exports.download')}
        </Button>
      ),
  },
];

/** The viewer's exports, newest first; unfinished ones update themselves until ready. */
export function ReportExportsTable() {
  const sortInUrl = useSortInUrl();
  const exports = useQuery(reportQueries.exports());
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('reports.exports.title')}
        </Title>
        <DataTable
          id="report-exports"
          {...sortInUrl}
          label={t('reports.exports.label')}
          columns={exportColumns()}
          rows={exports.data?.reportExports ?? []}
          rowKey={(view) => view.id}
          isLoading={exports.isPending}
          error={exports.error}
          errorTitle={t('reports.exports.error')}
          onRetry={() => void exports.refetch()}
          minWidth={900}
          empty={<EmptyState title={t('reports.exports.empty')} description={t('reports.exports.emptyDescription')} />}
        />
      </Stack>
    </Paper>
  );
}

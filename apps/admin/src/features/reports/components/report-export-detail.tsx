import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../../components/date-time';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { formatNumber } from '../../../i18n/format';
import { GraphqlRequestError } from '../../../lib/graphql-client';
import { formatBytes } from '../../approvals/labels';
import { filterSummary, formatLabel, reportTypeTitle } from '../labels';
import { t } from '../messages';
import { downloadBundle, reportQueries } from '../queries';
import { Status } from './report-exports-table';
import { FactsTable, type Fact } from '../../../components/facts-table';

/** The audit-trail snapshot the signed manifest names: the range of events read and the chain head then. */
function snapshotOf(manifest: unknown): { firstSeq?: string; lastSeq?: string; chainHead?: string } {
  if (typeof manifest !== 'object' || manifest === null) return {};
  const snapshot = (manifest as { snapshot?: unknown }).snapshot;
  if (typeof snapshot !== 'object' || snapshot === null) return {};
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const { firstAuditSeq, lastAuditSeq, chainHeadHash } = snapshot as Record<string, unknown>;
  return { firstSeq: text(firstAuditSeq), lastSeq: text(lastAuditSeq), chainHead: text(chainHeadHash) };
}

/**
 * One export: what was asked (report, format, filters), by whom and when, how it went, and the bundle with its
 * SHA-256 and the audit-trail range its signed manifest names, with the download and how to verify it.
 */
export function ReportExportDetail({ exportId }: { exportId: string }) {
  const view = useQuery(reportQueries.export(exportId));
  if (view.isPending) return <LoadingState what={t('reports.export.loading')} rows={8} />;
  if (view.isError) {
    if (view.error instanceof GraphqlRequestError && view.error.code === 'NOT_FOUND') {
      return (
        <EmptyState
          title={t('reports.export.notFound')}
          action={<AnchorLink to="/reports">{t('reports.export.back')}</AnchorLink>}
        />
      );
    }
    return <ErrorState title={t('reports.export.error')} error={view.error} onRetry={() => void view.refetch()} />;
  }
  const report = view.data;
  const chain = snapshotOf(report.manifest);
  const facts: Fact[] = [
    [t('reports.exports.column.format'), formatLabel(report.format, true)],
    [t('reports.exports.column.filters'), filterSummary(report.filters)],
    [t('reports.export.requestedBy'), report.requestedBy ?? '—'],
    [t('reports.exports.column.requested'), <DateTime key="requested" value={report.createdAt} format="dateTime" />],
    [t('reports.exports.column.status'), <Status key="status" view={report} />],
    [t('reports.exports.column.rows'), report.status === 'READY' ? formatNumber(report.rowsWritten) : '—'],
    [t('reports.exports.column.finished'), <DateTime key="finished" value={report.finishedAt} format="dateTime" />],
    [t('reports.exports.column.bundle'), report.fileName ?? '—'],
    [t('reports.exports.column.bytes'), report.bytes === null ? '—' : formatBytes(report.bytes)],
    [t('reports.exports.column.sha256'), report.sha256 ? <Code key="sha">{report.sha256}</Code> : '—'],
  ];
  if (chain.firstSeq || chain.lastSeq) {
    facts.push([
      t('reports.export.auditRange'),
      t('reports.export.auditRangeValue', { first: chain.firstSeq ?? '—', last: chain.lastSeq ?? '—' }),
    ]);
  }
  if (chain.chainHead) facts.push([t('reports.export.chainHead'), <Code key="head">{chain.chainHead}</Code>]);
  return (
    <Stack maw={1200} gap="lg">
      <AnchorLink to="/reports" size="sm">
        {t('reports.export.back')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {reportTypeTitle(report.type)}
        </Title>
        {report.status === 'READY' && (
          <Button onClick={() => downloadBundle(report)}>
            {t('reports.exports.downloadLabel', { file: report.fileName ?? report.id })}
          </Button>
        )}
      </Group>
      <FactsTable label={t('reports.export.facts')} facts={facts} labelWidth={220} />
      {report.status === 'READY' && (
        <Text size="sm" c="dimmed">
          {t('reports.export.verifyHint')} <Code>{`modelgate report verify ${report.fileName ?? report.id}`}</Code>
        </Text>
      )}
    </Stack>
  );
}

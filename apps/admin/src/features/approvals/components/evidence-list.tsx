import { Anchor, Button, Code, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import type { ApprovalRequestDetailQuery } from '../../../gql/graphql';
import { execute } from '../../../lib/graphql-client';
import { EvidenceContentQuery } from '../graphql';
import { formatBytes } from '../labels';
import { t } from '../messages';
import { Separator } from './separator';

type Evidence = ApprovalRequestDetailQuery['approvalRequest']['reviews'][number]['evidence'][number];

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Fetches the file's bytes only now (lists never carry them), then shows them in a new tab or saves them. */
function FileButtons({ evidence }: { evidence: Evidence }) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const open = async (mode: 'view' | 'download') => {
    // A tab opened before the await keeps the browser's pop-up blocker content.
    const tab = mode === 'view' ? window.open('', '_blank') : null;
    setState('loading');
    try {
      const file = (await execute(EvidenceContentQuery, { id: evidence.id })).reviewEvidence;
      if (!file.contentBase64) throw new Error('no content');
      const url = URL.createObjectURL(
        new Blob([base64ToBytes(file.contentBase64)], { type: file.contentType ?? 'application/octet-stream' }),
      );
      if (tab) {
        tab.location.href = url;
      } else {
        const link = document.createElement('a');
        link.href = url;
        link.download = file.fileName ?? 'evidence';
        link.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      tab?.close();
      setState('failed');
    }
  };
  return (
    <Group gap={4} component="span" display="inline-flex">
      <Button
        size="compact-xs"
        variant="light"
        loading={state === 'loading'}
        onClick={() => void open('view')}
        aria-label={t('approvals.evidence.viewLabel', { name: evidence.fileName ?? evidence.title })}
      >
        {t('approvals.evidence.view')}
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        loading={state === 'loading'}
        onClick={() => void open('download')}
        aria-label={t('approvals.evidence.downloadLabel', { name: evidence.fileName ?? evidence.title })}
      >
        {t('approvals.evidence.download')}
      </Button>
      {state === 'failed' && (
        <Text span size="xs" c="red" role="alert">
          {t('approvals.evidence.fetchFailed')}
        </Text>
      )}
    </Group>
  );
}

const columns: DataColumn<Evidence>[] = [
  {
    id: 'title',
    header: t('approvals.evidence.column.title'),
    hideable: false,
    value: (item) => item.title,
    cell: (item) => <Text size="sm">{item.title}</Text>,
  },
  {
    id: 'source',
    header: t('approvals.evidence.column.source'),
    sortable: false,
    value: (item) => item.url ?? item.fileName,
    cell: (item) =>
      item.url ? (
        <Anchor href={item.url} target="_blank" rel="noreferrer noopener" size="sm">
          {item.url}
        </Anchor>
      ) : (
        <Text size="sm">
          {t('approvals.evidence.file', { fileName: item.fileName ?? '', size: formatBytes(item.sizeBytes) })}{' '}
          <FileButtons evidence={item} />
        </Text>
      ),
  },
  {
    id: 'size',
    header: t('approvals.evidence.column.size'),
    defaultHidden: true,
    align: 'right',
    value: (item) => item.sizeBytes,
  },
  {
    id: 'sha256',
    header: t('approvals.evidence.column.sha256'),
    sortable: false,
    value: (item) => item.sha256,
    cell: (item) =>
      item.sha256 ? (
        <Tooltip label={item.sha256}>
          <Code>{t('approvals.evidence.shortHash', { hash: item.sha256.slice(0, 12) })}</Code>
        </Tooltip>
      ) : (
        t('approvals.none')
      ),
  },
  {
    id: 'added',
    header: t('approvals.evidence.column.added'),
    value: (item) => item.createdAt,
    cell: (item) => (
      <Text size="xs">
        <DateTime value={item.createdAt} format="dateTime" />
        <Separator />
        {item.addedBy?.displayName ?? t('approvals.evidence.addedByUnknown')}
      </Text>
    ),
  },
  {
    id: 'addedBy',
    header: t('approvals.evidence.column.addedBy'),
    defaultHidden: true,
    value: (item) => item.addedBy?.displayName,
  },
];

/** A review's evidence: links open where they point; files download with their SHA-256 shown for checking. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <EmptyState title={t('approvals.evidence.empty')} />;
  return (
    <DataTable
      id="review-evidence"
      label={t('approvals.evidence.label')}
      columns={columns}
      rows={evidence}
      rowKey={(item) => item.id}
      empty={null}
      minWidth={600}
    />
  );
}

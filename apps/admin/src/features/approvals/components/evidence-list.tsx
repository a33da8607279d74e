import { Anchor, Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { ApprovalRequestDetailQuery } from '../../../gql/graphql';
import { execute } from '../../../lib/graphql-client';
import { EvidenceContentQuery } from '../graphql';
import { day, formatBytes } from '../labels';

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
        aria-label={`View ${evidence.fileName ?? evidence.title}`}
      >
        View
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        loading={state === 'loading'}
        onClick={() => void open('download')}
        aria-label={`Download ${evidence.fileName ?? evidence.title}`}
      >
        Download
      </Button>
      {state === 'failed' && (
        <Text span size="xs" c="red" role="alert">
          Could not fetch the file; try again.
        </Text>
      )}
    </Group>
  );
}

/** A review's evidence: links open where they point; files download with their SHA-256 shown for checking. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No evidence attached.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={4} aria-label="Evidence">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Evidence</Table.Th>
            <Table.Th>File or link</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th>Added</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evidence.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Text size="sm">{item.title}</Text>
              </Table.Td>
              <Table.Td>
                {item.url ? (
                  <Anchor href={item.url} target="_blank" rel="noreferrer noopener" size="sm">
                    {item.url}
                  </Anchor>
                ) : (
                  <Text size="sm">
                    {item.fileName} ({formatBytes(item.sizeBytes)}) <FileButtons evidence={item} />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {item.sha256 ? (
                  <Tooltip label={item.sha256}>
                    <Code>{item.sha256.slice(0, 12)}…</Code>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {day(item.createdAt)} by {item.addedBy?.displayName ?? 'unknown'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

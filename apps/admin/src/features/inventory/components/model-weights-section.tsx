import { Button, Code, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { hasOpenWeights } from '@modelgate/domain/inventory';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import type { WeightFileRowFragment } from '../../../gql/graphql';
import { formatNumber } from '../../../i18n/format';
import { formatFileSize } from '../labels';
import { t } from '../messages';
import { useInventoryPermissions } from '../permissions';
import { weightsAttachCommand } from '../weights';
import { withElements } from './rich-text';
import type { VersionDetail } from './version-facts';

/** Words of the CLI's command line, the same in every language. */
const CLI_FOLDER = 'path/to/weights';
const CLI_SCOPE = 'models:write';
const CLI_TOKEN_VARIABLE = 'MODELGATE_TOKEN';
const CLI_DRY_RUN = '--dry-run';

/** A small "Copy" button; `label` says what it copies, for screen readers. */
function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'blue'} onClick={copy} aria-label={label}>
          {copied ? t('inventory.weights.copied') : t('inventory.weights.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

/** A SHA-256 in full, in monospace, with its copy button. */
function Checksum({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code style={{ wordBreak: 'break-all' }}>{value}</Code>
      <CopyValue value={value} label={label} />
    </Group>
  );
}

function totalSize(files: readonly WeightFileRowFragment[]): number | null {
  let total = 0;
  for (const file of files) {
    if (file.sizeBytes === null) return null;
    total += file.sizeBytes;
  }
  return total;
}

function weightFileColumns(): DataColumn<WeightFileRowFragment>[] {
  return [
    { id: 'path', header: t('inventory.weights.column.path'), value: (file) => file.path, hideable: false },
    {
      id: 'sha256',
      header: t('inventory.weights.column.sha256'),
      value: (file) => file.sha256,
      cell: (file) => <Checksum value={file.sha256} label={t('inventory.weights.copyFileSha', { path: file.path })} />,
      sortable: false,
    },
    {
      id: 'size',
      header: t('inventory.weights.column.size'),
      value: (file) => file.sizeBytes,
      cell: (file) => (
        <span title={file.sizeBytes === null ? undefined : t('inventory.weights.bytes', { bytes: formatNumber(file.sizeBytes) })}>
          {formatFileSize(file.sizeBytes)}
        </span>
      ),
      width: '110px',
      align: 'right',
    },
    {
      id: 'attachedAt',
      header: t('inventory.weights.column.attached'),
      value: (file) => file.attachedAt,
      cell: (file) => <DateTime value={file.attachedAt} />,
      width: '190px',
    },
  ];
}

function WeightFilesTable({ files }: { files: readonly WeightFileRowFragment[] }) {
  return (
    <DataTable
      id="weight-files"
      label={t('inventory.weights.filesLabel')}
      columns={weightFileColumns()}
      rows={files}
      rowKey={(file) => file.path}
      empty={<EmptyState title={t('inventory.weights.noFiles')} />}
      minWidth={800}
    />
  );
}

/** No files yet: how to attach them with the CLI, the command ready to copy with this version's key. */
function NoWeightFiles({ version, canAttach }: { version: VersionDetail; canAttach: boolean }) {
  if (version.retiredAt) return <EmptyState title={t('inventory.weights.noneRetired')} />;
  const command = weightsAttachCommand(version.key, window.location.origin);
  return (
    <Stack gap="xs" data-testid="weights-empty">
      <Text size="sm">{version.weightsSha256 ? t('inventory.weights.emptyWithChecksum') : t('inventory.weights.empty')}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="weights-command">
          {command}
        </Code>
        <CopyValue value={command} label={t('inventory.weights.copyCommand')} />
      </Group>
      <Text size="sm" c="dimmed">
        {withElements(t('inventory.weights.howTo'), {
          folder: <Code>{CLI_FOLDER}</Code>,
          scope: <Code>{CLI_SCOPE}</Code>,
          variable: <Code>{CLI_TOKEN_VARIABLE}</Code>,
          dryRun: <Code>{CLI_DRY_RUN}</Code>,
        })}
        {canAttach && ` ${t('inventory.weights.howToPaste')}`}
      </Text>
    </Stack>
  );
}

/** The version's weights: its checksum, how it was computed, and the files it covers. Only for open weights. */
export function ModelWeightsSection({ version, onAttach }: { version: VersionDetail; onAttach: () => void }) {
  const { canAttachWeights } = useInventoryPermissions();
  if (!hasOpenWeights(version.distribution)) return null;
  const files = version.weightFiles;
  const canAttach = canAttachWeights && !version.retiredAt;
  const size = totalSize(files);
  return (
    <Stack component="section" aria-labelledby="weights-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="weights-heading">
          {t('inventory.weights.heading')}
        </Title>
        {canAttach && (
          <Button variant="default" onClick={onAttach}>
            {t('inventory.weights.attach')}
          </Button>
        )}
      </Group>
      {/* Two facts about the checksum: a plain table, not a list of records. */}
      <Table variant="vertical" withTableBorder layout="fixed" aria-label={t('inventory.weights.checksumLabel')}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('inventory.weights.checksum')}</Table.Th>
            <Table.Td data-testid="weights-checksum">
              {version.weightsSha256 ? (
                <Checksum value={version.weightsSha256} label={t('inventory.weights.copyChecksum')} />
              ) : (
                <Text size="sm">{t('inventory.weights.noneRecorded')}</Text>
              )}
            </Table.Td>
          </Table.Tr>
          {files.length > 0 && (
            <Table.Tr>
              <Table.Th>{t('inventory.weights.computedOver')}</Table.Th>
              <Table.Td>
                <Text size="sm">
                  {files.length === 1
                    ? t('inventory.weights.computedOverOne')
                    : size === null
                      ? t('inventory.weights.computedOverMany', { count: files.length })
                      : t('inventory.weights.computedOverManySized', { count: files.length, size: formatFileSize(size) })}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {files.length === 0 ? <NoWeightFiles version={version} canAttach={canAttach} /> : <WeightFilesTable files={files} />}
    </Stack>
  );
}

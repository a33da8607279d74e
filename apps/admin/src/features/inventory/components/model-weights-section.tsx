import { Button, Code, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { hasOpenWeights } from '@modelgate/domain/inventory';
import type { WeightFileRowFragment } from '../../../gql/graphql';
import { formatFileSize } from '../labels';
import { useInventoryPermissions } from '../permissions';
import { weightsAttachCommand } from '../weights';
import type { VersionDetail } from './version-facts';

/** A small "Copy" button; `label` says what it copies, for screen readers. */
function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'blue'} onClick={copy} aria-label={label}>
          {copied ? 'Copied' : 'Copy'}
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

function WeightFilesTable({ files }: { files: readonly WeightFileRowFragment[] }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder aria-label="Weight files" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Path</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th w={110}>Size</Table.Th>
            <Table.Th w={190}>Attached</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => (
            <Table.Tr key={file.path}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{file.path}</Table.Td>
              <Table.Td>
                <Checksum value={file.sha256} label={`Copy the SHA-256 of ${file.path}`} />
              </Table.Td>
              <Table.Td title={file.sizeBytes === null ? undefined : `${file.sizeBytes.toLocaleString('en')} bytes`}>
                {formatFileSize(file.sizeBytes)}
              </Table.Td>
              <Table.Td>
                <time dateTime={file.attachedAt} title={new Date(file.attachedAt).toISOString()}>
                  {new Date(file.attachedAt).toLocaleString()}
                </time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** No files yet: how to attach them with the CLI, the command ready to copy with this version's key. */
function NoWeightFiles({ version, canAttach }: { version: VersionDetail; canAttach: boolean }) {
  if (version.retiredAt) return <Text size="sm">No weight files were attached to this version.</Text>;
  const command = weightsAttachCommand(version.key, window.location.origin);
  return (
    <Stack gap="xs" data-testid="weights-empty">
      <Text size="sm">
        No weight files are attached yet
        {version.weightsSha256 ? ': the checksum above was recorded by hand, without the files it covers' : ''}. Attach them with
        the Modelgate CLI, which hashes every weight file of the downloaded folder (safetensors shards, GGUF, PyTorch checkpoints)
        and records the checksums here:
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="weights-command">
          {command}
        </Code>
        <CopyValue value={command} label="Copy the CLI command" />
      </Group>
      <Text size="sm" c="dimmed">
        Put the folder in place of <Code>path/to/weights</Code>. It needs an API token with <Code>models:write</Code> in{' '}
        <Code>MODELGATE_TOKEN</Code>; add <Code>--dry-run</Code> to see the checksums without saving them.
        {canAttach && ' Or paste what sha256sum prints with “Attach checksums”.'}
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
          Weights
        </Title>
        {canAttach && (
          <Button variant="default" onClick={onAttach}>
            Attach checksums
          </Button>
        )}
      </Group>
      <Table variant="vertical" withTableBorder layout="fixed" aria-label="Weights checksum">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>Weights checksum</Table.Th>
            <Table.Td data-testid="weights-checksum">
              {version.weightsSha256 ? (
                <Checksum value={version.weightsSha256} label="Copy the weights checksum" />
              ) : (
                <Text size="sm">None recorded</Text>
              )}
            </Table.Td>
          </Table.Tr>
          {files.length > 0 && (
            <Table.Tr>
              <Table.Th>Computed over</Table.Th>
              <Table.Td>
                <Text size="sm">
                  {files.length === 1
                    ? 'One weight file: the checksum is its own SHA-256.'
                    : `${files.length.toLocaleString('en')} files${size === null ? '' : ` (${formatFileSize(size)})`}: the checksum is the SHA-256 of their sha256sum lines, sorted by path.`}
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

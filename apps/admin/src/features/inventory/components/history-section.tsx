import { Code, Stack, Table, Text, Title } from '@mantine/core';
import type { RecordChangeEntryFragment } from '../../../gql/graphql';
import { actionLabel, channelLabels } from '../labels';

type Change = RecordChangeEntryFragment['changes'][number];

/** Fields every write touches (or a creation sets by itself); they say nothing about what changed. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt']);
const CREATION_NOISE = new Set([...NOISE, 'id']);
const MAX_VALUE_LENGTH = 80;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** A value as one short line: text as it is, anything else as JSON, "—" for nothing. */
function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** A creation arrives as one change of the whole record; it reads as the record's first values. */
function initialValues(changes: readonly Change[]): Change[] | null {
  const [only] = changes;
  if (changes.length !== 1 || !only || only.path !== '(value)' || only.before !== null || !isRecord(only.after)) return null;
  return Object.entries(only.after)
    .filter(([path]) => !CREATION_NOISE.has(path))
    .map(([path, after]) => ({ path, before: null, after }));
}

function ChangeList({ changes }: { changes: readonly Change[] }) {
  const initial = initialValues(changes);
  if (initial) {
    return (
      <details>
        <summary>
          <Text span size="sm">
            {initial.length} initial {initial.length === 1 ? 'value' : 'values'}
          </Text>
        </summary>
        <Stack gap={2} mt={4}>
          {initial.map((change) => (
            <Text key={change.path} size="xs">
              <Code>{change.path}</Code> {formatChangeValue(change.after)}
            </Text>
          ))}
        </Stack>
      </details>
    );
  }
  const shown = changes.filter((change) => !NOISE.has(fieldOf(change.path)));
  if (shown.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {shown.map((change) => (
        <Text key={change.path} size="sm" style={{ wordBreak: 'break-word' }}>
          <Code>{change.path}</Code> {formatChangeValue(change.before)} → {formatChangeValue(change.after)}
        </Text>
      ))}
    </Stack>
  );
}

/** Who changed a record, when, through which channel, and what: newest first, as the API lists it. */
export function HistoryTable({ history, label }: { history: readonly RecordChangeEntryFragment[]; label: string }) {
  if (history.length === 0) return <Text size="sm">No changes recorded.</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label={label} data-testid="history" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((entry, index) => (
            <Table.Tr key={`${entry.occurredAt}-${index}`}>
              <Table.Td>
                <time dateTime={entry.occurredAt} title={new Date(entry.occurredAt).toISOString()}>
                  {new Date(entry.occurredAt).toLocaleString()}
                </time>
              </Table.Td>
              <Table.Td>{entry.actorLabel ?? 'system'}</Table.Td>
              <Table.Td>{channelLabels[entry.channel] ?? entry.channel}</Table.Td>
              <Table.Td title={entry.action}>{actionLabel(entry.action)}</Table.Td>
              <Table.Td>
                <ChangeList changes={entry.changes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The History section at the foot of a record's page. */
export function HistorySection({ history }: { history: readonly RecordChangeEntryFragment[] }) {
  return (
    <Stack component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading">
        History
      </Title>
      <HistoryTable history={history} label="History" />
    </Stack>
  );
}

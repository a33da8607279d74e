import { Code, Stack, Text, Title } from '@mantine/core';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import type { RecordChangeEntryFragment } from '../../../gql/graphql';
import { actionLabel, channelLabels } from '../labels';
import { t } from '../messages';
import { withElements } from './rich-text';

type Change = RecordChangeEntryFragment['changes'][number];
type HistoryRow = RecordChangeEntryFragment & { key: string };

/** Fields every write touches (or a creation sets by itself); they say nothing about what changed. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt']);
const CREATION_NOISE = new Set([...NOISE, 'id']);
const MAX_VALUE_LENGTH = 80;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** A value as one short line: text as it is, anything else as JSON, "—" for nothing. */
function formatChangeValue(value: unknown, maxLength = MAX_VALUE_LENGTH): string {
  if (value === null || value === undefined) return t('inventory.none');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A creation arrives as one change of the whole record; it reads as the record's first values. */
function initialValues(changes: readonly Change[]): Change[] | null {
  const [only] = changes;
  if (changes.length !== 1 || !only || only.path !== '(value)' || only.before !== null || !isRecord(only.after)) return null;
  return Object.entries(only.after)
    .filter(([path]) => !CREATION_NOISE.has(path))
    .map(([path, after]) => ({ path, before: null, after }));
}

/** The changes as one line of text, for the CSV: "purpose: a → b; environment: STAGING → PRODUCTION". */
function changesText(changes: readonly Change[]): string {
  const initial = initialValues(changes);
  if (initial) {
    return initial
      .map((change) =>
        t('inventory.history.initialValueText', { path: change.path, value: formatChangeValue(change.after, Infinity) }),
      )
      .join('; ');
  }
  return changes
    .filter((change) => !NOISE.has(fieldOf(change.path)))
    .map((change) =>
      t('inventory.history.changeText', {
        path: change.path,
        before: formatChangeValue(change.before, Infinity),
        after: formatChangeValue(change.after, Infinity),
      }),
    )
    .join('; ');
}

function ChangeList({ changes }: { changes: readonly Change[] }) {
  const initial = initialValues(changes);
  if (initial) {
    return (
      <details>
        <summary>
          <Text span size="sm">
            {t('inventory.history.initialValues', { count: initial.length })}
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
  if (shown.length === 0) return <Text size="sm">{t('inventory.none')}</Text>;
  return (
    <Stack gap={2}>
      {shown.map((change) => (
        <Text key={change.path} size="sm" style={{ wordBreak: 'break-word' }}>
          {withElements(t('inventory.history.change'), {
            path: <Code>{change.path}</Code>,
            before: formatChangeValue(change.before),
            after: formatChangeValue(change.after),
          })}
        </Text>
      ))}
    </Stack>
  );
}

function historyColumns(): DataColumn<HistoryRow>[] {
  return [
    {
      id: 'when',
      header: t('inventory.history.column.when'),
      value: (entry) => entry.occurredAt,
      cell: (entry) => <DateTime value={entry.occurredAt} />,
      hideable: false,
      width: '180px',
    },
    { id: 'who', header: t('inventory.history.column.who'), value: (entry) => entry.actorLabel ?? t('inventory.history.system') },
    {
      id: 'channel',
      header: t('inventory.history.column.channel'),
      value: (entry) => channelLabels[entry.channel] ?? entry.channel,
    },
    {
      id: 'what',
      header: t('inventory.history.column.what'),
      value: (entry) => actionLabel(entry.action),
      cell: (entry) => <span title={entry.action}>{actionLabel(entry.action)}</span>,
    },
    {
      id: 'changes',
      header: t('inventory.history.column.changes'),
      value: (entry) => changesText(entry.changes),
      cell: (entry) => <ChangeList changes={entry.changes} />,
      sortable: false,
    },
  ];
}

/**
 * Who changed a record, when, through which channel, and what: newest first, as the API lists it. `id` names
 * the table's saved view and CSV (every record's history shares one by default).
 */
export function HistoryTable({
  history,
  label,
  id = 'history',
}: {
  history: readonly RecordChangeEntryFragment[];
  label: string;
  id?: string;
}) {
  const rows = history.map((entry, index) => ({ ...entry, key: `${entry.occurredAt}-${index}` }));
  return (
    <DataTable
      id={id}
      label={label}
      columns={historyColumns()}
      rows={rows}
      rowKey={(entry) => entry.key}
      empty={<EmptyState title={t('inventory.history.empty')} />}
      minWidth={800}
    />
  );
}

/** The History section at the foot of a record's page. */
export function HistorySection({ history }: { history: readonly RecordChangeEntryFragment[] }) {
  return (
    <Stack component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading">
        {t('inventory.history.heading')}
      </Title>
      <HistoryTable history={history} label={t('inventory.history.heading')} />
    </Stack>
  );
}

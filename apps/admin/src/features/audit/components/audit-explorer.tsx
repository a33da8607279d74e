import { Badge, Button, Code, Drawer, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { formatTableSort, parseTableSort } from '../../../components/data-table/table-view';
import { DateTime } from '../../../components/date-time';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { formatNumber } from '../../../i18n/format';
import { t } from '../messages';
import { auditQueries, CSV_EVENT_LIMIT, loadAuditEvents, type AuditEventNode } from '../queries';
import { filtersOf, sortedByServer, type AuditSearch } from '../search';
import { VerificationBanner } from './verification-banner';
import { FactsTable, type Fact } from '../../../components/facts-table';

type AuditEventChange = AuditEventNode['changes'][number];

const outcomeColor: Record<string, string> = { SUCCESS: 'teal', DENIED: 'orange', FAILURE: 'red' };
const outcomeLabels: Record<string, string> = {
  SUCCESS: t('audit.outcome.SUCCESS'),
  DENIED: t('audit.outcome.DENIED'),
  FAILURE: t('audit.outcome.FAILURE'),
};
const actorTypeLabels: Record<string, string> = {
  USER: t('audit.actorType.USER'),
  TOKEN: t('audit.actorType.TOKEN'),
  SYSTEM: t('audit.actorType.SYSTEM'),
  ANONYMOUS: t('audit.actorType.ANONYMOUS'),
};
const channelLabels: Record<string, string> = {
  ADMIN_APP: t('audit.channel.ADMIN_APP'),
  API: t('audit.channel.API'),
  CLI: t('audit.channel.CLI'),
  SYSTEM: t('audit.channel.SYSTEM'),
};
const OUTCOMES = ['SUCCESS', 'DENIED', 'FAILURE'] as const;

const labelOf = (labels: Record<string, string>, value: string) => labels[value] ?? value;
const actorName = (event: AuditEventNode) => event.actorLabel ?? labelOf(actorTypeLabels, event.actorType);

function show(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

function Filters({ search, onChange }: { search: AuditSearch; onChange: (search: AuditSearch) => void }) {
  const [draft, setDraft] = useState<AuditSearch>(search);
  const set = (key: keyof AuditSearch) => (value: string | null) => setDraft((d) => ({ ...d, [key]: value || undefined }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form onSubmit={submit} aria-label={t('audit.filters.form')}>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('audit.filters.actorId')}
          value={draft.actorId ?? ''}
          onChange={(e) => set('actorId')(e.currentTarget.value)}
          w={200}
        />
        <TextInput
          label={t('audit.filters.action')}
          placeholder={t('audit.filters.actionPlaceholder')}
          value={draft.action ?? ''}
          onChange={(e) => set('action')(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          label={t('audit.filters.entityType')}
          value={draft.entityType ?? ''}
          onChange={(e) => set('entityType')(e.currentTarget.value)}
          w={130}
        />
        <TextInput
          label={t('audit.filters.entityId')}
          value={draft.entityId ?? ''}
          onChange={(e) => set('entityId')(e.currentTarget.value)}
          w={200}
        />
        <Select
          label={t('audit.filters.outcome')}
          placeholder={t('audit.filters.anyOutcome')}
          data={OUTCOMES.map((value) => ({ value, label: outcomeLabels[value]! }))}
          clearable
          value={draft.outcome ?? null}
          onChange={set('outcome')}
          w={150}
        />
        <TextInput
          label={t('audit.filters.from')}
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.filters.to')}
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => set('to')(e.currentTarget.value)}
        />
        <Button type="submit">{t('audit.filters.apply')}</Button>
        <Button
          variant="subtle"
          onClick={() => {
            setDraft({});
            onChange({ sort: search.sort });
          }}
        >
          {t('audit.filters.clear')}
        </Button>
      </Group>
    </form>
  );
}

const changeColumns: DataColumn<AuditEventChange>[] = [
  {
    id: 'field',
    header: t('audit.event.column.field'),
    value: (change) => change.path,
    hideable: false,
    cell: (change) => <Code>{change.path}</Code>,
  },
  { id: 'before', header: t('audit.event.column.before'), value: (change) => show(change.before), sortable: false },
  { id: 'after', header: t('audit.event.column.after'), value: (change) => show(change.after), sortable: false },
];

/** One event in full: every fact of it (a fixed list of facts, so a plain table), its changes, and its place in the chain. */
function EventDetail({ event, onFilter }: { event: AuditEventNode; onFilter: (filter: AuditSearch) => void }) {
  const facts: readonly Fact[] = [
    [t('audit.event.sequence'), event.seq],
    [
      t('audit.event.time'),
      <>
        <DateTime value={event.occurredAt} format="dateTime" /> <Code>{event.occurredAt}</Code>
      </>,
    ],
    [t('audit.event.actor'), `${labelOf(actorTypeLabels, event.actorType)} ${event.actorLabel ?? ''} ${event.actorId ?? ''}`],
    [t('audit.event.roles'), event.actorRoles.join(', ') || '—'],
    [t('audit.event.channel'), labelOf(channelLabels, event.channel)],
    [t('audit.event.action'), <Code key="action">{event.action}</Code>],
    [t('audit.event.entity'), `${event.entityType} ${event.entityId ?? ''}`],
    [t('audit.event.outcome'), labelOf(outcomeLabels, event.outcome)],
    [t('audit.event.reason'), event.reason ?? '—'],
    [t('audit.event.requestId'), event.requestId ?? '—'],
    [t('audit.event.client'), `${event.ip ?? '—'} / ${event.userAgent ?? '—'}`],
  ];
  return (
    <Stack gap="sm">
      <FactsTable label={t('audit.event.facts', { seq: event.seq })} facts={facts} labelWidth={140} />
      <Group gap="xs">
        {event.actorId && (
          <Button size="compact-xs" variant="light" onClick={() => onFilter({ actorId: event.actorId ?? undefined })}>
            {t('audit.event.filterActor')}
          </Button>
        )}
        {event.entityId && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => onFilter({ entityType: event.entityType, entityId: event.entityId ?? undefined })}
          >
            {t('audit.event.filterEntity')}
          </Button>
        )}
      </Group>
      <Title order={3} size="h5">
        {t('audit.event.changes')}
      </Title>
      <DataTable
        id="audit-changes"
        label={t('audit.event.changesLabel', { seq: event.seq })}
        columns={changeColumns}
        rows={event.changes}
        rowKey={(change) => change.path}
        minWidth={400}
        empty={<Text size="sm">{t('audit.event.noChanges')}</Text>}
      />
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {t('audit.event.hash', { hash: event.hash })}
        <br />
        {t('audit.event.previousHash', { hash: event.prevHash })}
      </Text>
    </Stack>
  );
}

/**
 * The audit trail, newest first, filtered on the server and loaded a page at a time as the reader scrolls (only
 * the rows in view are drawn). Sorting by sequence or time is the server's order over the whole trail; other
 * columns order the events loaded so far (a note says so). The CSV reads the whole view, capped.
 */
export function AuditExplorer({
  search,
  onSearchChange,
}: {
  search: AuditSearch;
  onSearchChange: (search: AuditSearch) => void;
}) {
  const events = useInfiniteQuery(auditQueries.events(search));
  const rows = events.data?.pages.flatMap((page) => page.auditEvents.edges.map((edge) => edge.node)) ?? [];
  // The open event is in the URL, so a link can cite it; one not loaded in the list is read on its own.
  const loadedEvent = search.event === undefined ? undefined : rows.find((event) => event.seq === String(search.event));
  const linkedEvent = useQuery({
    ...auditQueries.event(String(search.event ?? 0)),
    enabled: search.event !== undefined && !loadedEvent,
  });
  const selected = loadedEvent ?? linkedEvent.data ?? null;
  const openEvent = (event: AuditEventNode) => onSearchChange({ ...search, event: Number(event.seq) });
  const closeEvent = () => onSearchChange({ ...search, event: undefined });
  const sort = parseTableSort(search.sort);
  const filtered = Object.keys(filtersOf(search)).length > 0;

  const columns: DataColumn<AuditEventNode>[] = [
    {
      id: 'seq',
      header: t('audit.column.seq'),
      value: (event) => Number(event.seq),
      hideable: false,
      width: '96px',
      align: 'right',
      // The sequence number opens the event: the chain position is how auditors cite an event.
      cell: (event) => (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => openEvent(event)}
          aria-label={t('audit.details', { seq: event.seq })}
        >
          {event.seq}
        </Button>
      ),
    },
    {
      id: 'time',
      header: t('audit.column.time'),
      value: (event) => new Date(event.occurredAt),
      width: '180px',
      cell: (event) => <DateTime value={event.occurredAt} format="dateTime" />,
    },
    {
      id: 'actor',
      header: t('audit.column.actor'),
      value: actorName,
      width: '220px',
      cell: (event) => (
        <>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {actorName(event)}
          </Text>
          {event.actorLabel && (
            <Text size="xs" c="dimmed">
              {event.actorRoles.length
                ? t('audit.actorWithType', {
                    type: labelOf(actorTypeLabels, event.actorType),
                    roles: event.actorRoles.join(', '),
                  })
                : labelOf(actorTypeLabels, event.actorType)}
            </Text>
          )}
        </>
      ),
    },
    {
      id: 'action',
      header: t('audit.column.action'),
      value: (event) => event.action,
      width: '220px',
      cell: (event) => <Code>{event.action}</Code>,
    },
    {
      id: 'entity',
      header: t('audit.column.entity'),
      value: (event) => event.entityType,
      width: '170px',
      cell: (event) => (
        <>
          <Text size="sm">{event.entityType}</Text>
          {event.entityId && (
            <Text size="xs" c="dimmed" truncate="end" title={event.entityId}>
              {event.entityId}
            </Text>
          )}
        </>
      ),
    },
    {
      id: 'outcome',
      header: t('audit.column.outcome'),
      value: (event) => labelOf(outcomeLabels, event.outcome),
      width: '200px',
      cell: (event) => (
        <>
          <Badge color={outcomeColor[event.outcome] ?? 'gray'} variant="light" tt="none">
            {labelOf(outcomeLabels, event.outcome)}
          </Badge>
          {event.outcome !== 'SUCCESS' && event.reason && (
            <Text size="xs" c="dimmed" mt={2} lineClamp={2} title={event.reason}>
              {event.reason}
            </Text>
          )}
        </>
      ),
    },
    {
      id: 'channel',
      header: t('audit.column.channel'),
      value: (event) => labelOf(channelLabels, event.channel),
      width: '110px',
      defaultHidden: true,
    },
    { id: 'reason', header: t('audit.column.reason'), value: (event) => event.reason, width: '220px', defaultHidden: true },
    { id: 'actorId', header: t('audit.column.actorId'), value: (event) => event.actorId, width: '200px', defaultHidden: true },
    {
      id: 'entityId',
      header: t('audit.filters.entityId'),
      value: (event) => event.entityId,
      width: '200px',
      defaultHidden: true,
    },
    {
      id: 'requestId',
      header: t('audit.column.requestId'),
      value: (event) => event.requestId,
      width: '200px',
      defaultHidden: true,
    },
    { id: 'ip', header: t('audit.column.ip'), value: (event) => event.ip, width: '140px', defaultHidden: true },
  ];

  return (
    <Stack>
      <VerificationBanner />
      <Filters key={JSON.stringify(filtersOf(search))} search={search} onChange={onSearchChange} />
      {!sortedByServer(search) && events.hasNextPage && (
        <Text size="xs" c="dimmed" role="note">
          {t('audit.events.sortedLoaded', { count: rows.length })}
        </Text>
      )}
      <DataTable
        id="audit-events"
        label={t('audit.events.label')}
        columns={columns}
        rows={rows}
        rowKey={(event) => event.id}
        sort={sort}
        sortedByServer={sortedByServer(search)}
        onSortChange={(next) => onSearchChange({ ...filtersOf(search), sort: formatTableSort(next) })}
        isLoading={events.isPending}
        error={events.error}
        errorTitle={t('audit.events.failed')}
        onRetry={() => void events.refetch()}
        virtualized
        hasMore={events.hasNextPage}
        isFetchingMore={events.isFetchingNextPage}
        onNeedMore={() => void events.fetchNextPage()}
        loadAllRows={() => loadAuditEvents(search)}
        minWidth={1100}
        actions={
          <Text size="xs" c="dimmed" maw={280}>
            {t('audit.events.csvLimit', { limit: formatNumber(CSV_EVENT_LIMIT) })}
          </Text>
        }
        empty={
          filtered ? (
            <EmptyState
              title={t('audit.events.empty')}
              description={t('audit.events.emptyHint')}
              action={
                <Button variant="default" size="xs" onClick={() => onSearchChange({ sort: search.sort })}>
                  {t('audit.events.clearFilters')}
                </Button>
              }
            />
          ) : (
            <EmptyState title={t('audit.events.emptyUnfiltered')} />
          )
        }
      />
      <Drawer
        opened={search.event !== undefined}
        onClose={closeEvent}
        closeButtonProps={{ 'aria-label': t('audit.event.close') }}
        position="right"
        size="lg"
        title={search.event ? t('audit.event.title', { seq: String(search.event) }) : ''}
      >
        {selected ? (
          <EventDetail event={selected} onFilter={(filter) => onSearchChange({ ...filter, sort: search.sort })} />
        ) : linkedEvent.isError ? (
          <ErrorState title={t('audit.event.error')} error={linkedEvent.error} onRetry={() => void linkedEvent.refetch()} />
        ) : linkedEvent.isPending && linkedEvent.fetchStatus !== 'idle' ? (
          <LoadingState what={t('audit.event.title', { seq: String(search.event ?? '') })} rows={8} />
        ) : (
          <EmptyState title={t('audit.event.notFound', { seq: String(search.event ?? '') })} />
        )}
      </Drawer>
    </Stack>
  );
}

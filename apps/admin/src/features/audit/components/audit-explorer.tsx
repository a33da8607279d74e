import { Badge, Button, Code, Drawer, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AuditEventsQuery } from '../../../gql/graphql';
import { auditQueries } from '../queries';
import type { AuditSearch } from '../search';
import { VerificationBanner } from './verification-banner';
import { QueryError } from '../../../components/query-error';

type AuditEventNode = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const outcomeColor = { SUCCESS: 'teal', DENIED: 'orange', FAILURE: 'red' } as Record<string, string>;

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
    <form onSubmit={submit} aria-label="Filter audit events">
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Actor id" value={draft.actorId ?? ''} onChange={(e) => set('actorId')(e.currentTarget.value)} w={200} />
        <TextInput
          label="Action"
          placeholder="auth.sign_in"
          value={draft.action ?? ''}
          onChange={(e) => set('action')(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          label="Entity type"
          value={draft.entityType ?? ''}
          onChange={(e) => set('entityType')(e.currentTarget.value)}
          w={130}
        />
        <TextInput
          label="Entity id"
          value={draft.entityId ?? ''}
          onChange={(e) => set('entityId')(e.currentTarget.value)}
          w={200}
        />
        <Select
          label="Outcome"
          data={['SUCCESS', 'DENIED', 'FAILURE']}
          clearable
          value={draft.outcome ?? null}
          onChange={set('outcome')}
          w={130}
        />
        <TextInput
          label="From (UTC day)"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput label="To (UTC day)" type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.currentTarget.value)} />
        <Button type="submit">Apply</Button>
        <Button
          variant="subtle"
          onClick={() => {
            setDraft({});
            onChange({});
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}

function EventDetail({ event }: { event: AuditEventNode }) {
  return (
    <Stack gap="sm">
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {(
            [
              ['Sequence', event.seq],
              ['Time', new Date(event.occurredAt).toISOString()],
              ['Actor', `${event.actorType} ${event.actorLabel ?? ''} ${event.actorId ?? ''}`],
              ['Roles / scopes', event.actorRoles.join(', ') || '—'],
              ['Channel', event.channel],
              ['Action', event.action],
              ['Entity', `${event.entityType} ${event.entityId ?? ''}`],
              ['Outcome', event.outcome],
              ['Reason', event.reason ?? '—'],
              ['Request id', event.requestId ?? '—'],
              ['IP / user agent', `${event.ip ?? '—'} / ${event.userAgent ?? '—'}`],
            ] as const
          ).map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={140}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">
        Changes
      </Title>
      {event.changes.length === 0 ? (
        <Text size="sm">No field changed.</Text>
      ) : (
        <Table withTableBorder data-testid="audit-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {event.changes.map((change) => (
              <Table.Tr key={change.path}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td>{show(change.before)}</Table.Td>
                <Table.Td>{show(change.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        Hash {event.hash}
        <br />
        Previous {event.prevHash}
      </Text>
    </Stack>
  );
}

export function AuditExplorer({
  search,
  onSearchChange,
}: {
  search: AuditSearch;
  onSearchChange: (search: AuditSearch) => void;
}) {
  const events = useInfiniteQuery(auditQueries.events(search));
  const [selected, setSelected] = useState<AuditEventNode | null>(null);
  const rows = events.data?.pages.flatMap((page) => page.auditEvents.edges.map((edge) => edge.node)) ?? [];

  return (
    <Stack>
      <VerificationBanner />
      <Filters key={JSON.stringify(search)} search={search} onChange={onSearchChange} />
      {events.isPending ? (
        <Stack role="status" aria-busy="true" aria-label="Loading audit events">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={28} />
          ))}
        </Stack>
      ) : events.isError ? (
        <QueryError title="Could not load the audit trail" error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">No events match these filters.</Text>
      ) : (
        <Table striped highlightOnHover data-testid="audit-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Time (UTC)</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Entity</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Details</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{event.seq}</Table.Td>
                <Table.Td>{new Date(event.occurredAt).toISOString().replace('T', ' ').slice(0, 19)}</Table.Td>
                <Table.Td>{event.actorLabel ?? event.actorType}</Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>{event.entityType}</Table.Td>
                <Table.Td>
                  <Badge color={outcomeColor[event.outcome] ?? 'gray'} variant="light">
                    {event.outcome}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setSelected(event)}
                    aria-label={`Details of event ${event.seq}`}
                  >
                    Details
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {events.hasNextPage && (
        <Group>
          <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
            Load older events
          </Button>
        </Group>
      )}
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={selected ? `Event #${selected.seq}` : ''}
      >
        {selected && <EventDetail event={selected} />}
      </Drawer>
    </Stack>
  );
}

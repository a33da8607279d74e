import { Prisma } from '@modelgate/db';
import { canonicalJson } from '@modelgate/domain/audit';
import { periodOf, type ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportColumn, ReportSection } from '../formats/report-document.js';
import { allOf, date, list, sqlSection, text } from './sql-section.js';

const json = (value: unknown) => (value === null || value === undefined ? null : canonicalJson(value));

/** Which events (`e`) an extract holds. */
export function auditExtractScope(filters: ReportFilters): Prisma.Sql {
  const { start, end } = periodOf(filters);
  return allOf([
    ...(start ? [Prisma.sql`e.occurred_at >= ${start}`] : []),
    ...(end ? [Prisma.sql`e.occurred_at < ${end}`] : []),
    ...(filters.actorId ? [Prisma.sql`e.actor_id = ${filters.actorId}`] : []),
    ...(filters.action ? [Prisma.sql`e.action = ${filters.action}`] : []),
    ...(filters.entityType ? [Prisma.sql`e.entity_type = ${filters.entityType}`] : []),
    ...(filters.entityId ? [Prisma.sql`e.entity_id = ${filters.entityId}`] : []),
  ]);
}

export const AUDIT_EVENTS_SECTION = {
  key: 'audit-events',
  title: 'Audit events',
  description: 'Each event with who, what, when, the record before and after, and its place in the hash chain.',
} as const;

/** The extract's columns, in the order both the generic path and `auditTrailCopyQuery` give them. */
export const AUDIT_EVENT_COLUMNS: readonly ReportColumn[] = [
  { key: 'seq', header: 'Seq', width: 8 },
  { key: 'occurredAt', header: 'Occurred', type: 'datetime', width: 16 },
  { key: 'actorType', header: 'Actor type', width: 7 },
  { key: 'actor', header: 'Actor', width: 20 },
  { key: 'actorId', header: 'Actor id', width: 12 },
  { key: 'actorRoles', header: 'Roles', width: 12 },
  { key: 'channel', header: 'Channel', width: 7 },
  { key: 'action', header: 'Action', width: 20 },
  { key: 'entityType', header: 'Record type', width: 12 },
  { key: 'entityId', header: 'Record id', width: 12 },
  { key: 'outcome', header: 'Outcome', width: 8 },
  { key: 'reason', header: 'Reason', width: 20 },
  { key: 'before', header: 'Before', width: 30 },
  { key: 'after', header: 'After', width: 30 },
  { key: 'id', header: 'Event id', width: 12 },
  { key: 'requestId', header: 'Request id', width: 10 },
  { key: 'ip', header: 'IP', width: 10 },
  { key: 'userAgent', header: 'User agent', width: 12 },
  { key: 'prevHash', header: 'Previous hash', width: 16 },
  { key: 'hash', header: 'Hash', width: 16 },
];

/**
 * Audit events in chain order with every hashed field (before/after as canonical JSON), so each
 * event's hash and its link to the previous one can be recomputed from the extract alone.
 */
export async function auditTrailExtract(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const events = await sqlSection(tx, {
    ...AUDIT_EVENTS_SECTION,
    columns: AUDIT_EVENT_COLUMNS,
    numericCursor: true,
    query: Prisma.sql`
      SELECT e.seq AS cursor, e.occurred_at, e.actor_type, e.actor_label, e.actor_id, e.actor_roles, e.channel, e.action,
             e.entity_type, e.entity_id, e.outcome, e.reason, e.before, e.after, e.id, e.request_id, e.ip, e.user_agent,
             e.prev_hash, e.hash
      FROM audit_event e
      WHERE ${auditExtractScope(filters)}`,
    toRow: (r) => [
      String(r.cursor),
      date(r.occurred_at),
      text(r.actor_type),
      text(r.actor_label),
      text(r.actor_id),
      list(r.actor_roles),
      text(r.channel),
      text(r.action),
      text(r.entity_type),
      text(r.entity_id),
      text(r.outcome),
      text(r.reason),
      json(r.before),
      json(r.after),
      text(r.id),
      text(r.request_id),
      text(r.ip),
      text(r.user_agent),
      text(r.prev_hash),
      text(r.hash),
    ],
  });
  return [events];
}

/** Where the JSON columns (before, after) are in `AUDIT_EVENT_COLUMNS`: PostgreSQL prints them as jsonb, not canonical JSON. */
export const AUDIT_EVENT_JSON_COLUMNS: ReadonlySet<number> = new Set(
  AUDIT_EVENT_COLUMNS.flatMap((column, index) => (column.key === 'before' || column.key === 'after' ? [index] : [])),
);

/**
 * The extract as one query for `COPY (...) TO STDOUT (FORMAT csv)`, with the cells as PostgreSQL can print them
 * (`CopyCsvToReportCsv` then applies the rest of the writers' rules): the same columns and rows, in chain order, as
 * `auditTrailExtract`. COPY takes no parameters, so the filters are written in as literals by `quote`.
 */
export function auditTrailCopyQuery(filters: ReportFilters, quote: (text: string) => string): string {
  const query = Prisma.sql`
    SELECT e.seq, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.actor_type, e.actor_label,
           e.actor_id, array_to_string(e.actor_roles, ', ', 'null'), e.channel, e.action, e.entity_type, e.entity_id,
           e.outcome, e.reason, e.before, e.after, e.id, e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash
    FROM audit_event e
    WHERE ${auditExtractScope(filters)}
    ORDER BY e.seq`;
  return query.strings.reduce((text, part, index) => text + inlineValue(query.values[index - 1], quote) + part);
}

function inlineValue(value: unknown, quote: (text: string) => string): string {
  if (typeof value === 'string') return quote(value);
  if (value instanceof Date) return `${quote(value.toISOString())}::timestamptz`;
  throw new TypeError(`no literal for a ${typeof value} filter value`);
}

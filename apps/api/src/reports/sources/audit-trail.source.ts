import { Prisma } from '@modelgate/db';
import { canonicalJson } from '@modelgate/domain/audit';
import { periodOf, type ReportFilters } from '@modelgate/domain/reports';
import type { Tx } from '../../audit/audit.repository.js';
import type { ReportSection } from '../formats/report-document.js';
import { allOf, date, list, sqlSection, text } from './sql-section.js';

const json = (value: unknown) => (value === null || value === undefined ? null : canonicalJson(value));

/**
 * Audit events in chain order with every hashed field (before/after as canonical JSON), so each
 * event's hash and its link to the previous one can be recomputed from the extract alone.
 */
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

export async function auditTrailExtract(tx: Tx, filters: ReportFilters): Promise<ReportSection[]> {
  const events = await sqlSection(tx, {
    key: 'audit-events',
    title: 'Audit events',
    description: 'Each event with who, what, when, the record before and after, and its place in the hash chain.',
    columns: [
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
    ],
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

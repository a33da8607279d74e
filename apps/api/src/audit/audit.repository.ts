import { Inject, Injectable } from '@nestjs/common';
import { connectionConfig, Prisma, type DatabaseConnectionOptions } from '@modelgate/db';
import {
  canonicalJson,
  type AuditOrder,
  type ChainedAuditEvent,
  type ChainPosition,
  type VerifiableEvent,
} from '@modelgate/domain/audit';
import pg from 'pg';
import { DATABASE_RUNTIME } from '../database/database.module.js';
import { PrismaService } from '../database/prisma.service.js';

export type Tx = Prisma.TransactionClient;

const AUDIT_EVENT_COLUMNS = `seq, id, occurred_at, actor_type, actor_id, actor_label, actor_roles, channel, action, entity_type,
  entity_id, before, after, outcome, reason, request_id, ip, user_agent, prev_hash, hash`;
/** The events as one JSON parameter, turned into rows of the table's own type (its columns convert each member). */
const INSERT_EVENTS = `INSERT INTO audit_event (${AUDIT_EVENT_COLUMNS})
  SELECT ${AUDIT_EVENT_COLUMNS} FROM jsonb_populate_recordset(NULL::audit_event, $1::jsonb)`;
const INSERT_BATCH = 5_000;

/** Serialises writers of the chain: one linear chain even under concurrent transactions. */
const AUDIT_CHAIN_LOCK = 0x4d47_4155; // "MGAU"

export const auditEventSelect = {
  seq: true,
  id: true,
  occurredAt: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  actorRoles: true,
  channel: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  outcome: true,
  reason: true,
  requestId: true,
  ip: true,
  userAgent: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

export const auditCheckpointSelect = {
  id: true,
  seq: true,
  hash: true,
  signedAt: true,
  keyId: true,
  publicKey: true,
  signature: true,
} satisfies Prisma.AuditCheckpointSelect;

export type AuditCheckpointRow = Prisma.AuditCheckpointGetPayload<{ select: typeof auditCheckpointSelect }>;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

/** An event as `insertMany` writes it: every member the hash covers (`before` and `after` null when there is none) and the hash. */
export type AuditEventInsert = ChainedAuditEvent & { hash: string };

/** An event as chain verification reads it: the hashed members and the stored hash. */
export type ChainedEventRow = ChainedAuditEvent & { hash: string };

export type AuditEventFilterWhere = {
  actorId?: string | null;
  action?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: string | null;
  from?: Date | null;
  to?: Date | null;
};

@Injectable()
export class AuditRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(DATABASE_RUNTIME) private readonly connection: DatabaseConnectionOptions,
  ) {}

  /**
   * Takes the chain lock until the transaction ends and returns the current head and the database
   * clock. Taking the time after the lock keeps occurredAt in chain order.
   */
  async lockHead(tx: Tx): Promise<{ seq: bigint; hash: string } | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    return tx.auditEvent.findFirst({ select: { seq: true, hash: true }, orderBy: { seq: 'desc' } });
  }

  /**
   * `lockHead` and `databaseNow` in two statements instead of three: the head and the time are read together, after
   * the lock (a statement sees what committed before it started, so the head is never read in the lock's statement).
   */
  async lockHeadAndNow(tx: Tx): Promise<{ head: { seq: bigint; hash: string } | null; now: Date }> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    const [row] = await tx.$queryRaw<Array<{ seq: bigint | null; hash: string | null; now: Date }>>`
      SELECT head.seq, head.hash, date_trunc('milliseconds', clock_timestamp()) AS now
      FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS head ON true`;
    if (!row) throw new Error('clock_timestamp() returned nothing');
    return { head: row.seq !== null && row.hash !== null ? { seq: row.seq, hash: row.hash } : null, now: row.now };
  }

  async databaseNow(tx: Tx): Promise<Date> {
    const [row] = await tx.$queryRaw<Array<{ now: Date }>>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
    if (!row) throw new Error('clock_timestamp() returned nothing');
    return row.now;
  }

  insert(tx: Tx, data: Prisma.AuditEventCreateInput): Promise<AuditEventRow> {
    return tx.auditEvent.create({ data, select: auditEventSelect });
  }

  /** Newest or oldest first, keyset-paginated on seq (`cursor`: the last seq of the previous page). */
  findPage(
    where: AuditEventFilterWhere,
    take: number,
    cursor: bigint | null,
    order: AuditOrder = 'NEWEST_FIRST',
  ): Promise<AuditEventRow[]> {
    const newestFirst = order === 'NEWEST_FIRST';
    return this.prisma.auditEvent.findMany({
      select: auditEventSelect,
      where: {
        ...(where.actorId ? { actorId: where.actorId } : {}),
        ...(where.action ? { action: where.action } : {}),
        ...(where.entityType ? { entityType: where.entityType } : {}),
        ...(where.entityId ? { entityId: where.entityId } : {}),
        ...(where.outcome ? { outcome: where.outcome } : {}),
        ...(where.from || where.to
          ? { occurredAt: { ...(where.from ? { gte: where.from } : {}), ...(where.to ? { lt: where.to } : {}) } }
          : {}),
        ...(cursor !== null ? { seq: newestFirst ? { lt: cursor } : { gt: cursor } } : {}),
      },
      orderBy: { seq: newestFirst ? 'desc' : 'asc' },
      take,
    });
  }

  /** Successful changes to the given records, newest first, at most `perRecord` each. */
  async findChangesOf(entityType: string, entityIds: readonly string[], perRecord: number): Promise<AuditEventRow[]> {
    if (entityIds.length === 0) return [];
    const ranked = await this.prisma.$queryRaw<{ seq: bigint }[]>`
      SELECT seq FROM (
        SELECT seq, row_number() OVER (PARTITION BY entity_id ORDER BY seq DESC) AS rank
        FROM audit_event
        WHERE entity_type = ${entityType} AND entity_id = ANY(${[...entityIds]}::varchar[]) AND outcome = 'SUCCESS'
      ) AS latest
      WHERE rank <= ${perRecord}`;
    if (ranked.length === 0) return [];
    return this.prisma.auditEvent.findMany({
      select: auditEventSelect,
      where: { seq: { in: ranked.map((row) => row.seq) } },
      orderBy: { seq: 'desc' },
    });
  }

  /**
   * Appends chained events: JSON-fed statements, not Prisma's createMany (bulk imports append thousands at once). Every
   * event carries every column (a missing before or after as null, stored as SQL NULL), so a call's events go in one
   * statement per 5,000: the chain lock is held until commit, and each statement under it delays every other writer.
   */
  async insertMany(tx: Tx, rows: readonly AuditEventInsert[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const records = rows.slice(start, start + INSERT_BATCH).map((row) => ({
        seq: row.seq.toString(),
        id: row.id,
        occurred_at: row.occurredAt,
        actor_type: row.actorType,
        actor_id: row.actorId,
        actor_label: row.actorLabel,
        actor_roles: row.actorRoles,
        channel: row.channel,
        action: row.action,
        entity_type: row.entityType,
        entity_id: row.entityId,
        before: row.before,
        after: row.after,
        outcome: row.outcome,
        reason: row.reason,
        request_id: row.requestId,
        ip: row.ip,
        user_agent: row.userAgent,
        prev_hash: row.prevHash,
        hash: row.hash,
      }));
      await tx.$executeRawUnsafe(INSERT_EVENTS, JSON.stringify(records));
    }
  }

  insertCheckpoint(tx: Tx, data: Prisma.AuditCheckpointCreateInput) {
    return tx.auditCheckpoint.create({ data, select: auditCheckpointSelect });
  }

  findCheckpoints(take: number) {
    return this.prisma.auditCheckpoint.findMany({ select: auditCheckpointSelect, orderBy: { seq: 'desc' }, take });
  }

  findLatestCheckpoint(tx: Tx) {
    return tx.auditCheckpoint.findFirst({ select: auditCheckpointSelect, orderBy: { seq: 'desc' } });
  }

  findHashesAt(seqs: bigint[]) {
    return this.prisma.auditEvent.findMany({ where: { seq: { in: seqs } }, select: { seq: true, hash: true } });
  }

  /** The first and last seq of the chain, or null while it is empty. */
  async findChainSpan(): Promise<{ first: bigint; last: bigint } | null> {
    const [span] = await this.prisma.$queryRaw<Array<{ first: bigint | null; last: bigint | null }>>`
      SELECT min(seq) AS first, max(seq) AS last FROM audit_event`;
    return span?.first != null && span.last != null ? { first: span.first, last: span.last } : null;
  }

  /** The last event at or before `seq`, with its stored hash. */
  findChainPositionAtOrBefore(seq: bigint): Promise<ChainPosition | null> {
    return this.prisma.auditEvent.findFirst({
      select: { seq: true, hash: true },
      where: { seq: { lte: seq } },
      orderBy: { seq: 'desc' },
    });
  }

  /**
   * The next `take` events after `afterSeq` (from the first when null), oldest first, with what their hash
   * covers: one raw statement, since chain verification reads every event and Prisma's model mapping cost
   * more than the hashing. The time comes as epoch milliseconds (the column keeps milliseconds) and the roles
   * as JSON, both cheaper to read than PostgreSQL's timestamp and array text.
   */
  async findChainPageAfter(afterSeq: bigint | null, take: number): Promise<ChainedEventRow[]> {
    const rows = await this.prisma.$queryRaw<Array<ChainedEventRow & { occurredAtMs: number }>>`
      SELECT seq, id, round(extract(epoch FROM occurred_at) * 1000)::float8 AS "occurredAtMs",
             actor_type AS "actorType", actor_id AS "actorId", actor_label AS "actorLabel",
             to_json(actor_roles) AS "actorRoles", channel, action, entity_type AS "entityType",
             entity_id AS "entityId", before, after, outcome, reason, request_id AS "requestId", ip,
             user_agent AS "userAgent", prev_hash AS "prevHash", hash
      FROM audit_event
      ${afterSeq === null ? Prisma.empty : Prisma.sql`WHERE seq > ${afterSeq}`}
      ORDER BY seq
      LIMIT ${take}`;
    // Set in place: a copy of each row costs as much again as this whole conversion.
    for (const row of rows) row.occurredAt = new Date(row.occurredAtMs);
    return rows;
  }

  /**
   * A connection of its own for reading the chain as hashed text (see {@link ChainReader}); close it when done.
   * Plain `pg` rather than Prisma: every event of the chain passes through here, and Prisma's raw-query result
   * mapping cost this process about as much as the hashing.
   */
  async openChainReader(): Promise<ChainReader> {
    const client = new pg.Client(connectionConfig(this.connection));
    await client.connect();
    return new ChainReader(client, async (seq) => {
      const [event] = await this.findChainPageAfter(seq - 1n, 1);
      if (event?.seq !== seq) throw new Error(`audit event ${seq} is gone while the chain is read`);
      return event;
    });
  }
}

/**
 * Reads the chain like {@link AuditRepository.findChainPageAfter}, but each event as the text its hash covers.
 * PostgreSQL writes most of it, on the database's core: the members that are plain text, escaped by `to_json`
 * (which escapes exactly as JSON.stringify does), and the time as `toISOString` writes it for years 1 to 9999.
 * This process adds the before/after JSON in canonical form, which needs JavaScript's own number and key order.
 * The layout is `eventHashContent`'s, member for member; audit-verify.spec.ts compares the two texts.
 */
export class ChainReader {
  constructor(
    private readonly client: pg.Client,
    private readonly readEvent: (seq: bigint) => Promise<ChainedEventRow>,
  ) {}

  /** The next `take` events after `afterSeq` (from the first when null) up to `uptoSeq` (inclusive; no end when null). */
  async pageAfter(afterSeq: bigint | null, uptoSeq: bigint | null, take: number): Promise<VerifiableEvent[]> {
    const { rows } = await this.client.query<ChainContentRow>({
      text: CHAIN_CONTENT_PAGE,
      values: [(afterSeq ?? SMALLEST_BIGINT).toString(), (uptoSeq ?? LARGEST_BIGINT).toString(), take],
      rowMode: 'array',
    });
    const events: VerifiableEvent[] = [];
    for (const [seq, untilAfter, after, before, fromBefore, prevHash, hash] of rows) {
      events.push(
        fromBefore === null
          ? // A time PostgreSQL does not write as toISOString does: the event is read by its members instead.
            await this.readEvent(BigInt(seq))
          : {
              seq: BigInt(seq),
              prevHash,
              hash,
              hashedContent: `${untilAfter}${canonicalJson(after ?? null)},"before":${canonicalJson(before ?? null)}${fromBefore}`,
            },
      );
    }
    return events;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** A row of {@link CHAIN_CONTENT_PAGE}, as `pg` gives it (bigint as text, jsonb parsed). */
type ChainContentRow = [
  seq: string,
  untilAfter: string,
  after: unknown,
  before: unknown,
  fromBefore: string | null,
  prevHash: string,
  hash: string,
];

const SMALLEST_BIGINT = -(2n ** 63n);
const LARGEST_BIGINT = 2n ** 63n - 1n;

/** A nullable text column as a JSON value: a string, or `null`. */
const jsonText = (column: string) => `coalesce(to_json(${column})::text, 'null')`;

/**
 * The hashed text in the canonical (sorted) member order, before `after` and from after `before` to the end.
 * `to_char` writes the time as toISOString does only for years 1 to 9999 (it has no sign, and more digits
 * after 9999); outside them the second part is null.
 */
const CHAIN_CONTENT_PAGE = `
  SELECT seq,
         '{"action":' || to_json(action)::text
           || ',"actor":{"id":' || ${jsonText('actor_id')} || ',"label":' || ${jsonText('actor_label')}
           || ',"roles":' || to_json(actor_roles)::text || ',"type":' || to_json(actor_type)::text
           || '},"after":',
         after, before,
         ',"channel":' || to_json(channel)::text
           || ',"entity":{"id":' || ${jsonText('entity_id')} || ',"type":' || to_json(entity_type)::text
           || '},"id":"' || id::text || '","ip":' || ${jsonText('ip')}
           || ',"occurredAt":"' || CASE WHEN occurred_at >= '0001-01-01T00:00:00Z' AND occurred_at < '10000-01-01T00:00:00Z'
                                   THEN to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END
           || '","outcome":' || to_json(outcome)::text || ',"prevHash":' || to_json(prev_hash)::text
           || ',"reason":' || ${jsonText('reason')} || ',"requestId":' || ${jsonText('request_id')}
           || ',"seq":"' || seq::text || '","userAgent":' || ${jsonText('user_agent')} || ',"v":1}',
         prev_hash, hash
  FROM audit_event
  WHERE seq > $1 AND seq <= $2
  ORDER BY seq
  LIMIT $3`;

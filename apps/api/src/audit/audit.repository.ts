import { Injectable } from '@nestjs/common';
import { bulkInsert, Prisma } from '@modelgate/db';
import type { AuditOrder, ChainedAuditEvent } from '@modelgate/domain/audit';
import { PrismaService } from '../database/prisma.service.js';

export type Tx = Prisma.TransactionClient;

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
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Takes the chain lock until the transaction ends and returns the current head and the database
   * clock. Taking the time after the lock keeps occurredAt in chain order.
   */
  async lockHead(tx: Tx): Promise<{ seq: bigint; hash: string } | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    return tx.auditEvent.findFirst({ select: { seq: true, hash: true }, orderBy: { seq: 'desc' } });
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

  /** Bulk changes (imports) append thousands of events at once: JSON-fed statements, not Prisma's createMany. */
  async insertMany(tx: Tx, rows: Prisma.AuditEventCreateManyInput[]): Promise<void> {
    await bulkInsert(tx, 'audit_event', rows);
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
}

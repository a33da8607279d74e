import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ChainVerifier,
  computeEventHash,
  diffJson,
  GENESIS_HASH,
  toStorableJson,
  type ChainVerification,
} from '@modelgate/domain/audit';
import { describeActor, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { AuditRepository, type AuditEventFilterWhere, type AuditEventRow, type Tx } from './audit.repository.js';

export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILURE';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: AuditOutcome;
  reason?: string | null;
};

const VERIFY_BATCH = 2_000;

@Injectable()
export class AuditService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Appends one event to the chain inside the caller's transaction, so the change and its record
   * commit or roll back together. Call it last in the transaction: it holds the chain lock until commit.
   */
  async record(tx: Tx, actor: Actor, entry: AuditEntry): Promise<AuditEventRow> {
    const head = await this.audit.lockHead(tx);
    const occurredAt = await this.audit.databaseNow(tx);
    const [event] = this.chain(head, occurredAt, actor, [entry]);
    return this.audit.insert(tx, event!);
  }

  /**
   * Appends many events at once (bulk import), under one lock and in as few statements as possible.
   * Same guarantees as `record`: call it last in the transaction.
   */
  async recordMany(tx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const head = await this.audit.lockHead(tx);
    const occurredAt = await this.audit.databaseNow(tx);
    await this.audit.insertMany(tx, this.chain(head, occurredAt, actor, entries));
    return entries.length;
  }

  private chain(head: { seq: bigint; hash: string } | null, occurredAt: Date, actor: Actor, entries: readonly AuditEntry[]) {
    let seq = head?.seq ?? 0n;
    let prevHash = head?.hash ?? GENESIS_HASH;
    return entries.map((entry) => {
      seq += 1n;
      const event = {
        seq,
        id: randomUUID(),
        occurredAt,
        ...describeActor(actor),
        channel: actor.channel,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        before: entry.before === undefined ? null : toStorableJson(entry.before),
        after: entry.after === undefined ? null : toStorableJson(entry.after),
        outcome: entry.outcome ?? 'SUCCESS',
        reason: entry.reason?.slice(0, 1000) ?? null,
        requestId: actor.requestId?.slice(0, 128) ?? null,
        ip: actor.ip?.slice(0, 64) ?? null,
        userAgent: actor.userAgent?.slice(0, 512) ?? null,
        prevHash,
      };
      const hash = computeEventHash(event);
      prevHash = hash;
      return {
        ...event,
        before: event.before === null ? undefined : event.before,
        after: event.after === null ? undefined : event.after,
        hash,
      };
    });
  }

  /** Records an event in a transaction of its own (failed sign-ins, denied attempts). */
  recordAlone(actor: Actor, entry: AuditEntry): Promise<AuditEventRow> {
    return this.prisma.$transaction((tx) => this.record(tx, actor, entry));
  }

  list(filter: AuditEventFilterWhere, take: number, beforeSeq: bigint | null): Promise<AuditEventRow[]> {
    return this.audit.findPage(filter, take, beforeSeq);
  }

  /** Walks the whole chain from the first event, in batches, and reports the first break. */
  async verify(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after: bigint | null = null;
    for (;;) {
      const batch = await this.audit.findBatchAfter(after, VERIFY_BATCH);
      if (batch.length === 0 || !verifier.add(batch)) break;
      after = batch.at(-1)!.seq;
    }
    return verifier.result();
  }

  changes(event: { before: unknown; after: unknown }) {
    return diffJson(event.before, event.after);
  }

  /**
   * The change history of records of one type, for showing beside the records themselves: who changed
   * what and when, newest first, at most `perRecord` changes each. Refusals and failures are left out.
   */
  async historyOf(entityType: string, entityIds: readonly string[], perRecord: number): Promise<Map<string, RecordChange[]>> {
    const history = new Map<string, RecordChange[]>(entityIds.map((id) => [id, []]));
    for (const event of await this.audit.findChangesOf(entityType, entityIds, perRecord)) {
      history.get(event.entityId!)?.push({
        action: event.action,
        occurredAt: event.occurredAt,
        actorType: event.actorType,
        actorLabel: event.actorLabel,
        channel: event.channel,
        changes: diffJson(event.before, event.after),
      });
    }
    return history;
  }
}

export type RecordChange = {
  action: string;
  occurredAt: Date;
  actorType: string;
  actorLabel: string | null;
  channel: string;
  changes: ReturnType<typeof diffJson>;
};

import { hash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ChainVerifier,
  computeEventHash,
  diffJson,
  GENESIS_HASH,
  toStorableJson,
  type AuditOrder,
  type ChainVerification,
} from '@modelgate/domain/audit';
import { describeActor, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import {
  AuditRepository,
  type AuditEventFilterWhere,
  type AuditEventRow,
  type ChainedEventRow,
  type Tx,
} from './audit.repository.js';

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

const VERIFY_BATCH = 5_000;

/** node:crypto's SHA-256 for the chain: the same digest as the domain's pure-JS default, several times faster. */
const sha256Hex = (text: string): string => hash('sha256', text);

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
      const eventHash = computeEventHash(event, sha256Hex);
      prevHash = eventHash;
      return {
        ...event,
        before: event.before === null ? undefined : event.before,
        after: event.after === null ? undefined : event.after,
        hash: eventHash,
      };
    });
  }

  /** Records an event in a transaction of its own (failed sign-ins, denied attempts). */
  recordAlone(actor: Actor, entry: AuditEntry): Promise<AuditEventRow> {
    return this.prisma.$transaction((tx) => this.record(tx, actor, entry));
  }

  /** A page of the trail in chain order, `cursor` being the last seq of the page before (exclusive). */
  list(
    filter: AuditEventFilterWhere,
    take: number,
    cursor: bigint | null,
    order: AuditOrder = 'NEWEST_FIRST',
  ): Promise<AuditEventRow[]> {
    return this.audit.findPage(filter, take, cursor, order);
  }

  /**
   * Walks the whole chain from the first event, in pages, and reports the first break. The next page is
   * read while the current one is hashed, so the database and the hashing work at the same time.
   */
  async verify(): Promise<ChainVerification> {
    const verifier = new ChainVerifier(sha256Hex);
    let next: Promise<ChainedEventRow[]> | null = this.audit.findChainPageAfter(null, VERIFY_BATCH);
    while (next) {
      const page: ChainedEventRow[] = await next;
      next = page.length === VERIFY_BATCH ? this.audit.findChainPageAfter(page.at(-1)!.seq, VERIFY_BATCH) : null;
      if (!verifier.add(page)) {
        // A break ends the walk: the page read ahead is not needed, but its failure must not go unhandled.
        await next?.catch(() => undefined);
        break;
      }
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

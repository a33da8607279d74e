import { hash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  chainRangeEnds,
  ChainVerifier,
  computeEventHash,
  diffJson,
  GENESIS_HASH,
  joinChainVerifications,
  toStorableJson,
  type AuditOrder,
  type ChainPosition,
  type ChainVerification,
  type VerifiableEvent,
} from '@modelgate/domain/audit';
import { describeActor, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import {
  AuditRepository,
  type AuditEventFilterWhere,
  type AuditEventInsert,
  type AuditEventRow,
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

/** An event's members other than its place in the chain (seq, time, previous hash) and its hash. */
type UnchainedEvent = Omit<AuditEventInsert, 'seq' | 'occurredAt' | 'prevHash' | 'hash'>;

const VERIFY_BATCH = 5_000;

/**
 * Ranges of the chain verified at the same time, each over its own connection. The database writes most of
 * each event's hashed text (see `ChainReader`), so it does about as much work per event as this process: two
 * readers keep it busy while this process hashes. The ranges share this thread: with the database needing a
 * core of its own, worker threads measured slower on two cores (more CPU per event, no spare core to use).
 */
const VERIFY_RANGES = 2;

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
    const unchained = this.unchained(actor, [entry]);
    const { head, now } = await this.audit.lockHeadAndNow(tx);
    const [event] = this.chain(head, now, unchained);
    return this.audit.insert(tx, {
      ...event!,
      actorRoles: [...event!.actorRoles],
      before: event!.before === null ? undefined : event!.before,
      after: event!.after === null ? undefined : event!.after,
    });
  }

  /**
   * Appends many events at once (bulk import), under one lock and in as few statements as possible.
   * Same guarantees as `record`: call it last in the transaction.
   */
  async recordMany(tx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const unchained = this.unchained(actor, entries);
    const { head, now } = await this.audit.lockHeadAndNow(tx);
    await this.audit.insertMany(tx, this.chain(head, now, unchained));
    return entries.length;
  }

  /**
   * The members of the events that do not depend on their place in the chain, made before the chain lock is taken:
   * every writer waits while the lock is held, so only the seq, time and hashes are left for then.
   */
  private unchained(actor: Actor, entries: readonly AuditEntry[]): UnchainedEvent[] {
    const who = describeActor(actor);
    return entries.map((entry) => ({
      id: randomUUID(),
      ...who,
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
    }));
  }

  private chain(
    head: { seq: bigint; hash: string } | null,
    occurredAt: Date,
    events: readonly UnchainedEvent[],
  ): AuditEventInsert[] {
    let seq = head?.seq ?? 0n;
    let prevHash = head?.hash ?? GENESIS_HASH;
    return events.map((unchained) => {
      seq += 1n;
      const event = { ...unchained, seq, occurredAt, prevHash };
      const eventHash = computeEventHash(event, sha256Hex);
      prevHash = eventHash;
      return { ...event, hash: eventHash };
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
   * Re-computes every hash of the chain and reports the first break, as one pass from the first event would.
   * The chain is split at existing events into ranges verified at the same time; each range starts after the
   * event the one before it ends at, from that event's stored hash, so the links at the borders are checked
   * like any other.
   */
  async verify(): Promise<ChainVerification> {
    const span = await this.audit.findChainSpan();
    if (!span) return new ChainVerifier(sha256Hex).result();
    const borders: ChainPosition[] = [];
    for (const end of chainRangeEnds(span.first, span.last, VERIFY_RANGES)) {
      const border = await this.audit.findChainPositionAtOrBefore(end);
      if (border && (borders.length === 0 || border.seq > borders.at(-1)!.seq)) borders.push(border);
    }
    const starts = [null, ...borders];
    // A range need not finish once an earlier one has found a break: the first break is reported.
    let firstBrokenRange = Infinity;
    const ranges = await Promise.all(
      starts.map(async (after, index) => {
        const range = await this.verifyRange(after, starts[index + 1]?.seq ?? null, () => firstBrokenRange < index);
        if (!range.ok) firstBrokenRange = Math.min(firstBrokenRange, index);
        return range;
      }),
    );
    return joinChainVerifications(ranges);
  }

  /**
   * Verifies the events after `after` (from the first event when null) up to `uptoSeq` (inclusive; to the end
   * when null), in pages, the next page read while the current one is hashed.
   */
  private async verifyRange(
    after: ChainPosition | null,
    uptoSeq: bigint | null,
    abandoned: () => boolean,
  ): Promise<ChainVerification> {
    const verifier = new ChainVerifier(sha256Hex, after);
    const reader = await this.audit.openChainReader();
    try {
      const pageAfter = (seq: bigint | null) => reader.pageAfter(seq, uptoSeq, VERIFY_BATCH);
      let next: Promise<VerifiableEvent[]> | null = pageAfter(after?.seq ?? null);
      while (next) {
        const page: VerifiableEvent[] = await next;
        next = page.length === VERIFY_BATCH && !abandoned() ? pageAfter(page.at(-1)!.seq) : null;
        if (!verifier.add(page)) {
          // A break ends the walk: the page read ahead is not needed, but its failure must not go unhandled.
          await next?.catch(() => undefined);
          break;
        }
      }
    } finally {
      await reader.close();
    }
    const result = verifier.result();
    if (result.firstBreak?.reason === 'HASH_MISMATCH') await this.confirmChanged(BigInt(result.firstBreak.seq));
    return result;
  }

  /**
   * The text hashed for an event is partly written by the database; before an event is reported as changed,
   * its hash is computed again from its members alone, as the domain writes it. Should that match, the two
   * writers of the text disagree: a defect to fix, not a tampered event, and no result is given.
   */
  private async confirmChanged(seq: bigint): Promise<void> {
    const [event] = await this.audit.findChainPageAfter(seq - 1n, 1);
    if (event?.seq === seq && computeEventHash(event, sha256Hex) === event.hash) {
      throw new Error(`audit event ${seq}: the hashed text read from the database differs from the domain's hash format`);
    }
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

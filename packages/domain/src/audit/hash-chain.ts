import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.js';

/** The `prevHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content an event's hash covers: everything but the hash itself. */
export type ChainedAuditEvent = {
  seq: bigint;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  actorRoles: readonly string[];
  channel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
};

export function computeEventHash(event: ChainedAuditEvent): string {
  const content = canonicalJson({
    v: 1,
    seq: event.seq.toString(),
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId, label: event.actorLabel, roles: [...event.actorRoles] },
    channel: event.channel,
    action: event.action,
    entity: { type: event.entityType, id: event.entityId },
    before: event.before ?? null,
    after: event.after ?? null,
    outcome: event.outcome,
    reason: event.reason,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    prevHash: event.prevHash,
  });
  return bytesToHex(sha256(utf8ToBytes(content)));
}

export type ChainBreak = {
  seq: string;
  reason: 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'SEQUENCE_NOT_INCREASING';
  message: string;
};

export type ChainVerification = {
  ok: boolean;
  checkedEvents: number;
  headSeq: string | null;
  headHash: string | null;
  firstBreak: ChainBreak | null;
};

/**
 * Checks events in the order the database returns them by `seq`. Streams: feed batches in order and
 * keep the returned state between them. An edited row fails its own hash; a deleted row leaves a gap
 * and a previous-hash mismatch; an inserted or reordered row breaks the previous-hash link.
 */
export class ChainVerifier {
  private expectedPrevHash = GENESIS_HASH;
  private expectedSeq: bigint | null = null;
  private checked = 0;
  private head: { seq: bigint; hash: string } | null = null;
  private broken: ChainBreak | null = null;

  /** Returns false once a break is found (later batches need not be read). */
  add(events: ReadonlyArray<ChainedAuditEvent & { hash: string }>): boolean {
    for (const event of events) {
      if (this.broken) return false;
      const seq = event.seq.toString();
      if (this.expectedSeq !== null && event.seq <= this.expectedSeq - 1n) {
        this.broken = { seq, reason: 'SEQUENCE_NOT_INCREASING', message: `event ${seq} is out of order` };
      } else if (this.expectedSeq !== null && event.seq !== this.expectedSeq) {
        this.broken = { seq, reason: 'SEQUENCE_GAP', message: `event ${this.expectedSeq} is missing before event ${seq}` };
      } else if (event.prevHash !== this.expectedPrevHash) {
        this.broken = { seq, reason: 'PREVIOUS_HASH_MISMATCH', message: `event ${seq} does not follow the event before it` };
      } else if (computeEventHash(event) !== event.hash) {
        this.broken = { seq, reason: 'HASH_MISMATCH', message: `event ${seq} was changed after it was written` };
      }
      if (this.broken) return false;
      this.checked += 1;
      this.expectedPrevHash = event.hash;
      this.expectedSeq = event.seq + 1n;
      this.head = { seq: event.seq, hash: event.hash };
    }
    return true;
  }

  result(): ChainVerification {
    return {
      ok: this.broken === null,
      checkedEvents: this.checked,
      headSeq: this.head?.seq.toString() ?? null,
      headHash: this.head?.hash ?? null,
      firstBreak: this.broken,
    };
  }
}

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

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export type Sha256Hex = (text: string) => string;

/**
 * The pure-JS SHA-256, for every runtime (the admin app hashes in the browser). On Node, callers pass
 * node:crypto's instead (`(text) => hash('sha256', text)`): the same digest, several times faster.
 */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** The hashed envelope as an object; its canonical JSON is what the hash covers. */
function eventEnvelope(event: ChainedAuditEvent) {
  return {
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
  };
}

/**
 * The text an event's hash covers: `canonicalJson(eventEnvelope(event))`, written member by member in
 * the canonical (sorted) key order, since verifying a long chain spends most of its time here.
 */
export function eventHashContent(event: ChainedAuditEvent): string {
  // An undefined member is dropped from canonical JSON; the written-out form below assumes every member is there.
  if (
    event.id === undefined ||
    event.actorType === undefined ||
    event.actorId === undefined ||
    event.actorLabel === undefined ||
    event.channel === undefined ||
    event.action === undefined ||
    event.entityType === undefined ||
    event.entityId === undefined ||
    event.outcome === undefined ||
    event.reason === undefined ||
    event.requestId === undefined ||
    event.ip === undefined ||
    event.userAgent === undefined ||
    event.prevHash === undefined
  ) {
    return canonicalJson(eventEnvelope(event));
  }
  return (
    `{"action":${canonicalJson(event.action)}` +
    `,"actor":{"id":${canonicalJson(event.actorId)},"label":${canonicalJson(event.actorLabel)},"roles":${canonicalJson([...event.actorRoles])},"type":${canonicalJson(event.actorType)}}` +
    `,"after":${canonicalJson(event.after ?? null)}` +
    `,"before":${canonicalJson(event.before ?? null)}` +
    `,"channel":${canonicalJson(event.channel)}` +
    `,"entity":{"id":${canonicalJson(event.entityId)},"type":${canonicalJson(event.entityType)}}` +
    `,"id":${canonicalJson(event.id)}` +
    `,"ip":${canonicalJson(event.ip)}` +
    `,"occurredAt":"${event.occurredAt.toISOString()}"` +
    `,"outcome":${canonicalJson(event.outcome)}` +
    `,"prevHash":${canonicalJson(event.prevHash)}` +
    `,"reason":${canonicalJson(event.reason)}` +
    `,"requestId":${canonicalJson(event.requestId)}` +
    `,"seq":"${event.seq.toString()}"` +
    `,"userAgent":${canonicalJson(event.userAgent)}` +
    ',"v":1}'
  );
}

/** The event's hash. Pass node:crypto's SHA-256 where the code runs on Node (see {@link sha256Hex}). */
export function computeEventHash(event: ChainedAuditEvent, digest: Sha256Hex = sha256Hex): string {
  return digest(eventHashContent(event));
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

/** An event of the chain as stored: where it sits, what it follows, and its hash. */
export type ChainPosition = { seq: bigint; hash: string };

/**
 * An event read as the text its hash covers, written by the reader (in SQL, say) instead of as members:
 * `hashedContent` must be exactly what {@link eventHashContent} writes for the event.
 */
export type HashedContentEvent = { seq: bigint; prevHash: string; hash: string; hashedContent: string };

/** What the verifier accepts: an event with its hashed members, or with the text they make. */
export type VerifiableEvent = (ChainedAuditEvent & { hash: string }) | HashedContentEvent;

/**
 * Checks events in the order the database returns them by `seq`. Streams: feed batches in order and
 * keep the returned state between them. An edited row fails its own hash; a deleted row leaves a gap
 * and a previous-hash mismatch; an inserted or reordered row breaks the previous-hash link.
 *
 * By default the chain starts at its first event (whose `prevHash` is the genesis hash). Given `after`,
 * it checks a later part of the chain: the first event must be `after.seq + 1` and follow `after.hash`,
 * which lets a long chain be checked in ranges (see {@link joinChainVerifications}).
 */
export class ChainVerifier {
  private expectedPrevHash: string;
  private expectedSeq: bigint | null;
  private checked = 0;
  private head: ChainPosition | null = null;
  private broken: ChainBreak | null = null;

  /** `digest`: node:crypto's SHA-256 where the caller runs on Node (see {@link sha256Hex}). */
  constructor(
    private readonly digest: Sha256Hex = sha256Hex,
    after: ChainPosition | null = null,
  ) {
    this.expectedPrevHash = after?.hash ?? GENESIS_HASH;
    this.expectedSeq = after ? after.seq + 1n : null;
  }

  /** Returns false once a break is found (later batches need not be read). */
  add(events: readonly VerifiableEvent[]): boolean {
    if (this.broken) return false;
    for (const event of events) {
      this.broken = this.breakAt(event);
      if (this.broken) return false;
      this.checked += 1;
      this.expectedPrevHash = event.hash;
      this.expectedSeq = event.seq + 1n;
      this.head = event;
    }
    return true;
  }

  private breakAt(event: VerifiableEvent): ChainBreak | null {
    const seq = () => event.seq.toString();
    if (this.expectedSeq !== null && event.seq < this.expectedSeq) {
      return { seq: seq(), reason: 'SEQUENCE_NOT_INCREASING', message: `event ${seq()} is out of order` };
    }
    if (this.expectedSeq !== null && event.seq !== this.expectedSeq) {
      return { seq: seq(), reason: 'SEQUENCE_GAP', message: `event ${this.expectedSeq} is missing before event ${seq()}` };
    }
    if (event.prevHash !== this.expectedPrevHash) {
      return { seq: seq(), reason: 'PREVIOUS_HASH_MISMATCH', message: `event ${seq()} does not follow the event before it` };
    }
    const hashedContent = 'hashedContent' in event ? event.hashedContent : eventHashContent(event);
    if (this.digest(hashedContent) !== event.hash) {
      return { seq: seq(), reason: 'HASH_MISMATCH', message: `event ${seq()} was changed after it was written` };
    }
    return null;
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

/**
 * Where to split a chain whose events run from `firstSeq` to `lastSeq` into `parts` ranges of about equal
 * length: the last seq of every range but the last. The reader takes the last event at or before each as
 * the border, so a range ends at an event that exists; the next range starts after it, from its stored hash.
 */
export function chainRangeEnds(firstSeq: bigint, lastSeq: bigint, parts: number): bigint[] {
  const length = lastSeq - firstSeq + 1n;
  const ends: bigint[] = [];
  for (let part = 1; part < parts; part++) {
    const end = firstSeq - 1n + (length * BigInt(part)) / BigInt(parts);
    if (end >= firstSeq && end < lastSeq && end !== ends.at(-1)) ends.push(end);
  }
  return ends;
}

/**
 * The verification of a whole chain from the verifications of its consecutive ranges, each started after
 * the event the one before it ends at: what one pass over the chain reports. Up to the first range with a
 * break, the events checked add up and the head is the last event checked; ranges after it are ignored,
 * as one pass would stop there.
 */
export function joinChainVerifications(ranges: readonly ChainVerification[]): ChainVerification {
  let joined: ChainVerification = { ok: true, checkedEvents: 0, headSeq: null, headHash: null, firstBreak: null };
  for (const range of ranges) {
    joined = {
      ok: range.ok,
      checkedEvents: joined.checkedEvents + range.checkedEvents,
      headSeq: range.headSeq ?? joined.headSeq,
      headHash: range.headHash ?? joined.headHash,
      firstBreak: range.firstBreak,
    };
    if (!range.ok) break;
  }
  return joined;
}

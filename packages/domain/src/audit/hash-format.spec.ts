import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
import { computeEventHash, eventHashContent, sha256Hex, type ChainedAuditEvent } from './hash-chain.js';

/*
 * Stored chains and signed checkpoints were hashed over the text of the first implementation, so the
 * faster one must write exactly the same text for every input. The first implementation is kept here,
 * word for word, as the reference.
 */
function firstCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('cannot hash a non-finite number');
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : firstCanonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${firstCanonicalJson(member)}`).join(',')}}`;
}

function firstEventHashContent(event: ChainedAuditEvent): string {
  return firstCanonicalJson({
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
}

const nodeSha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The same text, or the same error, from both implementations. */
const outcomeOf = (write: () => string) => {
  try {
    return { text: write() };
  } catch (error) {
    return { error: String(error) };
  }
};

/** Strings with what JSON must escape or keep: quotes, controls, line separators, lone surrogates, astral characters. */
const trickyString = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(
      '"',
      '\\',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u2028',
      '\u2029',
      '\ud800',
      '\udfff',
      '😀',
      'é',
      'e\u0301',
      '10',
      'B',
      'a',
    ),
  ),
  maxLength: 12,
});

const anyValue = fc.anything({
  key: fc.oneof(trickyString, fc.constantFrom('0', '1', '2', '10', '-1', '01', '__proto__', 'constructor', 'A', 'a', '')),
  values: [trickyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)],
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withUnicodeString: true,
});

const nullableString = fc.option(trickyString, { nil: null });

const eventArbitrary: fc.Arbitrary<ChainedAuditEvent> = fc.record({
  seq: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
  id: fc.oneof(fc.uuid(), trickyString),
  occurredAt: fc.date({ noInvalidDate: true }),
  actorType: trickyString,
  actorId: nullableString,
  actorLabel: nullableString,
  actorRoles: fc.array(trickyString, { maxLength: 4 }),
  channel: trickyString,
  action: trickyString,
  entityType: trickyString,
  entityId: nullableString,
  before: fc.oneof(fc.jsonValue(), anyValue, fc.constant(undefined)),
  after: fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), anyValue, fc.constant(undefined)),
  outcome: trickyString,
  reason: nullableString,
  requestId: nullableString,
  ip: nullableString,
  userAgent: nullableString,
  prevHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), trickyString),
});

/** Events as an untyped caller may pass them: any member missing. */
const eventWithMissingMembers = eventArbitrary.chain((event) =>
  fc.subarray(Object.keys(event)).map((dropped) => {
    const copy: Record<string, unknown> = { ...event };
    for (const key of dropped) if (!['seq', 'occurredAt', 'actorRoles'].includes(key)) copy[key] = undefined;
    return copy as ChainedAuditEvent;
  }),
);

describe('canonicalJson keeps the text of the first implementation', () => {
  it('for any JSON value, unicode included (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => canonicalJson(value) === firstCanonicalJson(value)),
      { numRuns: 2_000 },
    );
  });

  it('for any JavaScript value: dates, bigints, undefined, sparse arrays, boxed values, null prototypes (property)', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(outcomeOf(() => canonicalJson(value))).toEqual(outcomeOf(() => firstCanonicalJson(value)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('orders keys by UTF-16 code unit, integer-like keys included', () => {
    const value = { b: 1, '10': 2, '2': 3, B: 4, é: 5, '😀': 6, '\uffff': 7 };
    expect(canonicalJson(value)).toBe('{"10":2,"2":3,"B":4,"b":1,"é":5,"😀":6,"\uffff":7}');
    expect(canonicalJson(value)).toBe(firstCanonicalJson(value));
  });
});

describe('event hash content keeps the text of the first implementation', () => {
  it('for any event (property)', () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        expect(outcomeOf(() => eventHashContent(event))).toEqual(outcomeOf(() => firstEventHashContent(event)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('for events with members missing (property)', () => {
    fc.assert(
      fc.property(eventWithMissingMembers, (event) => {
        expect(outcomeOf(() => eventHashContent(event))).toEqual(outcomeOf(() => firstEventHashContent(event)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same hash with the pure-JS and the node:crypto SHA-256 (property)', () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        // A value JSON cannot hold (Infinity) is refused alike by both digests and by the first implementation.
        const expected = outcomeOf(() => nodeSha256Hex(firstEventHashContent(event)));
        expect(outcomeOf(() => computeEventHash(event))).toEqual(expected);
        expect(outcomeOf(() => computeEventHash(event, nodeSha256Hex))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a known event to the hash recorded before the rewrite', () => {
    const event: ChainedAuditEvent = {
      seq: 9007199254740993n,
      id: '0f8b4a62-1c0e-4e5e-9a57-3c2f7f1d9b10',
      occurredAt: new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 89)),
      actorType: 'USER',
      actorId: 'u-1',
      actorLabel: 'Zoë "Z" O\u2019Brien <zoe@example.com>',
      actorRoles: ['ADMIN', 'AUDITOR'],
      channel: 'ADMIN_APP',
      action: 'model.update',
      entityType: 'ModelVersion',
      entityId: 'mv-7',
      before: { name: 'Llama\u0000?', tags: ['a', 'ü'], limits: { tokens: 4096, ratio: 0.25 }, '10': 'ten', '2': 'two', B: null },
      after: { name: 'Llama 3 😀', tags: [], limits: { tokens: 8192, ratio: 1e21 }, note: 'line\nbreak\ttab\u2028' },
      outcome: 'SUCCESS',
      reason: null,
      requestId: 'req-1',
      ip: '::1',
      userAgent: null,
      prevHash: 'ab'.repeat(32),
    };
    const recorded = 'd105cd53a650fd8fbf683eb93dc507be495ef57fbdf174348aeb4b7145278ef6';
    expect(computeEventHash(event)).toBe(recorded);
    expect(computeEventHash(event, nodeSha256Hex)).toBe(recorded);
    expect(sha256Hex(eventHashContent(event))).toBe(recorded);
  });
});

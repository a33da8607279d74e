import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, toStorableJson } from './canonical-json.js';
import { ChainVerifier, computeEventHash, GENESIS_HASH, type ChainedAuditEvent } from './hash-chain.js';

type Stored = ChainedAuditEvent & { hash: string };

function chain(count: number): Stored[] {
  const events: Stored[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const event: ChainedAuditEvent = {
      seq: BigInt(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorType: 'USER',
      actorId: 'u1',
      actorLabel: 'ada@example.com',
      actorRoles: ['ADMIN'],
      channel: 'ADMIN_APP',
      action: 'user.update',
      entityType: 'User',
      entityId: `u${i}`,
      before: { name: `old ${i}` },
      after: { name: `new ${i}` },
      outcome: 'SUCCESS',
      reason: null,
      requestId: `r${i}`,
      ip: '127.0.0.1',
      userAgent: 'jest',
      prevHash,
    };
    const hash = computeEventHash(event);
    events.push({ ...event, hash });
    prevHash = hash;
  }
  return events;
}

const verify = (events: Stored[]) => {
  const verifier = new ChainVerifier();
  verifier.add(events);
  return verifier.result();
};

describe('audit hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const events = chain(5);
    expect(verify(events)).toEqual({ ok: true, checkedEvents: 5, headSeq: '5', headHash: events[4]!.hash, firstBreak: null });
  });

  it('verifies across batches as if it were one pass', () => {
    const events = chain(6);
    const verifier = new ChainVerifier();
    verifier.add(events.slice(0, 2));
    verifier.add(events.slice(2));
    expect(verifier.result()).toMatchObject({ ok: true, checkedEvents: 6 });
  });

  it('finds an edited event by its own hash', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { name: 'forged' } };
    expect(verify(events).firstBreak).toMatchObject({ seq: '3', reason: 'HASH_MISMATCH' });
  });

  it('finds an edited event even when the editor recomputed its hash (the next link breaks)', () => {
    const events = chain(5);
    const forged = { ...events[2]!, after: { name: 'forged' } };
    events[2] = { ...forged, hash: computeEventHash(forged) };
    expect(verify(events).firstBreak).toMatchObject({ seq: '4', reason: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('finds a deleted event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verify(events).firstBreak).toMatchObject({ seq: '3', reason: 'SEQUENCE_GAP' });
  });

  it('finds an inserted event', () => {
    const events = chain(4);
    const intruder = { ...events[1]!, id: 'intruder', seq: 3n };
    events.splice(2, 0, { ...intruder, hash: computeEventHash(intruder) });
    expect(verify(events).ok).toBe(false);
  });

  it('finds reordered events', () => {
    const events = chain(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verify(events).ok).toBe(false);
  });

  it('finds that the first event does not start from the genesis hash (history cut off)', () => {
    const events = chain(3).slice(1);
    expect(verify(events).firstBreak).toMatchObject({ seq: '2', reason: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('any single-field edit of any event is detected (property)', () => {
    const fields = ['actorId', 'actorLabel', 'action', 'entityId', 'outcome', 'requestId', 'ip', 'userAgent', 'reason'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...fields), fc.string(), (index, field, value) => {
        const events = chain(4);
        const original = events[index]!;
        fc.pre(original[field] !== value);
        events[index] = { ...original, [field]: value };
        return !verify(events).ok;
      }),
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal text for equal values whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(
          JSON.stringify(value, (_k, v: unknown) =>
            v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
          ),
        ) as unknown;
        return canonicalJson(value) === canonicalJson(reordered);
      }),
    );
  });

  it('hashes a stored value the same as what JSON storage returns (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const stored = toStorableJson(value);
        return canonicalJson(stored) === canonicalJson(JSON.parse(JSON.stringify(stored)));
      }),
    );
  });

  it('replaces NUL characters, which PostgreSQL jsonb refuses', () => {
    expect(toStorableJson({ name: 'a\u0000b' })).toEqual({ name: 'a\uFFFDb' });
  });
});

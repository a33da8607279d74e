import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, toStorableJson } from './canonical-json.js';
import {
  chainRangeEnds,
  ChainVerifier,
  computeEventHash,
  eventHashContent,
  GENESIS_HASH,
  joinChainVerifications,
  type ChainedAuditEvent,
} from './hash-chain.js';

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

describe('audit hash chain in ranges', () => {
  /** Verifies `events` split after the given indexes, each range started after the event before it, and joins them. */
  function verifyInRanges(events: Stored[], splitAfter: number[]) {
    const starts = [0, ...splitAfter.map((index) => index + 1)];
    return joinChainVerifications(
      starts.map((start, part) => {
        const before = events[start - 1];
        const verifier = new ChainVerifier(undefined, before ? { seq: before.seq, hash: before.hash } : null);
        verifier.add(events.slice(start, starts[part + 1]));
        return verifier.result();
      }),
    );
  }

  it('starts after a given event: the first event must follow its seq and hash', () => {
    const events = chain(6);
    const after = { seq: events[2]!.seq, hash: events[2]!.hash };
    const verifier = new ChainVerifier(undefined, after);
    verifier.add(events.slice(3));
    expect(verifier.result()).toEqual({ ok: true, checkedEvents: 3, headSeq: '6', headHash: events[5]!.hash, firstBreak: null });
    expect(verify(events.slice(3)).firstBreak).toMatchObject({ seq: '4', reason: 'PREVIOUS_HASH_MISMATCH' });

    const skipping = new ChainVerifier(undefined, after);
    skipping.add(events.slice(4));
    expect(skipping.result().firstBreak).toMatchObject({ seq: '5', reason: 'SEQUENCE_GAP' });

    const wrongHash = new ChainVerifier(undefined, { seq: 3n, hash: events[1]!.hash });
    wrongHash.add(events.slice(3));
    expect(wrongHash.result().firstBreak).toMatchObject({ seq: '4', reason: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('checks an event given as the text its hash covers like one given by its members', () => {
    const events = chain(4);
    const asText = events.map((event) => ({
      seq: event.seq,
      prevHash: event.prevHash,
      hash: event.hash,
      hashedContent: eventHashContent(event),
    }));
    expect(verify([...asText.slice(0, 2), ...events.slice(2)] as Stored[])).toEqual(verify(events));
    asText[2] = { ...asText[2]!, hashedContent: asText[2]!.hashedContent.replace('new 3', 'forged') };
    const verifier = new ChainVerifier();
    verifier.add(asText);
    expect(verifier.result().firstBreak).toMatchObject({ seq: '3', reason: 'HASH_MISMATCH' });
  });

  it('splits a span into ranges of about equal length that end inside it', () => {
    expect(chainRangeEnds(1n, 100n, 2)).toEqual([50n]);
    expect(chainRangeEnds(11n, 20n, 3)).toEqual([13n, 16n]);
    expect(chainRangeEnds(5n, 5n, 2)).toEqual([]);
    expect(chainRangeEnds(1n, 3n, 8)).toEqual([1n, 2n]);
    expect(chainRangeEnds(1n, 100n, 1)).toEqual([]);
  });

  it('joins ranges into what one pass reports, wherever the chain is split and broken (property)', () => {
    const changes = {
      edit: (events: Stored[], index: number) => (events[index] = { ...events[index]!, after: { name: 'forged' } }),
      relink: (events: Stored[], index: number) => {
        const forged = { ...events[index]!, after: { name: 'forged' } };
        events[index] = { ...forged, hash: computeEventHash(forged) };
      },
      delete: (events: Stored[], index: number) => events.splice(index, 1),
      none: () => undefined,
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 11 })),
        fc.constantFrom(...(Object.keys(changes) as Array<keyof typeof changes>)),
        fc.integer({ min: 0, max: 11 }),
        (length, splits, change, at) => {
          const events = chain(length);
          changes[change](events, at % length);
          const splitAfter = splits.filter((index) => index < events.length - 1).sort((a, b) => a - b);
          expect(verifyInRanges(events, splitAfter)).toEqual(verify(events));
        },
      ),
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

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { countRootFields, decodeResult, encodeResult, parseIdempotencyKey, requestFingerprint } from './idempotency-key.js';

const roundTrip = (value: unknown) => decodeResult(JSON.parse(JSON.stringify(encodeResult(value))));

function rootFieldsOf(document: string): number {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return countRootFields(operation.selectionSet, fragments);
}

describe('Idempotency-Key values', () => {
  it('accepts 1 to 255 printable ASCII characters, as sent or as a quoted string', () => {
    expect(parseIdempotencyKey('4f0c5a1e-1b2c-4d5e-8f90-a1b2c3d4e5f6')).toEqual({
      ok: true,
      key: '4f0c5a1e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
    });
    expect(parseIdempotencyKey('x')).toEqual({ ok: true, key: 'x' });
    expect(parseIdempotencyKey('~'.repeat(255))).toEqual({ ok: true, key: '~'.repeat(255) });
    expect(parseIdempotencyKey('deploy #42 (main)')).toEqual({ ok: true, key: 'deploy #42 (main)' });
    expect(parseIdempotencyKey('"abc"')).toEqual({ ok: true, key: 'abc' });
    expect(parseIdempotencyKey(String.raw`"a\"b\\c"`)).toEqual({ ok: true, key: 'a"b\\c' });
  });

  it.each([
    ['empty', ''],
    ['an empty quoted string', '""'],
    ['256 characters', 'k'.repeat(256)],
    ['a non-ASCII letter', 'clé'],
    ['a control character', 'a\tb'],
    ['an unterminated quoted string', '"abc'],
    ['a quoted string with an unknown escape', String.raw`"a\nb"`],
  ])('refuses %s with a readable reason', (_name, header) => {
    const parsed = parseIdempotencyKey(header);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(/\w+/);
  });

  it('refuses a header sent as several values', () => {
    expect(parseIdempotencyKey(['a', 'b'])).toEqual({ ok: false, reason: 'must be sent once, as one value' });
  });
});

describe('request fingerprints', () => {
  const input = { teamId: 't1', application: 'Claims', personalData: false, tags: ['a', 'b'], nested: { x: 1, y: null } };

  it('do not depend on the order of object members', () => {
    const reordered = { tags: ['a', 'b'], nested: { y: null, x: 1 }, personalData: false, application: 'Claims', teamId: 't1' };
    expect(requestFingerprint('createDeployment', { input: reordered })).toBe(requestFingerprint('createDeployment', { input }));
    expect(requestFingerprint('createDeployment', { input })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('change with any value, with the order of a list, and with the mutation', () => {
    const base = requestFingerprint('createDeployment', { input });
    expect(requestFingerprint('createDeployment', { input: { ...input, application: 'Claims ' } })).not.toBe(base);
    expect(requestFingerprint('createDeployment', { input: { ...input, personalData: true } })).not.toBe(base);
    expect(requestFingerprint('createDeployment', { input: { ...input, tags: ['b', 'a'] } })).not.toBe(base);
    expect(requestFingerprint('createDeployment', { input: { ...input, nested: { x: 1 } } })).not.toBe(base);
    expect(requestFingerprint('createModelVersion', { input })).not.toBe(base);
  });
});

describe('root fields of an operation', () => {
  it('counts fields written directly and in fragments', () => {
    expect(rootFieldsOf('mutation { createDeployment(input: {}) { id } }')).toBe(1);
    expect(rootFieldsOf('mutation { ... on Mutation { createDeployment(input: {}) { id } } }')).toBe(1);
    expect(rootFieldsOf('mutation { ...Create } fragment Create on Mutation { createDeployment(input: {}) { id } }')).toBe(1);
    expect(rootFieldsOf('mutation { a: createDeployment(input: {}) { id } b: createDeployment(input: {}) { id } }')).toBe(2);
    expect(rootFieldsOf('mutation { __typename createDeployment(input: {}) { id } }')).toBe(2);
    expect(rootFieldsOf('mutation { ...F ...F } fragment F on Mutation { createDeployment(input: {}) { id } }')).toBe(1);
  });
});

describe('stored results', () => {
  it('give back dates, big integers, bytes and nesting as they were', () => {
    const value = {
      id: 'd1',
      createdAt: new Date('2026-12-03T10:11:12.345Z'),
      retiredAt: null,
      expectedUsers: 9_007_199_254_740_993n,
      scope: { environments: ['PRODUCTION'], personalData: false, expectedUsers: 150 },
      checksum: new Uint8Array([0, 1, 254, 255]),
      history: [{ at: new Date(0), changes: [{ field: 'status', before: 'A', after: 'B' }] }],
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('keep objects that look like tags, and __proto__ members, as plain data', () => {
    const value = { json: { $mg: 'date', v: '2026-01-01T00:00:00.000Z' }, list: [{ $mg: 'bigint', v: '1' }] };
    expect(roundTrip(value)).toEqual(value);
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const decoded = roundTrip(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drop undefined members as JSON does', () => {
    expect(roundTrip({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] });
  });

  it('round-trip any mix of JSON values, dates and big integers', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('$mg', 'v', 'id'));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
        fc.string({ maxLength: 8 }),
        fc.bigInt(),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(fc.property(value, (original) => expect(roundTrip(original)).toEqual(original)));
  });
});

import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ErrorCode, ValidationError } from './errors.js';
import { settingKeySchema } from './settings.js';
import { MAX_INPUT_DEPTH, parseOrThrow } from './validation.js';

describe('parseOrThrow', () => {
  it('refuses NUL characters anywhere in the input, naming each field, before the schema runs', () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()), meta: z.record(z.string(), z.string()) });
    try {
      parseOrThrow(schema, { name: 'a\u0000b', tags: ['ok', 'x\u0000'], meta: { 'k\u0000': 'v' } }, 'input');
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect((error as ValidationError).fields).toEqual([
        { field: 'input.name', reason: 'must not contain NUL characters' },
        { field: 'input.tags.1', reason: 'must not contain NUL characters' },
        { field: 'input.meta.k\u0000', reason: 'must not contain NUL characters' },
      ]);
    }
  });

  it('refuses values nested deeper than MAX_INPUT_DEPTH without walking them, however deep', () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let level = 0; level < levels; level += 1) value = level % 2 ? { a: value } : [value];
      return value;
    };
    const schema = z.object({ policy: z.unknown() });
    expect(parseOrThrow(schema, { policy: nested(MAX_INPUT_DEPTH - 1) }, 'input')).toEqual({
      policy: nested(MAX_INPUT_DEPTH - 1),
    });
    for (const levels of [MAX_INPUT_DEPTH, 100_000]) {
      try {
        parseOrThrow(schema, { policy: nested(levels) }, 'input');
        throw new Error('expected a ValidationError');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields).toEqual([
          { field: expect.stringMatching(/^input\.policy(\.(0|a))+$/), reason: 'must not nest more than 64 levels deep' },
        ]);
      }
    }
  });

  it('reports at most 20 problems, however many the input holds', () => {
    try {
      parseOrThrow(
        z.array(z.string()),
        Array.from({ length: 100_000 }, () => 'x\u0000'),
        'ids',
      );
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect((error as ValidationError).fields).toHaveLength(20);
      expect((error as ValidationError).fields[19]).toEqual({ field: 'ids.19', reason: 'must not contain NUL characters' });
    }
  });

  it('returns the parsed value when valid', () => {
    expect(parseOrThrow(settingKeySchema, '  organization.name ', 'key')).toBe('organization.name');
  });

  it('throws a ValidationError naming the field and the reason', () => {
    const attempt = () => parseOrThrow(settingKeySchema, 'Not A Key', 'key');
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      const validation = error as ValidationError;
      expect(validation.code).toBe(ErrorCode.ValidationFailed);
      expect(validation.fields).toEqual([{ field: 'key', reason: 'must be dotted lower-case words, e.g. "organization.name"' }]);
      expect(validation.message).toContain('key: must be dotted lower-case words');
    }
  });

  it('prefixes nested paths with the root argument', () => {
    const schema = z.object({ owner: z.object({ email: z.email('must be an e-mail address') }) });
    try {
      parseOrThrow(schema, { owner: { email: 'nope' } }, 'input');
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as ValidationError).fields).toEqual([{ field: 'input.owner.email', reason: 'must be an e-mail address' }]);
    }
  });
});

describe('settingKeySchema', () => {
  it.each([
    ['organization.name', true],
    ['demo.seeded_at', true],
    ['', false],
    ['Organization', false],
    ['a..b', false],
    ['x'.repeat(65), false],
    ["name'; DROP TABLE app_setting; --", false],
  ])('accepts %j: %s', (key, valid) => {
    expect(settingKeySchema.safeParse(key).success).toBe(valid);
  });
});

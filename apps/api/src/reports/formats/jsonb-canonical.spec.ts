import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testPostgresAdminUrl } from '@modelgate/db/testing';
import { canonicalJson, toStorableJson } from '@modelgate/domain/audit';
import fc from 'fast-check';
import pg from 'pg';
import { canonicalJsonFromJsonbText } from './jsonb-canonical.js';

/** What the export wrote before: the JSON parsed and printed canonically. -1 when the fast path declines. */
function canonicalFromText(text: string): { fast: string | -1; expected: string } {
  const source = Buffer.from(text);
  const target = Buffer.alloc(source.length);
  const bytes = canonicalJsonFromJsonbText(source, source.length, target);
  return {
    fast: bytes < 0 ? -1 : target.toString('utf8', 0, bytes),
    expected: canonicalJson(JSON.parse(text)),
  };
}

describe('canonical JSON from jsonb text', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testPostgresAdminUrl() });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  /** JSON texts as PostgreSQL prints them once stored as jsonb. */
  const jsonbTexts = async (texts: string[]): Promise<string[]> => {
    const { rows } = await client.query<{ text: string }>(
      'SELECT value::jsonb::text AS text FROM unnest($1::text[]) WITH ORDINALITY AS v(value, n) ORDER BY n',
      [texts],
    );
    return rows.map((row) => row.text);
  };
  const asJsonb = (values: unknown[]) => jsonbTexts(values.map((value) => JSON.stringify(toStorableJson(value))));

  it('gives the canonical JSON of what an audit event usually holds, without falling back', async () => {
    const values = [
      { status: 'ACTIVE', purpose: 'Purpose 1', version: 1 },
      { b: 1, a: 2, nested: { z: [3, { y: null, x: 'text' }], '': 'empty key' } },
      { long_key_first: 1, k: 2, ab: true, 'ab ': false, a: [], 'a!': {} },
      { text: '=formula', control: 'tab\tnew\nline\u0001bell', quote: 'say "hi"', unicode: 'é𝄞\u2028', slash: 'a\\b/c' },
      { é: 1, z: 2, Z: 3, ü: { ß: -42 } },
      { integers: [0, -0, 7, -7, 999_999_999_999_999, -999_999_999_999_999] },
      [],
      {},
      [[[[[['deep']]]]]],
      [{ z: null, a: true }, 'x', -1],
    ];
    for (const text of await asJsonb(values)) {
      const { fast, expected } = canonicalFromText(text);
      expect({ text, fast }).toEqual({ text, fast: expected });
    }
  });

  it('falls back where its bytes could differ: numbers JavaScript prints otherwise, escaped or high keys', async () => {
    const values = [
      { n: 1.5 },
      { n: 1e21 },
      { n: 2 ** 64 },
      { n: 1_000_000_000_000_000 },
      { n: 1e-7 },
      { '\uffff': 1, '𝄞': 2 },
      { 'quote"key': 1 },
      { 'line\nkey': 1 },
    ];
    const written = ['{"n": 1.0}', '{"n": 1.50}', '{"n": 100e-2}', '{"n": -0.0}', '[12345678901234567890]'];
    for (const text of [...(await asJsonb(values)), ...(await jsonbTexts(written))]) {
      expect({ text, fast: canonicalFromText(text).fast }).toEqual({ text, fast: -1 });
    }
  });

  it('matches canonicalJson(JSON.parse(text)) whenever it does not fall back (property, through PostgreSQL)', async () => {
    const values = [
      ...fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 2_000, seed: 20261202 }),
      ...fc.sample(fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }), { numRuns: 2_000, seed: 20261202 }),
    ];
    const texts = await asJsonb(values);
    let handled = 0;
    for (const text of texts) {
      const { fast, expected } = canonicalFromText(text);
      if (fast === -1) continue;
      handled += 1;
      expect({ text, fast }).toEqual({ text, fast: expected });
    }
    // Most generated values have floats or odd keys somewhere; enough are handled for the comparison to count.
    expect(handled).toBeGreaterThan(400);
  });

  it('declines text that is not jsonb output rather than guessing', () => {
    for (const text of ['{"a": 1', '{"a" 1}', '[1 2]', '{"a": nul}', '{"a": 01}', '{"a": -}', '{"a": 1}}']) {
      const source = Buffer.from(text);
      expect({ text, bytes: canonicalJsonFromJsonbText(source, source.length, Buffer.alloc(64)) }).toEqual({ text, bytes: -1 });
    }
  });
});

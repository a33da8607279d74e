import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@modelgate/domain/errors';
import { parseOrThrow } from '@modelgate/domain/validation';
import {
  escapeLike,
  globalSearchArgsSchema,
  hitUrls,
  rankHits,
  searchTerms,
  versionTitle,
  type RankedRow,
} from './search-query.js';

describe('global search terms, ranking and addresses', () => {
  it('trims and squeezes the query, and defaults the page size', () => {
    expect(parseOrThrow(globalSearchArgsSchema, { query: '  qwen   2.5 ', first: null })).toEqual({
      query: 'qwen 2.5',
      first: 8,
    });
    expect(() => parseOrThrow(globalSearchArgsSchema, { query: '   ' })).toThrow(ValidationError);
  });

  it('escapes LIKE wildcards and splits words', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
    expect(searchTerms('Qwen 7B qwen')).toEqual({
      exact: 'qwen 7b qwen',
      prefix: 'qwen 7b qwen%',
      contains: '%qwen 7b qwen%',
      words: ['%qwen%', '%7b%'],
      requestNumber: null,
    });
  });

  it('reads an approval request number from AR-12, ar12, ar 12 or 12', () => {
    for (const query of ['AR-12', 'ar12', 'ar 12', '12']) expect(searchTerms(query).requestNumber).toBe(12);
    expect(searchTerms('ar-12b').requestNumber).toBeNull();
  });

  it('keeps each thing once at its best rank, then orders by rank, kind, use, title length and name', () => {
    const row = (kind: RankedRow['kind'], id: string, rank: number, title: string, retired = false): RankedRow => ({
      kind,
      id,
      rank,
      title,
      retired,
    });
    const ranked = rankHits(
      [
        row('PERSON', 'p', 0, 'Qwen Person'),
        row('MODEL_VERSION', 'b', 2, 'Qwen2.5-72B'),
        row('MODEL_VERSION', 'b', 1, 'Qwen2.5-72B'),
        row('MODEL_VERSION', 'a', 1, 'Qwen2.5-7B'),
        row('MODEL_VERSION', 'r', 1, 'Qwen1', true),
        row('PROVIDER', 'q', 1, 'Qwen'),
      ],
      10,
    );
    expect(ranked.map((hit) => `${hit.id}${hit.rank}`)).toEqual(['p0', 'a1', 'b1', 'r1', 'q1']);
    expect(rankHits(ranked, 2).map((hit) => hit.id)).toEqual(['p', 'a']);
  });

  it('names versions as the admin app does, and gives each kind its address', () => {
    expect(versionTitle({ familyName: 'Qwen2.5', versionName: 'Qwen2.5-7B-Instruct' })).toBe('Qwen2.5-7B-Instruct');
    expect(versionTitle({ familyName: 'GPT-4o', versionName: '2024-08-06' })).toBe('GPT-4o 2024-08-06');
    expect(hitUrls.deployment('d')).toBe('/inventory/deployments/d');
    expect(hitUrls.person('u', 'ADMIN')).toBe('/admin/people/u');
    expect(hitUrls.person('u', 'AUDIT')).toBe('/audit?actorId=u');
  });
});

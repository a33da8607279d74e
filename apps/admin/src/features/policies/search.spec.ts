import { describe, expect, it } from '@jest/globals';
import { parsePoliciesSearch, withTableSort } from './search';

describe('the policies page URL', () => {
  it('keeps the tab, the sort of its table and its filters, and drops anything else', () => {
    expect(
      parsePoliciesSearch({ tab: 'exceptions', sort: 'ends.desc', state: 'GRANTED', violations: 'all', other: 'x' }),
    ).toEqual({ tab: 'exceptions', sort: 'ends.desc', state: 'GRANTED', violations: 'all' });
    expect(parsePoliciesSearch({ tab: 'nope', sort: 'ends;drop', state: 'granted', violations: 'some' })).toEqual({});
  });

  it('replaces or clears the sort without touching the filters', () => {
    expect(
      withTableSort({ tab: 'violations', violations: 'all', sort: 'detected.asc' }, { column: 'detected', direction: 'desc' }),
    ).toEqual({ tab: 'violations', violations: 'all', sort: 'detected.desc' });
    expect(withTableSort({ tab: 'violations', sort: 'detected.asc' }, undefined)).toEqual({ tab: 'violations' });
  });

  it('keeps a link to one exception by its id', () => {
    const id = '0f4c2b9e-8a4d-4d3a-9a51-7f6b1c2d3e4f';
    expect(parsePoliciesSearch({ tab: 'exceptions', exception: id })).toEqual({ tab: 'exceptions', exception: id });
    expect(parsePoliciesSearch({ tab: 'exceptions', exception: 'EX-1; DROP' })).toEqual({ tab: 'exceptions' });
  });
});

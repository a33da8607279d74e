import { describe, expect, it } from '@jest/globals';
import { filtersOf, serverOrderOf, sortedByServer, parseAuditSearch, toAuditFilter } from './search';

describe('the audit explorer URL', () => {
  it('keeps valid filters and the sort, trimmed', () => {
    expect(
      parseAuditSearch({ action: ' auth.sign_in ', outcome: 'DENIED', from: '2027-01-01', to: 'soon', sort: 'time.asc' }),
    ).toEqual({
      action: 'auth.sign_in',
      outcome: 'DENIED',
      from: '2027-01-01',
      sort: 'time.asc',
    });
  });

  it('asks the server by the filters only: the sort orders what is loaded', () => {
    const search = parseAuditSearch({ action: 'auth.sign_in', sort: 'actor.desc' });
    expect(filtersOf(search)).toEqual({ action: 'auth.sign_in' });
    expect(toAuditFilter(filtersOf({ to: '2027-01-31' }))).toMatchObject({ to: '2027-02-01T00:00:00.000Z' });
  });

  it('keeps the open event by its sequence number, which chooses no events', () => {
    expect(parseAuditSearch({ event: 42 })).toEqual({ event: 42 });
    expect(parseAuditSearch({ event: '42' })).toEqual({ event: 42 });
    for (const event of [0, -1, 1.5, 'x', '042', Number.MAX_SAFE_INTEGER + 2]) expect(parseAuditSearch({ event })).toEqual({});
    expect(filtersOf(parseAuditSearch({ actorId: 'u', event: 7, sort: 'time.asc' }))).toEqual({ actorId: 'u' });
  });

  it('asks the server for the whole trail oldest first when sorted by sequence or time ascending', () => {
    expect(serverOrderOf({})).toBe('NEWEST_FIRST');
    expect(serverOrderOf({ sort: 'time.asc' })).toBe('OLDEST_FIRST');
    expect(serverOrderOf({ sort: 'seq.asc' })).toBe('OLDEST_FIRST');
    expect(serverOrderOf({ sort: 'seq.desc' })).toBe('NEWEST_FIRST');
    expect(serverOrderOf({ sort: 'actor.asc' })).toBe('NEWEST_FIRST');
    expect([{}, { sort: 'time.desc' }, { sort: 'seq.asc' }].map(sortedByServer)).toEqual([true, true, true]);
    expect(sortedByServer({ sort: 'actor.asc' })).toBe(false);
  });
});

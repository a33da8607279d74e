import { describe, expect, it } from '@jest/globals';
import { filtersOf, parseAuditSearch, toAuditFilter } from './search';

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
});

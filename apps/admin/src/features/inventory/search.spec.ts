import { describe, expect, it } from '@jest/globals';
import { parseInventorySearch, toModelVersionOrder, versionSortParam, versionTableSort, withoutFilters } from './search';

describe('the inventory list’s sort in the URL', () => {
  it('reads the table’s own form, sort=<column>.<direction>', () => {
    expect(parseInventorySearch({ sort: 'releaseDate.desc' })).toEqual({ sort: 'releaseDate.desc' });
    expect(toModelVersionOrder({ sort: 'releaseDate.desc' })).toEqual({ field: 'RELEASE_DATE', direction: 'DESC' });
    expect(toModelVersionOrder({ sort: 'parameters.asc' })).toEqual({ field: 'PARAMETER_COUNT', direction: 'ASC' });
  });

  it('keeps links written before the headers sorted working: sort=FIELD&direction=DIR, each part optional', () => {
    expect(parseInventorySearch({ sort: 'UPDATED_AT', direction: 'DESC' })).toEqual({ sort: 'updatedAt.desc' });
    expect(parseInventorySearch({ sort: 'PROVIDER' })).toEqual({ sort: 'provider.asc' });
    expect(parseInventorySearch({ direction: 'DESC' })).toEqual({ sort: 'name.desc' });
  });

  it('drops a sort by a column the server cannot sort by, or in no known form', () => {
    expect(parseInventorySearch({ sort: 'license.asc' })).toEqual({});
    expect(parseInventorySearch({ sort: 'SIZE', direction: 'UP' })).toEqual({});
    expect(toModelVersionOrder({})).toEqual({ field: 'NAME', direction: 'ASC' });
  });

  it('shows the default order (by name, A to Z) when the URL names none, and drops it when a click returns to it', () => {
    expect(versionTableSort({})).toEqual({ column: 'name', direction: 'asc' });
    expect(versionSortParam({ column: 'provider', direction: 'desc' })).toBe('provider.desc');
    expect(versionSortParam(undefined)).toBeUndefined();
    expect(versionSortParam({ column: 'license', direction: 'asc' })).toBeUndefined();
  });

  it('keeps the sort when the filters are cleared', () => {
    expect(withoutFilters({ search: 'qwen', developerCountries: ['CN'], sort: 'name.desc' })).toEqual({ sort: 'name.desc' });
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  compareValues,
  csvFileName,
  csvOfView,
  formatTableSort,
  loadTablePreferences,
  nextSort,
  parseTableSort,
  saveTablePreferences,
  sortRows,
  visibleColumns,
  type ColumnDefinition,
} from './table-view';

type Row = { name: string; count: number | null; updated: Date | null };

const columns: ColumnDefinition<Row>[] = [
  { id: 'name', header: 'Name', value: (row) => row.name, hideable: false },
  { id: 'count', header: 'Deployments', value: (row) => row.count },
  { id: 'updated', header: 'Updated', value: (row) => row.updated },
  { id: 'actions', header: 'Actions', value: () => null, sortable: false, exported: false },
];

const rows: Row[] = [
  { name: 'Qwen2.5 v10', count: 3, updated: new Date('2026-01-02T00:00:00Z') },
  { name: 'qwen2.5 v2', count: null, updated: null },
  { name: '=cmd|calc', count: 12, updated: new Date('2025-12-31T00:00:00Z') },
];

describe('table view', () => {
  it('reads and writes the sort kept in the URL, ignoring anything else', () => {
    expect(parseTableSort('name.desc')).toEqual({ column: 'name', direction: 'desc' });
    expect(parseTableSort('name')).toBeUndefined();
    expect(parseTableSort('name.sideways')).toBeUndefined();
    expect(parseTableSort(['name.asc'])).toBeUndefined();
    expect(formatTableSort({ column: 'count', direction: 'asc' })).toBe('count.asc');
    expect(formatTableSort(undefined)).toBeUndefined();
  });

  it('cycles a header through ascending, descending and the table order', () => {
    expect(nextSort(undefined, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'name')).toBeUndefined();
    expect(nextSort({ column: 'name', direction: 'desc' }, 'count')).toEqual({ column: 'count', direction: 'asc' });
  });

  it('compares numbers by size, text as people read it, and puts empty values last either way', () => {
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues('v2', 'v10')).toBeLessThan(0);
    expect(compareValues('Qwen', 'qwen')).toBe(0);
    expect(compareValues(null, 1, 'asc')).toBeGreaterThan(0);
    expect(compareValues(null, 1, 'desc')).toBeGreaterThan(0);
    expect(compareValues('', 'a')).toBeGreaterThan(0);
    expect(compareValues(new Date(1), new Date(2), 'desc')).toBeGreaterThan(0);
  });

  it('sorts by a column, stably, and leaves the order alone for unknown or unsortable columns', () => {
    const byName = sortRows(rows, columns, { column: 'name', direction: 'asc' }).map((row) => row.name);
    expect(byName).toEqual(['=cmd|calc', 'qwen2.5 v2', 'Qwen2.5 v10']);
    const byCountDesc = sortRows(rows, columns, { column: 'count', direction: 'desc' }).map((row) => row.count);
    expect(byCountDesc).toEqual([12, 3, null]);
    expect(sortRows(rows, columns, { column: 'actions', direction: 'asc' })).toEqual(rows);
    expect(sortRows(rows, columns, { column: 'nope', direction: 'asc' })).toEqual(rows);
    const ties = [
      { name: 'b', count: 1, updated: null },
      { name: 'a', count: 1, updated: null },
    ];
    expect(sortRows(ties, columns, { column: 'count', direction: 'desc' })).toEqual(ties);
  });

  it('hides chosen columns but never the one that names the row', () => {
    expect(visibleColumns(columns, new Set(['name', 'updated'])).map((column) => column.id)).toEqual([
      'name',
      'count',
      'actions',
    ]);
  });

  it('writes the CSV of the view: visible columns but not row actions, rows in order, text neutralised, dates as ISO instants', () => {
    const shown = visibleColumns(columns, new Set<string>());
    expect(csvOfView(shown, sortRows(rows, shown, { column: 'count', direction: 'desc' }))).toBe(
      '\uFEFFName,Deployments,Updated\r\n' +
        "'=cmd|calc,12,2025-12-31T00:00:00.000Z\r\n" +
        'Qwen2.5 v10,3,2026-01-02T00:00:00.000Z\r\n' +
        'qwen2.5 v2,,\r\n',
    );
    expect(csvFileName('model-versions', new Date('2026-12-02T10:00:00Z'))).toBe('model-versions-2026-12-02.csv');
  });

  it('keeps column choice and density per table, and survives broken or missing storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    const defaults = { hidden: ['updated'], density: 'comfortable' as const };
    expect(loadTablePreferences(storage, 'versions', defaults)).toEqual(defaults);
    saveTablePreferences(storage, 'versions', { hidden: ['count'], density: 'compact' });
    expect(loadTablePreferences(storage, 'versions', defaults)).toEqual({ hidden: ['count'], density: 'compact' });
    expect(loadTablePreferences(storage, 'deployments', defaults)).toEqual(defaults);
    store.set('modelgate.table.broken', '{not json');
    expect(loadTablePreferences(storage, 'broken', defaults)).toEqual(defaults);
    store.set('modelgate.table.odd', JSON.stringify({ hidden: [1, 'count'], density: 'huge' }));
    expect(loadTablePreferences(storage, 'odd', defaults)).toEqual({ hidden: ['count'], density: 'comfortable' });
    expect(loadTablePreferences(undefined, 'versions', defaults)).toEqual(defaults);
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveTablePreferences(full, 'versions', defaults)).not.toThrow();
  });
});

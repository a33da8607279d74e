import { csvDocument } from '@modelgate/domain/reports';

/**
 * What every table of the admin app shares, in plain TypeScript: sorting, column choice, density and the CSV of
 * what is on screen. `data-table.tsx` renders it with Mantine.
 */

export type SortDirection = 'asc' | 'desc';
export type TableSort = { column: string; direction: SortDirection };
export type CellValue = string | number | boolean | Date | null | undefined;
export type Density = 'comfortable' | 'compact';

export type ColumnDefinition<Row> = {
  /** Stable id: kept in the URL (`sort=id.asc`) and in saved column choices. */
  id: string;
  header: string;
  /** The plain value: what the column sorts by and what the CSV holds. */
  value: (row: Row) => CellValue;
  /** False for columns whose order means nothing (actions, several facts in one cell). */
  sortable?: boolean;
  /** False for the column that names the row: it cannot be hidden. */
  hideable?: boolean;
  defaultHidden?: boolean;
  /** False for columns with nothing to export (row actions): left out of the CSV. */
  exported?: boolean;
};

/** `name.asc` ⇄ `{ column: 'name', direction: 'asc' }`; anything else is no sort. */
export function parseTableSort(param: unknown): TableSort | undefined {
  if (typeof param !== 'string') return undefined;
  const match = /^([\w-]+)\.(asc|desc)$/.exec(param);
  return match ? { column: match[1]!, direction: match[2] as SortDirection } : undefined;
}

export function formatTableSort(sort: TableSort | undefined): string | undefined {
  return sort ? `${sort.column}.${sort.direction}` : undefined;
}

/** Clicking a header: ascending first, then descending, then back to the table's own order. */
export function nextSort(current: TableSort | undefined, column: string): TableSort | undefined {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : undefined;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function comparable(value: CellValue): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Empty values last whichever the direction; numbers by size; text as people read it ("v2" before "v10"). */
export function compareValues(a: CellValue, b: CellValue, direction: SortDirection = 'asc'): number {
  const left = comparable(a);
  const right = comparable(b);
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
  const order =
    typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
  return direction === 'asc' ? order : -order;
}

/** A stable sort by one column; unknown or unsortable columns leave the rows as they came. */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly ColumnDefinition<Row>[],
  sort: TableSort | undefined,
): Row[] {
  const column = sort && columns.find((candidate) => candidate.id === sort.column && candidate.sortable !== false);
  if (!sort || !column) return [...rows];
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((a, b) => compareValues(a.value, b.value, sort.direction) || a.index - b.index)
    .map((entry) => entry.row);
}

export function visibleColumns<Column extends { id: string; hideable?: boolean }>(
  columns: readonly Column[],
  hidden: ReadonlySet<string>,
): Column[] {
  return columns.filter((column) => column.hideable === false || !hidden.has(column.id));
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The CSV of a view: the visible columns, in their order, over the rows as sorted and filtered on screen. */
export function csvOfView<Row>(columns: readonly ColumnDefinition<Row>[], rows: readonly Row[]): string {
  const exported = columns.filter((column) => column.exported !== false);
  return csvDocument(
    exported.map((column) => column.header),
    rows.map((row) => exported.map((column) => cellText(column.value(row)))),
  );
}

export function csvFileName(tableId: string, now: Date = new Date()): string {
  return `${tableId}-${now.toISOString().slice(0, 10)}.csv`;
}

export type TablePreferences = { hidden: string[]; density: Density };

const STORAGE_PREFIX = 'modelgate.table.';

/** The reader's column choice and density for one table, kept in this browser (a preference, not a shared view). */
export function loadTablePreferences(
  storage: Pick<Storage, 'getItem'> | undefined,
  tableId: string,
  defaults: TablePreferences,
): TablePreferences {
  try {
    const stored: unknown = JSON.parse(storage?.getItem(STORAGE_PREFIX + tableId) ?? 'null');
    if (!stored || typeof stored !== 'object') return defaults;
    const { hidden, density } = stored as Partial<TablePreferences>;
    return {
      hidden: Array.isArray(hidden) ? hidden.filter((id): id is string => typeof id === 'string') : defaults.hidden,
      density: density === 'compact' || density === 'comfortable' ? density : defaults.density,
    };
  } catch {
    return defaults;
  }
}

export function saveTablePreferences(
  storage: Pick<Storage, 'setItem'> | undefined,
  tableId: string,
  preferences: TablePreferences,
): void {
  try {
    storage?.setItem(STORAGE_PREFIX + tableId, JSON.stringify(preferences));
  } catch {
    // Storage full or disabled: the choice lasts for this visit only.
  }
}

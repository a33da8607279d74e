import { Button, Checkbox, Group, Loader, Menu, Radio, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../../i18n/common-messages';
import { ErrorState, LoadingState } from '../page-states';
import {
  csvFileName,
  csvOfView,
  loadTablePreferences,
  nextSort,
  saveTablePreferences,
  sortRows,
  visibleColumns,
  type ColumnDefinition,
  type Density,
  type TablePreferences,
  type TableSort,
} from './table-view';

export type DataColumn<Row> = ColumnDefinition<Row> & {
  /** What the cell shows; the plain value when absent. */
  cell?: (row: Row) => ReactNode;
  width?: string;
  align?: 'left' | 'right';
};

type DataTableProps<Row> = {
  /** Names the table's saved preferences and its CSV file. */
  id: string;
  /** The table's accessible name. */
  label: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** A `data-testid` for every body row, where browser tests find rows by it. */
  rowTestId?: string;
  /** The sort, when the page keeps it (in the URL); otherwise the table keeps it. */
  sort?: TableSort;
  onSortChange?: (sort: TableSort | undefined) => void;
  /** The rows arrive in the requested order (the server sorts): the table shows the sort but does not apply it. */
  sortedByServer?: boolean;
  /** Filters and search for this table, shown on the left of its toolbar. */
  filters?: ReactNode;
  /** Actions for the table, shown on the right of its toolbar before the view controls. */
  actions?: ReactNode;
  isLoading?: boolean;
  error?: Error | null;
  errorTitle?: string;
  onRetry?: () => void;
  /** Shown instead of the table when there are no rows (an `EmptyState`). */
  empty: ReactNode;
  /** How many rows the view has in all, when only some are loaded. */
  totalCount?: number;
  /** Renders only the rows in view inside a scrolling box: for lists that can reach thousands of rows. */
  virtualized?: boolean;
  hasMore?: boolean;
  isFetchingMore?: boolean;
  onNeedMore?: () => void;
  /** Every row of the view, for its CSV when only some are loaded. */
  loadAllRows?: () => Promise<readonly Row[]>;
  minWidth?: number;
};

const ESTIMATED_ROW_HEIGHT = { comfortable: 52, compact: 36 } as const;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function usePreferences(tableId: string, columns: readonly { id: string; defaultHidden?: boolean }[]) {
  const [preferences, setPreferences] = useState<TablePreferences>(() =>
    loadTablePreferences(browserStorage(), tableId, {
      hidden: columns.filter((column) => column.defaultHidden).map((column) => column.id),
      density: 'comfortable',
    }),
  );
  const update = (next: TablePreferences) => {
    setPreferences(next);
    saveTablePreferences(browserStorage(), tableId, next);
  };
  return [preferences, update] as const;
}

function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function ViewControls<Row>({
  id,
  label,
  columns,
  preferences,
  onPreferencesChange,
  csv,
}: {
  id: string;
  label: string;
  columns: readonly DataColumn<Row>[];
  preferences: TablePreferences;
  onPreferencesChange: (preferences: TablePreferences) => void;
  csv: () => Promise<void>;
}) {
  const [preparing, setPreparing] = useState(false);
  const [failed, setFailed] = useState(false);
  const hidden = new Set(preferences.hidden);
  const toggle = (columnId: string, shown: boolean) =>
    onPreferencesChange({
      ...preferences,
      hidden: shown ? preferences.hidden.filter((hiddenId) => hiddenId !== columnId) : [...preferences.hidden, columnId],
    });
  const downloadCsv = async () => {
    setPreparing(true);
    setFailed(false);
    try {
      await csv();
    } catch {
      setFailed(true);
    } finally {
      setPreparing(false);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" aria-label={t('common.table.columnsLabel', { table: label })}>
            {t('common.table.columns')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Stack gap={6} p="xs" data-testid={`${id}-columns`}>
            {columns.map((column) => (
              <Checkbox
                key={column.id}
                size="xs"
                label={column.header}
                checked={column.hideable === false || !hidden.has(column.id)}
                disabled={column.hideable === false}
                onChange={(event) => toggle(column.id, event.currentTarget.checked)}
              />
            ))}
          </Stack>
          <Menu.Divider />
          <Radio.Group
            p="xs"
            size="xs"
            label={t('common.table.density')}
            value={preferences.density}
            onChange={(value) =>
              onPreferencesChange({ ...preferences, density: value === 'compact' ? 'compact' : 'comfortable' })
            }
          >
            <Stack gap={6} mt={6}>
              <Radio value="comfortable" label={t('common.table.density.comfortable')} />
              <Radio value="compact" label={t('common.table.density.compact')} />
            </Stack>
          </Radio.Group>
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="xs" onClick={() => void downloadCsv()} loading={preparing}>
        {preparing ? t('common.table.csvPreparing') : t('common.table.csv')}
      </Button>
      {failed && (
        <Text size="xs" c="red" role="alert">
          {t('common.table.csvFailed')}
        </Text>
      )}
    </Group>
  );
}

/** Drawn beside the header text; the header's accessible name says the same in words. */
const SORT_MARKS = { asc: ' ▲', desc: ' ▼', none: ' ↕' } as const;

function SortableHeader({
  column,
  sort,
  onSort,
}: {
  column: DataColumn<never>;
  sort: TableSort | undefined;
  onSort: (columnId: string) => void;
}) {
  const direction = sort?.column === column.id ? sort.direction : undefined;
  const mark = SORT_MARKS[direction ?? 'none'];
  if (column.sortable === false) return <>{column.header}</>;
  return (
    <UnstyledButton
      onClick={() => onSort(column.id)}
      fw={700}
      fz="sm"
      aria-label={
        direction === 'asc'
          ? t('common.table.sortedAscending', { column: column.header })
          : direction === 'desc'
            ? t('common.table.sortedDescending', { column: column.header })
            : t('common.table.sortBy', { column: column.header })
      }
      style={{ whiteSpace: 'nowrap' }}
    >
      {column.header}
      <span aria-hidden="true">{mark}</span>
    </UnstyledButton>
  );
}

/**
 * The one table of the admin app: sortable headers (kept in the URL where the page keeps them), a column
 * chooser and row density remembered per table, a CSV of exactly what is shown, the shared loading, empty and
 * error states, and, for long lists, rendering only the rows in view.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { id, label, columns, rows, rowKey, filters, actions, empty, totalCount } = props;
  const [ownSort, setOwnSort] = useState<TableSort | undefined>(undefined);
  const controlled = props.onSortChange !== undefined;
  const sort = controlled ? props.sort : ownSort;
  const setSort = controlled ? props.onSortChange! : setOwnSort;
  const [preferences, setPreferences] = usePreferences(id, columns);
  const shownColumns = visibleColumns(columns, new Set(preferences.hidden));
  const shownRows = props.sortedByServer ? [...rows] : sortRows(rows, columns, sort);

  const csv = async () => {
    const all = props.loadAllRows && props.hasMore ? await props.loadAllRows() : rows;
    const ordered = props.sortedByServer ? [...all] : sortRows(all, columns, sort);
    download(csvFileName(id), csvOfView(shownColumns, ordered));
  };

  const toolbar = (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {filters}
      </Group>
      <Group gap="xs" wrap="wrap">
        {actions}
        <ViewControls
          id={id}
          label={label}
          columns={columns}
          preferences={preferences}
          onPreferencesChange={setPreferences}
          csv={csv}
        />
      </Group>
    </Group>
  );

  let body: ReactNode;
  if (props.error) {
    body = <ErrorState title={props.errorTitle ?? label} error={props.error} onRetry={() => props.onRetry?.()} />;
  } else if (props.isLoading) {
    body = <LoadingState what={label} />;
  } else if (rows.length === 0) {
    body = empty;
  } else {
    const tableProps = {
      id,
      label,
      columns: shownColumns,
      rows: shownRows,
      rowKey,
      rowTestId: props.rowTestId,
      sort,
      onSort: (columnId: string) => setSort(nextSort(sort, columnId)),
      density: preferences.density,
      totalCount: totalCount ?? rows.length,
      minWidth: props.minWidth,
    };
    body = props.virtualized ? (
      <VirtualRows {...tableProps} hasMore={props.hasMore} isFetchingMore={props.isFetchingMore} onNeedMore={props.onNeedMore} />
    ) : (
      <AllRows {...tableProps} />
    );
  }

  return (
    <Stack gap="sm" data-table={id}>
      {toolbar}
      {totalCount !== undefined && rows.length > 0 && rows.length < totalCount && (
        <Text size="xs" c="dimmed" aria-live="polite">
          {t('common.table.shown', { shown: rows.length, count: totalCount })}
        </Text>
      )}
      {body}
    </Stack>
  );
}

type RowsProps<Row> = {
  id: string;
  label: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowTestId?: string;
  sort: TableSort | undefined;
  onSort: (columnId: string) => void;
  density: Density;
  totalCount: number;
  minWidth?: number;
};

function cellContent<Row>(column: DataColumn<Row>, row: Row): ReactNode {
  if (column.cell) return column.cell(row);
  const value = column.value(row);
  return value === null || value === undefined || value === '' ? t('common.none') : String(value);
}

function HeaderRow<Row>({ columns, sort, onSort }: Pick<RowsProps<Row>, 'columns' | 'sort' | 'onSort'>) {
  return (
    <Table.Tr aria-rowindex={1}>
      {columns.map((column) => (
        <Table.Th
          key={column.id}
          w={column.width}
          ta={column.align}
          aria-sort={sort?.column === column.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
          // A long header breaks between syllables in a narrow column rather than spilling into the next one.
          style={{ hyphens: 'auto', overflowWrap: 'break-word' }}
        >
          <SortableHeader column={column as DataColumn<never>} sort={sort} onSort={onSort} />
        </Table.Th>
      ))}
    </Table.Tr>
  );
}

function Cells<Row>({ columns, row }: { columns: readonly DataColumn<Row>[]; row: Row }) {
  return (
    <>
      {columns.map((column) => (
        <Table.Td key={column.id} ta={column.align} style={{ overflowWrap: 'anywhere' }}>
          {cellContent(column, row)}
        </Table.Td>
      ))}
    </>
  );
}

const spacing = (density: Density) => (density === 'compact' ? 4 : 'sm');

function AllRows<Row>({ id, label, columns, rows, rowKey, rowTestId, sort, onSort, density, minWidth }: RowsProps<Row>) {
  return (
    <Table.ScrollContainer minWidth={minWidth ?? 700}>
      <Table
        striped
        highlightOnHover
        aria-label={label}
        data-testid={id}
        data-density={density}
        verticalSpacing={spacing(density)}
        fz={density === 'compact' ? 'xs' : 'sm'}
      >
        <Table.Thead>
          <HeaderRow columns={columns} sort={sort} onSort={onSort} />
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={rowTestId}>
              <Cells columns={columns} row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type VirtualRowProps<Row> = {
  index: number;
  row: Row;
  columns: readonly DataColumn<Row>[];
  testId?: string;
  measure: (element: HTMLTableRowElement | null) => void;
};

/**
 * A row of the virtualised list, drawn again only when its row or the columns change: every scroll event renders the
 * list, and without this each event redrew every row in view, not just the ones scrolling in.
 */
const VirtualRow = memo(function VirtualRow<Row>({ index, row, columns, testId, measure }: VirtualRowProps<Row>) {
  return (
    <Table.Tr data-index={index} data-testid={testId} ref={measure} aria-rowindex={index + 2}>
      <Cells columns={columns} row={row} />
    </Table.Tr>
  );
}) as <Row>(props: VirtualRowProps<Row>) => ReactNode;

function VirtualRows<Row>({
  id,
  label,
  columns,
  rows,
  rowKey,
  rowTestId,
  sort,
  onSort,
  density,
  totalCount,
  hasMore,
  isFetchingMore,
  onNeedMore,
  minWidth,
}: RowsProps<Row> & { hasMore?: boolean; isFetchingMore?: boolean; onNeedMore?: () => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React compiler must not memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT[density],
    overscan: 12,
    getItemKey: (index) => (rows[index] === undefined ? index : rowKey(rows[index])),
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !isFetchingMore && lastIndex >= rows.length - PREFETCH_ROWS) onNeedMore?.();
  }, [hasMore, isFetchingMore, lastIndex, rows.length, onNeedMore]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <Stack gap="xs">
      <div
        ref={scrollRef}
        style={{ height: 'max(420px, calc(100vh - 330px))', overflow: 'auto' }}
        tabIndex={0}
        aria-label={t('common.table.scrollable', { table: label })}
      >
        <Table
          stickyHeader
          highlightOnHover
          data-testid={id}
          data-density={density}
          aria-label={label}
          aria-rowcount={totalCount + 1}
          verticalSpacing={spacing(density)}
          fz={density === 'compact' ? 'xs' : 'sm'}
          // Narrower than its columns need, the table scrolls sideways in its box instead of squeezing them.
          style={{ tableLayout: 'fixed', minWidth }}
        >
          <Table.Thead>
            <HeaderRow columns={columns} sort={sort} onSort={onSort} />
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              return (
                <VirtualRow
                  key={item.key}
                  index={item.index}
                  row={row}
                  columns={columns}
                  testId={rowTestId}
                  measure={virtualizer.measureElement}
                />
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={columns.length} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {isFetchingMore && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{t('common.table.loadingMore')}</Text>
        </Group>
      )}
    </Stack>
  );
}

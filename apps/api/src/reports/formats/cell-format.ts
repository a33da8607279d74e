/**
 * What the CSV, JSON and XLSX writers share: how a cell value becomes text, how text is kept from
 * running as a spreadsheet formula, and how written rows are reported.
 */
import { neutraliseFormula } from '@modelgate/domain/reports';
import type { CellValue, ColumnType, ReportColumn, RowProgress } from './report-document.js';

export function columnType(column: ReportColumn): ColumnType {
  return column.type ?? 'text';
}

/** `2026-06-30`: the UTC day. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026-06-30T12:00:00Z`: UTC, to the second. */
export function isoSecond(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Date-times keep their milliseconds in data files: audit events are hashed with them, and an extract
 * must let anyone recompute those hashes.
 */
export function formatDate(date: Date, type: ColumnType): string {
  return type === 'date' ? isoDay(date) : date.toISOString();
}

/** A cell as CSV text: dates by column type, booleans `true`/`false`, null empty, text neutralised. */
export function cellText(value: CellValue, type: ColumnType): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDate(value, type);
  if (typeof value === 'string') return neutraliseFormula(value);
  return String(value);
}

/** How often the writers report progress (they also report once at the end). */
export const PROGRESS_EVERY_ROWS = 1_000;

export type ProgressTracker = {
  readonly total: number;
  /** Counts one written data row; returns true when a batch of `PROGRESS_EVERY_ROWS` rows is complete. */
  addRow(): boolean;
  /** Reports the final total. */
  finish(): void;
};

export function trackProgress(onProgress?: RowProgress): ProgressTracker {
  let total = 0;
  let reported = -1;
  const report = () => {
    reported = total;
    onProgress?.(total);
  };
  return {
    get total() {
      return total;
    },
    addRow() {
      total += 1;
      const batchComplete = total % PROGRESS_EVERY_ROWS === 0;
      if (batchComplete) report();
      return batchComplete;
    },
    finish() {
      if (reported !== total) report();
    },
  };
}

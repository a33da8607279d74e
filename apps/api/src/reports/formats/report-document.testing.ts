import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CellValue, ReportColumn, ReportDocument, ReportSection, RowProgress } from './report-document.js';

// Building blocks the writers' tests share: documents made in memory, and a memory probe.

/** The rows one by one, each after an await, as from a database cursor. */
export async function* arriving(rows: CellValue[][]): AsyncGenerator<CellValue[]> {
  for (const row of rows) {
    await Promise.resolve();
    yield row;
  }
}

export function section(
  key: string,
  title: string,
  columns: ReportColumn[],
  rows: CellValue[][],
  description?: string,
): ReportSection {
  return { key, title, ...(description ? { description } : {}), columns, rowCount: rows.length, rows: () => arriving(rows) };
}

export function report(sections: ReportSection[], overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    reportType: 'audit-trail',
    title: 'Audit trail',
    generatedAt: new Date('2026-07-02T08:00:00Z'),
    scope: [{ label: 'Period', value: '2026-06-01 to 2026-06-30' }],
    chainHead: { seq: '42', hash: 'ab'.repeat(32) },
    generator: { name: 'modelgate', version: '0.1.0' },
    sections,
    ...overrides,
  };
}

/** `count` generated rows over `columns` (date, datetime, number, boolean, text, text), each padded to about `padding` bytes. */
export function bulkSection(columns: ReportColumn[], count: number, padding: number): ReportSection {
  const pad = 'x'.repeat(padding);
  return {
    key: 'bulk',
    title: 'Bulk',
    columns,
    rowCount: count,
    rows: async function* () {
      for (let index = 0; index < count; index += 1) {
        await Promise.resolve();
        const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000);
        yield [at, at, index, index % 2 === 0, `model-${index}`, `${index} ${pad}`];
      }
    },
  };
}

/**
 * How far the heap and Buffer memory grew while writing, measured after a full garbage collection every
 * 20,000 rows: what the writer keeps, not the garbage it has not yet had collected.
 */
export async function retainedGrowth(
  write: (onProgress: RowProgress) => Promise<unknown>,
): Promise<{ bytes: number; rowsReported: number }> {
  const collectGarbage = garbageCollector();
  const retained = () => {
    collectGarbage();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const baseline = retained();
  let peak = baseline;
  let rowsReported = 0;
  await write((rows) => {
    rowsReported = rows;
    if (rows % 20_000 === 0) peak = Math.max(peak, retained());
  });
  return { bytes: peak - baseline, rowsReported };
}

/** `gc()`, whether or not node was started with --expose-gc. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

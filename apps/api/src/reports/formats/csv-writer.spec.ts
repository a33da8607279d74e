import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { writeCsv } from './csv-writer.js';
import type { CellValue, ReportColumn, ReportDocument, ReportSection, RowProgress } from './report-document.js';

const COLUMNS: ReportColumn[] = [
  { key: 'day', header: 'Day', type: 'date' },
  { key: 'occurredAt', header: 'Occurred at', type: 'datetime' },
  { key: 'tokens', header: 'Tokens', type: 'number' },
  { key: 'approved', header: 'Approved', type: 'boolean' },
  { key: 'model', header: 'Model' },
  { key: 'note', header: 'Note, "quoted"' },
];

const ROWS: CellValue[][] = [
  [
    new Date('2026-06-30T23:30:00Z'),
    new Date('2026-06-30T12:00:00.250Z'),
    1234.5,
    true,
    '通义千问 Qwen',
    'a, b "c"\r\nnext line',
  ],
  [null, null, -2, false, '=HYPERLINK("http://x")', null],
  [new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), 0, null, '+1', '-2'],
  [null, null, null, null, '@SUM(A1)', "'=already quoted"],
  [null, null, null, null, '\tcmd', 'plain - text'],
];

/** The rows one by one, each after an await, as from a database cursor. */
async function* arriving(rows: CellValue[][]): AsyncGenerator<CellValue[]> {
  for (const row of rows) {
    await Promise.resolve();
    yield row;
  }
}

function section(key: string, title: string, columns: ReportColumn[], rows: CellValue[][]): ReportSection {
  return {
    key,
    title,
    columns,
    rowCount: rows.length,
    rows: () => arriving(rows),
  };
}

function report(sections: ReportSection[]): ReportDocument {
  return {
    reportType: 'audit-trail',
    title: 'Audit trail',
    generatedAt: new Date('2026-07-02T08:00:00Z'),
    scope: [{ label: 'Period', value: '2026-06-01 to 2026-06-30' }],
    chainHead: { seq: '42', hash: 'ab'.repeat(32) },
    generator: { name: 'modelgate', version: '0.1.0' },
    sections,
  };
}

describe('writeCsv', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'csv-writer-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one BOM-prefixed, CRLF, RFC 4180 file per section with neutralised formulas', async () => {
    const progress: number[] = [];
    const files = await writeCsv(
      report([section('events', 'Events', COLUMNS, ROWS), section('nothing', 'Nothing', COLUMNS.slice(0, 2), [])]),
      directory,
      (rows) => progress.push(rows),
    );

    expect(files).toEqual([
      { name: 'events.csv', contentType: 'text/csv; charset=utf-8', rows: 5 },
      { name: 'nothing.csv', contentType: 'text/csv; charset=utf-8', rows: 0 },
    ]);
    expect(progress.at(-1)).toBe(5);

    const events = await readFile(path.join(directory, 'events.csv'));
    expect([...events.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(events.toString('utf8').split('\r\n')[0]).toBe('\uFEFFDay,Occurred at,Tokens,Approved,Model,"Note, ""quoted"""');
    expect(events.toString('utf8')).toContain('\r\n,,-2,false,"\'=HYPERLINK(""http://x"")",\r\n');
    expect(parse(events, { bom: true })).toEqual([
      ['Day', 'Occurred at', 'Tokens', 'Approved', 'Model', 'Note, "quoted"'],
      ['2026-06-30', '2026-06-30T12:00:00.250Z', '1234.5', 'true', '通义千问 Qwen', 'a, b "c"\r\nnext line'],
      ['', '', '-2', 'false', `'=HYPERLINK("http://x")`, ''],
      ['2026-07-01', '2026-07-01T00:00:00.000Z', '0', '', "'+1", "'-2"],
      ['', '', '', '', "'@SUM(A1)", "''=already quoted"],
      ['', '', '', '', "'\tcmd", 'plain - text'],
    ]);

    const nothing = await readFile(path.join(directory, 'nothing.csv'), 'utf8');
    expect(nothing).toBe('\uFEFFDay,Occurred at\r\n');
  });

  it('writes 200,000 rows of 1 KB without keeping them in memory', async () => {
    const count = 200_000;
    const growth = await retainedGrowth((onProgress) => writeCsv(report([bulkSection(count)]), directory, onProgress));

    expect(growth.rowsReported).toBe(count);
    // Kept rows would take over 200 MB; a streaming writer keeps a few batches at most.
    expect(growth.bytes).toBeLessThan(150 * 1024 * 1024);
  });
});

const PADDING = 'x'.repeat(1_000);

function bulkSection(count: number): ReportSection {
  return {
    key: 'bulk',
    title: 'Bulk',
    columns: COLUMNS,
    rowCount: count,
    rows: async function* () {
      for (let index = 0; index < count; index += 1) {
        await Promise.resolve(); // rows arrive asynchronously, as from a database cursor
        const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000);
        yield [at, at, index, index % 2 === 0, `model-${index}`, `${index} ${PADDING}`];
      }
    },
  };
}

/**
 * How far the heap and Buffer memory grew while writing, measured after a full garbage collection every
 * 20,000 rows: what the writer keeps, not the garbage it has not yet had collected.
 */
async function retainedGrowth(
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

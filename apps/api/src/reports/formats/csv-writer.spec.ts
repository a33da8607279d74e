import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { writeCsv } from './csv-writer.js';
import type { CellValue, ReportColumn } from './report-document.js';
import { bulkSection, report, retainedGrowth, section } from './report-document.testing.js';

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
    const growth = await retainedGrowth((onProgress) =>
      writeCsv(report([bulkSection(COLUMNS, count, 1_000)]), directory, onProgress),
    );

    expect(growth.rowsReported).toBe(count);
    // Kept rows would take over 200 MB; a streaming writer keeps a few batches at most.
    expect(growth.bytes).toBeLessThan(150 * 1024 * 1024);
  });
});

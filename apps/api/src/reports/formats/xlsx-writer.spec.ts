import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { CellValue, ReportColumn, ReportSection } from './report-document.js';
import { arriving, bulkSection, report, retainedGrowth, section } from './report-document.testing.js';
import { writeXlsx, writeXlsxWith } from './xlsx-writer.js';

const COLUMNS: ReportColumn[] = [
  { key: 'day', header: 'Day', type: 'date' },
  { key: 'occurredAt', header: 'Occurred at', type: 'datetime', width: 22 },
  { key: 'tokens', header: 'Tokens', type: 'number' },
  { key: 'approved', header: 'Approved', type: 'boolean' },
  { key: 'model', header: 'Model', width: 200 },
  { key: 'note', header: 'Note, "quoted"' },
];

const ROWS: CellValue[][] = [
  [new Date('2026-06-30T23:30:00Z'), new Date('2026-06-30T12:00:00Z'), 1234.5, true, '通义千问 Qwen', 'a, b "c"\nnext line'],
  [null, null, -2, false, '=HYPERLINK("http://x")', null],
  [new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), 0, null, '+1', '-2'],
  [null, null, null, null, '@SUM(A1)', '\tcmd'],
];

const EVENTS_TITLE = 'Audit events: who/what [Q3 2026] changed?';
const EVENTS_SHEET = 'Audit events whowhat Q3 2026 ch';

async function readWorkbook(directory: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(directory, 'report.xlsx'));
  return workbook;
}

function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function allCells(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
  return cells;
}

describe('writeXlsx', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'xlsx-writer-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes an About sheet and one typed, filterable sheet per section', async () => {
    const progress: number[] = [];
    const files = await writeXlsx(
      report([
        section('events', EVENTS_TITLE, COLUMNS, ROWS),
        section('again', `${EVENTS_TITLE} again`, COLUMNS.slice(0, 2), []),
      ]),
      directory,
      (rows) => progress.push(rows),
    );

    expect(files).toEqual([
      { name: 'report.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: 4 },
    ]);
    expect(progress).toEqual([4]);
    const workbook = await readWorkbook(directory);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About', EVENTS_SHEET, 'Audit events whowhat Q3 202 (2)']);

    const events = workbook.getWorksheet(EVENTS_SHEET)!;
    expect(sheetValues(events)).toEqual([
      ['Day', 'Occurred at', 'Tokens', 'Approved', 'Model', 'Note, "quoted"'],
      [new Date('2026-06-30T00:00:00Z'), new Date('2026-06-30T12:00:00Z'), 1234.5, true, '通义千问 Qwen', 'a, b "c"\nnext line'],
      [undefined, undefined, -2, false, `'=HYPERLINK("http://x")`],
      [new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), 0, undefined, "'+1", "'-2"],
      [undefined, undefined, undefined, undefined, "'@SUM(A1)", "'\tcmd"],
    ]);
    expect(events.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(events.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(events.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(events.getRow(1).getCell(6).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(events.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(events.autoFilter).toBe('A1:F5');
    expect(events.columns.map((column) => column.width)).toEqual([16, 22, 16, 16, 60, 16]);

    const empty = workbook.getWorksheet('Audit events whowhat Q3 202 (2)')!;
    expect(sheetValues(empty)).toEqual([['Day', 'Occurred at']]);
    expect(empty.autoFilter).toBe('A1:B1');

    const cells = allCells(workbook);
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula)).toEqual([]);
    const texts = cells.map((cell) => cell.value).filter((value): value is string => typeof value === 'string');
    expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });

  it('describes the report on the About sheet', async () => {
    await writeXlsx(report([section('events', 'Events', COLUMNS, ROWS)]), directory);

    const about = sheetValues((await readWorkbook(directory)).getWorksheet('About')!);
    expect(about[0]).toEqual(['Audit trail']);
    expect(about).toEqual(
      expect.arrayContaining([
        ['Report type', 'audit-trail'],
        ['Generated at', '2026-07-02T08:00:00Z'],
        ['Generator', 'modelgate 0.1.0'],
        ['Period', '2026-06-01 to 2026-06-30'],
        ['Sequence', '42'],
        ['Hash', 'ab'.repeat(32)],
        ['Events', '4 rows.'],
      ]),
    );
    expect(about.flat().some((text) => typeof text === 'string' && text.includes('manifest.sig'))).toBe(true);
  });

  it('continues a section on further sheets, with the header, past the row limit', async () => {
    const rows: CellValue[][] = [[1], [2], [3], [4], [5]];
    const progress: number[] = [];

    const files = await writeXlsxWith({ maxRowsPerSheet: 3 })(
      report([section('numbers', 'Numbers', [{ key: 'n', header: 'N', type: 'number' }], rows)]),
      directory,
      (written) => progress.push(written),
    );

    expect(files[0]?.rows).toBe(5);
    const workbook = await readWorkbook(directory);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheetValues(sheet)])).toEqual([
      ['About', expect.anything()],
      ['Numbers', [['N'], [1], [2]]],
      ['Numbers (2)', [['N'], [3], [4]]],
      ['Numbers (3)', [['N'], [5]]],
    ]);
    expect(workbook.getWorksheet('Numbers (3)')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(workbook.getWorksheet('Numbers (2)')!.autoFilter).toBe('A1:A3');
  });

  it('fails with the error of a section whose rows fail', async () => {
    const failing: ReportSection = {
      ...section('broken', 'Broken', COLUMNS, []),
      rows: async function* () {
        yield* arriving(ROWS);
        throw new Error('cursor lost');
      },
    };

    await expect(writeXlsx(report([failing]), directory)).rejects.toThrow('cursor lost');
  });

  it('writes 100,000 rows of 2 KB without keeping them in memory', async () => {
    const count = 100_000;
    const growth = await retainedGrowth((onProgress) =>
      writeXlsx(report([bulkSection(COLUMNS, count, 2_000)]), directory, onProgress),
    );

    expect(growth.rowsReported).toBe(count);
    // Kept rows would take over 200 MB; a streaming writer keeps a few batches at most.
    expect(growth.bytes).toBeLessThan(150 * 1024 * 1024);
  });
});

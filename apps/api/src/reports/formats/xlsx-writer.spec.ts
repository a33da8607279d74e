import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
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

/** The package's parts as text, by path. */
async function readParts(directory: string): Promise<Map<string, string>> {
  const entries = unzipSync(new Uint8Array(await readFile(path.join(directory, 'report.xlsx'))));
  return new Map(Object.entries(entries).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
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

    const bytes = await readFile(path.join(directory, 'report.xlsx'));
    expect(files).toEqual([
      {
        name: 'report.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        rows: 4,
        written: { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
      },
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

  it('leaves out what XML cannot hold, keeps line breaks, edge spaces and markup, and guards what is left', async () => {
    const texts = [
      'nul\u0000 bell\u0007 vt\u000B ff\u000C esc\u001B del\u007F end',
      '\uFFFEnot\uFFFF xml',
      '\u0001=1+1',
      'line one\r\nline two\rthree\nfour',
      '  padded\t ',
      `R&D <b>bold</b> "double" 'single' ]]>`,
      'emoji 😀 and 通义',
      'lone \uD800 surrogate',
    ];
    await writeXlsx(
      report(
        [
          section(
            'text',
            'R&D <notes>',
            [{ key: 'text', header: 'Text & <more>' }],
            texts.map((text) => [text]),
          ),
        ],
        {
          title: 'Title\u0000 with <markup> & a bell\u0007',
        },
      ),
      directory,
    );

    const workbook = await readWorkbook(directory);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About', 'R&D <notes>']);
    expect(sheetValues(workbook.getWorksheet('R&D <notes>')!)).toEqual([
      ['Text & <more>'],
      ['nul bell vt ff esc del end'],
      ['not xml'],
      ["'=1+1"],
      ['line one\r\nline two\rthree\nfour'],
      ['  padded\t '],
      [`R&D <b>bold</b> "double" 'single' ]]>`],
      ['emoji 😀 and 通义'],
      ['lone \uFFFD surrogate'],
    ]);
    expect(sheetValues(workbook.getWorksheet('About')!)[0]).toEqual(['Title with <markup> & a bell']);
    // A raw carriage return would reach readers as a line feed, and Excel trims unmarked edge spaces.
    const sheet = (await readParts(directory)).get('xl/worksheets/sheet2.xml')!;
    expect(sheet).toContain('<t>line one&#13;\nline two&#13;three\nfour</t>');
    expect(sheet).toContain('<t xml:space="preserve">  padded\t </t>');
  });

  it('escapes text that Excel would read as its own _xHHHH_ escapes', async () => {
    await writeXlsx(
      report([section('text', 'Text', [{ key: 'text', header: 'Text' }], [['code _x0041_ and _x00_ and _X0041_']])]),
      directory,
    );

    // Excel shows `_x005F_` as `_`, so the cell reads `code _x0041_ ...`; left as it was, it would read `code A ...`.
    const sheet = (await readParts(directory)).get('xl/worksheets/sheet2.xml')!;
    expect(sheet).toContain('<t>code _x005F_x0041_ and _x00_ and _X0041_</t>');
  });

  it("cuts text at Excel's cell limit without splitting a character", async () => {
    const limit = 32_767;
    const rows = [['x'.repeat(limit)], ['y'.repeat(limit + 1)], [`${'a'.repeat(limit - 2)}😀tail`], [`=${'1'.repeat(limit)}`]];
    await writeXlsx(report([section('long', 'Long', [{ key: 'text', header: 'Text' }], rows)]), directory);

    const [, ...values] = sheetValues((await readWorkbook(directory)).getWorksheet('Long')!).map(([value]) => value as string);
    expect(values[0]).toBe('x'.repeat(limit));
    expect(values[1]).toBe(`${'y'.repeat(limit - 1)}…`);
    // The emoji's two UTF-16 units would straddle the cut: it is left out whole.
    expect(values[2]).toBe(`${'a'.repeat(limit - 2)}…`);
    expect(values[3]).toBe(`'=${'1'.repeat(limit - 3)}…`);
    expect(values.map((value) => value.length)).toEqual([limit, limit, limit - 1, limit]);
  });

  it('writes dates as UTC dates and date-times, and numbers Excel cannot hold as text', async () => {
    const columns: ReportColumn[] = [
      { key: 'day', header: 'Day', type: 'date' },
      { key: 'at', header: 'At', type: 'datetime' },
      { key: 'other', header: 'Other' },
    ];
    const rows: CellValue[][] = [
      [new Date('1950-03-04T23:59:59.999Z'), new Date('2026-06-30T12:34:56.789Z'), new Date('2026-01-02T03:04:05.006Z')],
      [new Date('2099-12-31T00:00:00Z'), new Date('1970-01-01T00:00:00Z'), Number.NaN],
      [new Date(Number.NaN), null, Number.POSITIVE_INFINITY],
      [null, null, 0.1 + 0.2],
      [null, null, -0],
      [null, null, 1e21],
    ];
    await writeXlsx(report([section('dates', 'Dates', columns, rows)]), directory);

    const sheet = (await readWorkbook(directory)).getWorksheet('Dates')!;
    expect(sheetValues(sheet).slice(1)).toEqual([
      [new Date('1950-03-04T00:00:00Z'), new Date('2026-06-30T12:34:56.789Z'), new Date('2026-01-02T03:04:05.006Z')],
      [new Date('2099-12-31T00:00:00Z'), new Date('1970-01-01T00:00:00Z'), 'NaN'],
      ['Invalid Date', undefined, 'Infinity'],
      [undefined, undefined, 0.1 + 0.2],
      [undefined, undefined, 0],
      [undefined, undefined, 1e21],
    ]);
    expect(sheet.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // A date in a column not typed as one keeps its time.
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('writes a workbook without sections, and sections without rows or columns', async () => {
    await writeXlsx(report([]), directory);
    expect((await readWorkbook(directory)).worksheets.map((sheet) => sheet.name)).toEqual(['About']);

    const next = path.join(directory, 'next');
    await mkdir(next);
    const files = await writeXlsx(
      report([section('none', 'No columns', [], [[], []]), section('empty', 'No rows', [{ key: 'n', header: 'N' }], [])]),
      next,
    );

    expect(files[0]?.rows).toBe(2);
    const workbook = await readWorkbook(next);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheetValues(sheet)])).toEqual([
      ['About', expect.anything()],
      ['No columns', []],
      ['No rows', [['N']]],
    ]);
    expect(workbook.getWorksheet('No columns')!.autoFilter).toBeUndefined();
    expect(workbook.getWorksheet('No rows')!.autoFilter).toBe('A1:A1');
  });

  it('opens no further sheet for a section that fills its last one exactly, and keeps continued sheet names unique', async () => {
    const title = 'About the quarterly review of every model';
    const numbers = [{ key: 'n', header: 'N', type: 'number' as const }];

    await writeXlsxWith({ maxRowsPerSheet: 3 })(
      report([section('review', title, numbers, [[1], [2], [3], [4]]), section('about', 'About', numbers, [[5]])]),
      directory,
    );

    const workbook = await readWorkbook(directory);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheetValues(sheet).length])).toEqual([
      ['About', expect.any(Number)],
      ['About the quarterly review of e', 3],
      ['About the quarterly review (2)', 3],
      ['About (2)', 2],
    ]);
    // Excel keeps each filter's range as a hidden name of its sheet as well.
    expect((await readParts(directory)).get('xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">&apos;About the quarterly review (2)&apos;!$A$1:$A$3</definedName>`,
    );
  });

  it('lets other work run while it writes', async () => {
    let finished = false;
    const writing = writeXlsx(report([bulkSection(COLUMNS, 5_000, 100)]), directory).then(() => (finished = true));
    let turns = 0;
    while (!finished) {
      await nextTurn();
      turns += 1;
    }
    await writing;

    // Rows arrive as from a cursor that never waits for I/O; the writer itself lets the event loop turn.
    expect(turns).toBeGreaterThan(10);
  });

  it('fails when the file cannot be written', async () => {
    await mkdir(path.join(directory, 'report.xlsx'));

    await expect(writeXlsx(report([bulkSection(COLUMNS, 1_000, 10)]), directory)).rejects.toThrow(/EISDIR/);
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

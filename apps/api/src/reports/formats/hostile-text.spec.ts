import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { writeCsv } from './csv-writer.js';
import { readPdfLines } from './pdf-pages.testing.js';
import { writePdf } from './pdf-writer.js';
import type { CellValue, ReportColumn } from './report-document.js';
import { report, section } from './report-document.testing.js';
import { writeXlsx } from './xlsx-writer.js';

// Names, findings and notes are typed by people: some of it will be markup, formulas or control characters.
// Every format must carry such text as text: spreadsheets must not run it, and a PDF has nothing to run.

const DDE = `=cmd|' /C calc'!A0`;
const FORMULAS = [DDE, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '\t=1+1', '\r=1+1'];
const MARKUP = ['<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">'];
const PDF_SYNTAX = ') Tj /JavaScript << /JS (app.alert(1)) >> (';
const CONTROL = 'bell\u0007 escape\u001b[31m nul\u0000 end';
/** Valid Unicode that PostgreSQL stores, but XML 1.0 cannot hold: one in a cell made the whole workbook unreadable. */
const NOT_XML = '\uFFFF=1+1\uFFFE';

const COLUMNS: ReportColumn[] = [
  { key: 'name', header: 'Model version', width: 40 },
  { key: 'finding', header: 'Finding', width: 40 },
];
const ROWS: CellValue[][] = [
  ...FORMULAS.map((formula, index) => [formula, `Finding ${index}`]),
  ...MARKUP.map((markup) => [`Model ${markup}`, markup]),
  ['PDF syntax', PDF_SYNTAX],
  ['Control characters', CONTROL],
  ['Not XML', NOT_XML],
];
const document = () =>
  report([section('hostile', 'Hostile text', COLUMNS, ROWS)], {
    title: `${DDE} <script>alert(1)</script>`,
    scope: [{ label: '=HYPERLINK("http://evil.example")', value: DDE }],
  });

/** A cell's value as a spreadsheet would show it with the formula guard: one leading apostrophe added. */
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

describe('hostile text in report files', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'hostile-text-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('CSV: every cell that a spreadsheet would run starts with an apostrophe; markup stays as it is', async () => {
    const csvDir = path.join(directory, 'csv');
    await mkdir(csvDir);
    await writeCsv(document(), csvDir);
    const rows: string[][] = parse(await readFile(path.join(csvDir, 'hostile.csv')), { bom: true });
    expect(rows.slice(1)).toEqual(ROWS.map((row) => row.map((cell) => guarded(String(cell)))));
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(rows[1]).toEqual([`'${DDE}`, 'Finding 0']);
  });

  it('XLSX: formula-looking text is a string cell with the guard, never a formula; markup is escaped XML', async () => {
    const xlsxDir = path.join(directory, 'xlsx');
    await mkdir(xlsxDir);
    await writeXlsx(document(), xlsxDir);
    const bytes = await readFile(path.join(xlsxDir, 'report.xlsx'));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(xlsxDir, 'report.xlsx'));
    const sheet = workbook.getWorksheet('Hostile text')!;
    const first = sheet.getCell('A2');
    expect({ type: first.type, value: first.value, formula: first.formula }).toEqual({
      type: ExcelJS.ValueType.String,
      value: `'${DDE}`,
      formula: undefined,
    });
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((each) => each.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula)).toEqual([]);
    expect(cells.map((cell) => cell.value).filter((value) => typeof value === 'string' && /^[=+\-@\t\r]/.test(value))).toEqual(
      [],
    );
    // Markup is kept as text; control characters XML cannot hold are left out, so the file still opens.
    const texts = cells.map((cell) => cell.value);
    for (const markup of MARKUP) expect(texts).toContain(markup);
    expect(texts).toContain('bell escape[31m nul end');
    expect(texts).toContain("'=1+1");

    // In the file itself: no formula element anywhere, and the markup only as escaped XML.
    const entries = unzipSync(new Uint8Array(bytes));
    const sheets = Object.entries(entries).filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets.length).toBeGreaterThanOrEqual(2);
    for (const [, content] of sheets) {
      const xml = new TextDecoder().decode(content);
      expect(xml).not.toMatch(/<f[\s>/]/);
      expect(xml).not.toContain('<script>');
      expect(xml).not.toContain('<img');
    }
    const dataSheet = new TextDecoder().decode(sheets.map(([, content]) => content).at(-1));
    expect(dataSheet).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });

  it('PDF: text is drawn as it reads, markup and PDF syntax included, and the file holds nothing that runs', async () => {
    const pdfDir = path.join(directory, 'pdf');
    await mkdir(pdfDir);
    await writePdf(document(), pdfDir);
    const bytes = new Uint8Array(await readFile(path.join(pdfDir, 'report.pdf')));
    const text = (await readPdfLines(bytes)).flat().join('\n');
    for (const value of [DDE, ...MARKUP, PDF_SYNTAX]) expect(text).toContain(value);
    // Control characters are drawn as spaces.
    expect(text).toContain('bell escape [31m nul end');
    // No JavaScript, actions, launches, links or embedded files: the PDF is only drawn text.
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(
      /\/(JavaScript|JS|OpenAction|AA|Launch|URI|SubmitForm|EmbeddedFile)\b/,
    );
  });
});

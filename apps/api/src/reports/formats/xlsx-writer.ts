import { createWriteStream, type WriteStream } from 'node:fs';
import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@modelgate/domain/reports';
import { columnType, isoSecond, trackProgress, type ProgressTracker } from './cell-format.js';
import type { CellValue, ColumnType, ReportColumn, ReportDocument, ReportSection, ReportWriter } from './report-document.js';

type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;
type Worksheet = ExcelJS.Worksheet;

const FILE_NAME = 'report.xlsx';
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's limits: rows per sheet (the header row included), characters in a sheet name and in a cell. */
export const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_SHEET_NAME = 31;
const EXCEL_MAX_CELL_TEXT = 32_767;

/**
 * Rows written between turns of the event loop. exceljs spends 100-250 µs on a row of the audit extract, so the
 * 1,000 rows between progress reports kept health checks and every other request waiting 100-300 ms at a time.
 */
const ROWS_PER_TURN = 100;

const DEFAULT_COLUMN_WIDTH = 16;
const MAX_COLUMN_WIDTH = 60;
const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export type XlsxWriterOptions = {
  /** Rows per sheet, the header included; a longer section continues on "<title> (2)" and so on. */
  maxRowsPerSheet?: number;
};

/**
 * One workbook: an "About" sheet, then a sheet per section (more when a section outgrows Excel's row limit).
 * Written with exceljs's streaming writer, committing every row, so memory stays flat however long the report.
 */
export function writeXlsxWith({ maxRowsPerSheet = EXCEL_MAX_ROWS }: XlsxWriterOptions = {}): ReportWriter {
  if (maxRowsPerSheet < 2) throw new RangeError('A sheet must hold the header and at least one row');
  return async (document, directory, onProgress) => {
    const output = createWriteStream(path.join(directory, FILE_NAME));
    const outputFailed = failureOf(output);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
    workbook.creator = document.generator.name;
    workbook.created = document.generatedAt;
    const progress = trackProgress(onProgress);
    const sheetNames = new SheetNames();
    const context: SectionContext = {
      workbook,
      sheetNames,
      dataRowsPerSheet: maxRowsPerSheet - 1,
      progress,
      catchUp: (sheet) => Promise.race([letZipCatchUp(sheet, output), outputFailed]),
    };
    try {
      writeAboutSheet(workbook, sheetNames.claim('About'), document);
      for (const section of document.sections) await writeSection(section, context);
      await Promise.race([workbook.commit(), outputFailed]);
    } catch (error) {
      output.destroy();
      throw error;
    }
    progress.finish();
    return [{ name: FILE_NAME, contentType: XLSX_CONTENT_TYPE, rows: progress.total }];
  };
}

export const writeXlsx: ReportWriter = writeXlsxWith();

type SectionContext = {
  workbook: WorkbookWriter;
  sheetNames: SheetNames;
  dataRowsPerSheet: number;
  progress: ProgressTracker;
  /** Waits until the zip and the file have taken what the sheet wrote so far. */
  catchUp: (sheet: Worksheet) => Promise<unknown>;
};

/** Writes one section over as many sheets as its rows need, each with the same header. */
async function writeSection(section: ReportSection, context: SectionContext): Promise<void> {
  const types = section.columns.map(columnType);
  let part = 1;
  let sheet = openSectionSheet(section, part, context);
  let rowsOnSheet = 0;
  for await (const row of section.rows()) {
    if (rowsOnSheet === context.dataRowsPerSheet) {
      closeSectionSheet(sheet, section, rowsOnSheet);
      part += 1;
      sheet = openSectionSheet(section, part, context);
      rowsOnSheet = 0;
    }
    sheet.addRow(types.map((type, index) => xlsxValue(row[index] ?? null, type))).commit();
    rowsOnSheet += 1;
    const batchComplete = context.progress.addRow();
    if (batchComplete || rowsOnSheet % ROWS_PER_TURN === 0) await context.catchUp(sheet);
  }
  closeSectionSheet(sheet, section, rowsOnSheet);
}

function openSectionSheet(section: ReportSection, part: number, { workbook, sheetNames }: SectionContext): Worksheet {
  const title = part === 1 ? section.title : `${section.title} (${part})`;
  const sheet = workbook.addWorksheet(sheetNames.claim(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = section.columns.map(sheetColumn);
  const header = sheet.addRow(section.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
  });
  header.commit();
  return sheet;
}

// Each sheet is committed before the next one opens: the zip takes its entries one at a time, so a sheet
// left open would make every later one pile up in memory.
function closeSectionSheet(sheet: Worksheet, section: ReportSection, dataRows: number): void {
  if (section.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + dataRows, column: section.columns.length } };
  }
  sheet.commit();
}

function sheetColumn(column: ReportColumn): Partial<ExcelJS.Column> {
  const width = Math.min(column.width ?? DEFAULT_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
  const numFmt = dateFormat(columnType(column));
  return numFmt ? { key: column.key, width, style: { numFmt } } : { key: column.key, width };
}

function dateFormat(type: ColumnType): string | undefined {
  if (type === 'date') return DATE_FORMAT;
  if (type === 'datetime') return DATETIME_FORMAT;
  return undefined;
}

/** A cell as exceljs takes it: real dates (UTC), numbers and booleans; text never becomes a formula. */
function xlsxValue(value: CellValue, type: ColumnType): ExcelJS.CellValue {
  if (value instanceof Date) return type === 'date' ? utcMidnight(value) : value;
  if (typeof value === 'string') return sheetText(value);
  // Excel has no NaN or infinity; a number cell holding one makes the file unreadable.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** Characters XML 1.0 cannot hold that exceljs writes anyway (it leaves out the control characters itself). */
const NOT_XML_CHARACTERS = /[\uFFFE\uFFFF]/g;

function sheetText(text: string): string {
  // Left in, one such character anywhere makes Excel refuse the whole workbook as corrupt.
  const neutralised = neutraliseFormula(text.replace(NOT_XML_CHARACTERS, ''));
  return neutralised.length > EXCEL_MAX_CELL_TEXT ? `${truncate(neutralised, EXCEL_MAX_CELL_TEXT - 1)}…` : neutralised;
}

/** The first `length` UTF-16 units (Excel's measure), without leaving half of a surrogate pair at the end. */
function truncate(text: string, length: number): string {
  return text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

function utcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Unique, valid sheet names. Excel compares them without case and forbids `[]:*?/\` and edge apostrophes. */
class SheetNames {
  private readonly taken = new Set<string>();

  claim(title: string): string {
    const base =
      title
        .replace(/[[\]:*?/\\]/g, '')
        .replace(/^'+|'+$/g, '')
        .trim() || 'Sheet';
    for (let copy = 1; ; copy += 1) {
      const suffix = copy === 1 ? '' : ` (${copy})`;
      const name = `${truncate(base, EXCEL_MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}

function writeAboutSheet(workbook: WorkbookWriter, name: string, document: ReportDocument): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 28 }, { width: 80 }];
  const add = (values: ExcelJS.CellValue[], font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow(values);
    if (font) row.getCell(1).font = font;
    row.commit();
  };
  const heading = (text: string) => add([text], HEADER_FONT);

  add([sheetText(document.title)], { bold: true, size: 14 });
  add([]);
  add(['Report type', sheetText(document.reportType)]);
  add(['Generated at', isoSecond(document.generatedAt)]);
  add(['Generator', sheetText(`${document.generator.name} ${document.generator.version}`)]);
  add([]);
  heading('Scope');
  for (const { label, value } of document.scope) add([sheetText(label), sheetText(value)]);
  add([]);
  heading('Audit chain head');
  add(['Sequence', sheetText(document.chainHead.seq ?? '(empty trail)')]);
  add(['Hash', sheetText(document.chainHead.hash ?? '(empty trail)')]);
  add([]);
  heading('Sections');
  for (const section of document.sections) {
    add([sheetText(section.title), sheetText(`${section.rowCount} rows. ${section.description ?? ''}`.trim())]);
  }
  add([]);
  add(['All dates and times are in UTC.']);
  add(['Integrity: the manifest.sig of the report bundle this file came in proves that the file is unchanged.']);
  sheet.commit();
}

// exceljs writes rows into the zip without looking at write() results, so left alone it would hold in memory
// whatever compression and the file have not taken yet. After each batch of rows the writer waits for them.
async function letZipCatchUp(sheet: Worksheet, output: WriteStream): Promise<void> {
  await nextTurn();
  for (const entryStream of zipEntryStreams(sheet)) {
    if (needsDrain(entryStream)) await once(entryStream, 'drain');
  }
  if (output.writableNeedDrain) await once(output, 'drain');
}

/** A writable as it may come from an older `readable-stream`, which keeps `needDrain` in its state only. */
type DrainableStream = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };

// exceljs 4.4 internals: a sheet writes into a StreamBuf (`stream`), which keeps in `pipes` the stream that
// archiver reads that zip entry from.
function zipEntryStreams(sheet: Worksheet): DrainableStream[] {
  const { stream } = sheet as unknown as { stream?: { pipes?: unknown } };
  return Array.isArray(stream?.pipes) ? stream.pipes.filter((pipe): pipe is DrainableStream => pipe instanceof EventEmitter) : [];
}

function needsDrain(stream: DrainableStream): boolean {
  return stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;
}

function failureOf(stream: WriteStream): Promise<never> {
  const failed = new Promise<never>((_resolve, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  return failed;
}

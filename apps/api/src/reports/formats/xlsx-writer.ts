import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { columnType, isoSecond, trackProgress, type ProgressTracker } from './cell-format.js';
import type { ReportColumn, ReportDocument, ReportSection, ReportWriter } from './report-document.js';
import { packageParts, sheetPath, SheetNames, type SheetEntry } from './xlsx-package.js';
import {
  columnLetters,
  dataRowXml,
  EXCEL_MAX_ROWS,
  sheetColumns,
  sheetEndXml,
  sheetStartXml,
  Style,
  textRowXml,
  type SheetLayout,
} from './xlsx-sheet.js';
import { ZipWriter, type ZipEntryWriter } from './xlsx-zip.js';

export { EXCEL_MAX_ROWS } from './xlsx-sheet.js';

const FILE_NAME = 'report.xlsx';
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DEFAULT_COLUMN_WIDTH = 16;
const MAX_COLUMN_WIDTH = 60;

/**
 * A sheet's XML is handed to the zip in pieces of about this many characters (a few dozen audit events), and the writer
 * lets the event loop turn after each: its own work holds other requests a fraction of a millisecond at a time (the
 * garbage collections it causes hold them longer: 3-5 ms scavenges during a large export), and zlib, whose
 * thread-pool work is handed on by the event loop, compresses beside the code that builds the rows.
 */
const CHUNK_CHARS = 64 * 1024;

export type XlsxWriterOptions = {
  /** Rows per sheet, the header included; a longer section continues on "<title> (2)" and so on. */
  maxRowsPerSheet?: number;
};

/**
 * One workbook: an "About" sheet, then a sheet per section (more when a section outgrows Excel's row limit).
 * The sheets' XML is written directly, row by row, into a streamed zip, so memory stays flat however long the report.
 */
export function writeXlsxWith({ maxRowsPerSheet = EXCEL_MAX_ROWS }: XlsxWriterOptions = {}): ReportWriter {
  if (maxRowsPerSheet < 2) throw new RangeError('A sheet must hold the header and at least one row');
  return async (document, directory, onProgress) => {
    const output = createWriteStream(path.join(directory, FILE_NAME));
    const zip = new ZipWriter(output, document.generatedAt);
    const progress = trackProgress(onProgress);
    const workbook = new WorkbookSheets(zip);
    let written: { sha256: string; bytes: number };
    try {
      await writeAboutSheet(workbook, document);
      for (const section of document.sections) await writeSection(section, workbook, maxRowsPerSheet - 1, progress);
      const properties = { creator: document.generator.name, created: document.generatedAt };
      for (const [part, content] of packageParts(workbook.sheets, properties)) await zip.addFile(part, content);
      written = await zip.finish();
    } catch (error) {
      zip.abort();
      throw error;
    }
    progress.finish();
    return [{ name: FILE_NAME, contentType: XLSX_CONTENT_TYPE, rows: progress.total, written }];
  };
}

export const writeXlsx: ReportWriter = writeXlsxWith();

/** The workbook's sheets, written one after another into the zip. */
class WorkbookSheets {
  readonly sheets: SheetEntry[] = [];
  private readonly names = new SheetNames();

  constructor(private readonly zip: ZipWriter) {}

  open(title: string, layout: Omit<SheetLayout, 'selected'>): SheetWriter {
    const entry: SheetEntry = { name: this.names.claim(title), path: sheetPath(this.sheets.length), autoFilter: null };
    const selected = this.sheets.length === 0;
    this.sheets.push(entry);
    return new SheetWriter(entry, this.zip.openEntry(entry.path), sheetStartXml({ ...layout, selected }));
  }
}

/** One worksheet's XML, collected into chunks for the zip. */
class SheetWriter {
  private xml: string;

  constructor(
    readonly entry: SheetEntry,
    private readonly zipEntry: ZipEntryWriter,
    start: string,
  ) {
    this.xml = start;
  }

  /** Adds XML; true when a chunk is complete and `flush` should be awaited. */
  add(xml: string): boolean {
    this.xml += xml;
    return this.xml.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    const chunk = Buffer.from(this.xml);
    this.xml = '';
    await this.zipEntry.write(chunk);
    await nextTurn();
  }

  async close(autoFilter: string | null): Promise<void> {
    this.entry.autoFilter = autoFilter;
    this.add(sheetEndXml(autoFilter));
    await this.flush();
    await this.zipEntry.close();
  }
}

/** Writes one section over as many sheets as its rows need, each with the same header. */
async function writeSection(
  section: ReportSection,
  workbook: WorkbookSheets,
  dataRowsPerSheet: number,
  progress: ProgressTracker,
): Promise<void> {
  const types = section.columns.map(columnType);
  const columns = sheetColumns(types);
  const layout = {
    columns: section.columns.map((column, index) => ({ width: columnWidth(column), style: columns[index]!.style })),
    frozenHeader: true,
  };
  const headers = section.columns.map((column) => column.header);
  const open = (part: number) => {
    const sheet = workbook.open(part === 1 ? section.title : `${section.title} (${part})`, layout);
    sheet.add(textRowXml(1, headers, Style.Header));
    return sheet;
  };
  const close = (sheet: SheetWriter, dataRows: number) =>
    sheet.close(headers.length ? `A1:${columnLetters(headers.length - 1)}${1 + dataRows}` : null);

  let part = 1;
  let sheet = open(part);
  let rowsOnSheet = 0;
  for await (const row of section.rows()) {
    if (rowsOnSheet === dataRowsPerSheet) {
      await close(sheet, rowsOnSheet);
      part += 1;
      sheet = open(part);
      rowsOnSheet = 0;
    }
    rowsOnSheet += 1;
    if (sheet.add(dataRowXml(rowsOnSheet + 1, row, columns))) await sheet.flush();
    progress.addRow();
  }
  await close(sheet, rowsOnSheet);
}

function columnWidth(column: ReportColumn): number {
  return Math.min(column.width ?? DEFAULT_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

async function writeAboutSheet(workbook: WorkbookSheets, document: ReportDocument): Promise<void> {
  const sheet = workbook.open('About', {
    columns: [
      { width: 28, style: Style.Plain },
      { width: 80, style: Style.Plain },
    ],
    frozenHeader: false,
  });
  let rowNumber = 0;
  const add = (texts: string[], firstStyle: Style = Style.Plain) => {
    rowNumber += 1;
    if (texts.length) sheet.add(textRowXml(rowNumber, texts, Style.Plain, firstStyle));
  };
  const heading = (text: string) => add([text], Style.Bold);

  add([document.title], Style.Title);
  add([]);
  add(['Report type', document.reportType]);
  add(['Generated at', isoSecond(document.generatedAt)]);
  add(['Generator', `${document.generator.name} ${document.generator.version}`]);
  add([]);
  heading('Scope');
  for (const { label, value } of document.scope) add([label, value]);
  add([]);
  heading('Audit chain head');
  add(['Sequence', document.chainHead.seq ?? '(empty trail)']);
  add(['Hash', document.chainHead.hash ?? '(empty trail)']);
  add([]);
  heading('Sections');
  for (const section of document.sections) {
    add([section.title, `${section.rowCount} rows. ${section.description ?? ''}`.trim()]);
  }
  add([]);
  add(['All dates and times are in UTC.']);
  add(['Integrity: the manifest.sig of the report bundle this file came in proves that the file is unchanged.']);
  await sheet.close(null);
}

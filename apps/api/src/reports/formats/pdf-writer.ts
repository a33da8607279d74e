import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import {
  ascentOf,
  drawableText,
  FONT,
  fontFile,
  MISSING_GLYPH,
  registerFonts,
  releaseLayoutCaches,
  type GlyphOptions,
} from './pdf-fonts.js';
import type { CellValue, ReportColumn, ReportDocument, ReportSection, ReportWriter, RowProgress } from './report-document.js';

/** Total data rows across sections above which a PDF is refused: pdfkit keeps every page in memory until the end. */
export const PDF_MAX_ROWS = 10_000;

const PDF_FILE_NAME = 'report.pdf';

export class PdfTooLargeError extends Error {
  constructor(readonly rows: number) {
    super(
      `A PDF of ${rows} rows is too large (the limit is ${PDF_MAX_ROWS.toLocaleString('en-US')}); export CSV or XLSX instead.`,
    );
    this.name = 'PdfTooLargeError';
  }
}

type Pdf = PDFKit.PDFDocument;

const MARGIN = 40;
/** Space under the content area that only the footer uses. */
const FOOTER_SPACE = 22;
const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 3;
/** Rows after which pdfkit's caches of laid-out words are emptied (see `releaseLayoutCaches`). */
const ROWS_PER_LAYOUT_CACHE = 200;
/** Longer cell text ends in an ellipsis, so one long value cannot take over a page. */
const MAX_CELL_LINES = 3;

const FONT_SIZE = {
  title: 22,
  subtitle: 11,
  heading: 15,
  subheading: 12,
  body: 10,
  note: 8.5,
  smallPrint: 8,
  table: 8,
  recordTitle: 9.5,
  recordLabel: 7.5,
  recordValue: 8.5,
  recordCounter: 7.5,
  footer: 7.5,
} as const;
const COLOR = {
  text: '#1f2328',
  muted: '#5b6470',
  accent: '#2f5d8a',
  headerFill: '#dfe6ee',
  stripeFill: '#f3f5f8',
  rule: '#b9c2cc',
  noteFill: '#eef3f8',
} as const;

/** Width hints (in characters) for columns that give none. */
const DEFAULT_COLUMN_WIDTH: Record<NonNullable<ReportColumn['type']>, number> = {
  text: 18,
  number: 10,
  boolean: 6,
  date: 11,
  datetime: 20,
};

export const writePdf: ReportWriter = async (document, directory, onProgress) => {
  const total = document.sections.reduce((sum, section) => sum + section.rowCount, 0);
  if (total > PDF_MAX_ROWS) throw new PdfTooLargeError(total);

  const pdf = createPdf(document);
  const file = path.join(directory, PDF_FILE_NAME);
  const written = pipeline(pdf, createWriteStream(file));
  // Handled at once, so that a failing disk cannot surface as an unhandled rejection while rows still render.
  written.catch(() => undefined);
  let rows: number;
  try {
    rows = await renderReport(pdf, document, onProgress);
  } catch (error) {
    pdf.destroy();
    await written.catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  pdf.end();
  await written;
  return [{ name: PDF_FILE_NAME, contentType: 'application/pdf', rows }];
};

function createPdf(document: ReportDocument): Pdf {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    // The embedded regular face from the start, so that no standard (WinAnsi-only) font is ever loaded.
    font: fontFile(FONT.regular),
    // The contents page and the "Page N of M" footers are filled in once every page exists.
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: document.title,
      Subject: document.reportType,
      Creator: `${document.generator.name} ${document.generator.version}`,
      Producer: `${document.generator.name} ${document.generator.version}`,
      CreationDate: document.generatedAt,
    },
  });
  registerFonts(pdf);
  compactPagesOnceLeft(pdf);
  return pdf;
}

/**
 * Joins the content of each page into one buffer when the next page is added. pdfkit keeps every page until the
 * end (the contents and footers are drawn last), each as thousands of small chunks, one per drawing operation, and
 * their overhead took more memory than the content itself. The footer drawn later is simply appended.
 */
function compactPagesOnceLeft(pdf: Pdf): void {
  // pdfkit holds a page's content as `page.content.buffer`, an array of chunks, until the document ends.
  type PageContent = { content?: { buffer?: unknown } };
  const isChunks = (buffer: unknown): buffer is Uint8Array[] =>
    Array.isArray(buffer) && buffer.every((chunk) => chunk instanceof Uint8Array);
  let previous = pdf.page as unknown as PageContent;
  pdf.on('pageAdded', () => {
    const content = previous.content;
    if (content && isChunks(content.buffer) && content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)];
    previous = pdf.page as unknown as PageContent;
  });
}

async function renderReport(pdf: Pdf, document: ReportDocument, onProgress: RowProgress | undefined): Promise<number> {
  drawCover(pdf, document);
  const contentsPages = reserveContentsPages(pdf, document.sections);
  let rowsWritten = 0;
  const countRow = () => {
    rowsWritten += 1;
    // rowCount was checked up front; this guards against a section that yields more than it announced.
    if (rowsWritten > PDF_MAX_ROWS) throw new PdfTooLargeError(rowsWritten);
    if (rowsWritten % ROWS_PER_LAYOUT_CACHE === 0) releaseLayoutCaches(pdf);
    onProgress?.(rowsWritten);
  };
  const entries: ContentsEntry[] = [];
  for (const section of document.sections) {
    entries.push(await drawSection(pdf, section, countRow));
  }
  drawContents(pdf, contentsPages, entries);
  drawFooters(pdf, document);
  return rowsWritten;
}

// ---------------------------------------------------------------------------------------------
// Values as cell text

function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatCell(value: CellValue | undefined, column: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'invalid date';
    return column.type === 'date' ? value.toISOString().slice(0, 10) : formatDateTime(value);
  }
  return String(value);
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * The start of a long text, at most `max` characters and ending in an ellipsis where cut, so that a huge value
 * (a JSON document, say) is not laid out in full only for all but its first lines to be dropped.
 */
function cutForMeasuring(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026`;
}

// ---------------------------------------------------------------------------------------------
// Page geometry and text

function contentLeft(pdf: Pdf): number {
  return pdf.page.margins.left;
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

function contentBottom(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

/** Index (0-based, as switchToPage takes it) of the page last added. */
function lastPageIndex(pdf: Pdf): number {
  const range = pdf.bufferedPageRange();
  return range.start + range.count - 1;
}

/** Switches to the font and size, and returns their line height. */
function setFont(pdf: Pdf, font: string, size: number): number {
  return pdf.font(font).fontSize(size).currentLineHeight(true);
}

type TextStyle = { font: string; size: number; color?: string };

/** Switches to the style and returns the text as its font can draw it (see `replaceMissingGlyphs`). */
function styled(pdf: Pdf, text: string, style: TextStyle, options?: GlyphOptions): string {
  pdf
    .font(style.font)
    .fontSize(style.size)
    .fillColor(style.color ?? COLOR.text);
  return drawableText(pdf, text, options);
}

/** How many lines the text takes when wrapped to `width` in the current font. */
function linesOf(pdf: Pdf, text: string, width: number): number {
  if (text === '' || (!text.includes('\n') && pdf.widthOfString(text) <= width)) return 1;
  return Math.max(1, Math.round(pdf.heightOfString(text, { width }) / pdf.currentLineHeight(true)));
}

/** Writes a block of wrapped text at the left margin and moves below it. */
function writeBlock(pdf: Pdf, text: string, style: TextStyle, gapAfter = 0): void {
  const drawable = styled(pdf, text, style, { keepLineBreaks: true });
  pdf.text(drawable, contentLeft(pdf), pdf.y, { width: contentWidth(pdf) });
  pdf.y += gapAfter;
}

function horizontalRule(pdf: Pdf, y: number, lineWidth: number, color: string = COLOR.rule): void {
  pdf
    .moveTo(contentLeft(pdf), y)
    .lineTo(contentLeft(pdf) + contentWidth(pdf), y)
    .lineWidth(lineWidth)
    .strokeColor(color)
    .stroke();
}

/** The text, cut to fit one line of `width` in the current font and ending in an ellipsis when it was cut. */
function fitOnOneLine(pdf: Pdf, text: string, width: number): string {
  if (pdf.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  const cut = (end: number) => `${chars.slice(0, end).join('').trimEnd()}\u2026`;
  // Binary search for the longest start that fits, as a long value would take a measurement per character.
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (pdf.widthOfString(cut(middle)) <= width) fits = middle;
    else tooLong = middle;
  }
  return cut(fits);
}

// ---------------------------------------------------------------------------------------------
// Cover

function drawCover(pdf: Pdf, document: ReportDocument): void {
  writeBlock(pdf, document.title, { font: FONT.bold, size: FONT_SIZE.title }, 4);
  horizontalRule(pdf, pdf.y, 1.5, COLOR.accent);
  pdf.y += 10;
  writeBlock(pdf, `Report type: ${document.reportType}`, { font: FONT.regular, size: FONT_SIZE.subtitle, color: COLOR.muted }, 2);
  writeBlock(
    pdf,
    `Generated ${formatDateTime(document.generatedAt)} by ${document.generator.name} ${document.generator.version}`,
    { font: FONT.regular, size: FONT_SIZE.subtitle, color: COLOR.muted },
    18,
  );

  writeBlock(pdf, 'Scope', { font: FONT.bold, size: FONT_SIZE.subheading }, 6);
  const scope = document.scope.length > 0 ? document.scope : [{ label: 'Filters', value: 'None: the whole organization' }];
  drawLabelValueRows(pdf, scope);
  pdf.y += 14;

  writeBlock(pdf, 'Audit chain head', { font: FONT.bold, size: FONT_SIZE.subheading }, 6);
  drawLabelValueRows(pdf, chainHeadRows(document.chainHead));
  pdf.y += 18;

  drawIntegrityNote(pdf);
  pdf.y += 14;
  drawSmallPrint(pdf);
}

function chainHeadRows(chainHead: ReportDocument['chainHead']): Array<{ label: string; value: string }> {
  if (chainHead.seq === null || chainHead.hash === null) {
    return [{ label: 'Head', value: 'None: the audit trail was empty when this report was made' }];
  }
  return [
    { label: 'Sequence', value: `#${chainHead.seq}` },
    { label: 'Hash', value: chainHead.hash },
  ];
}

const LABEL_WIDTH = 170;

function drawLabelValueRows(pdf: Pdf, rows: ReadonlyArray<{ label: string; value: string }>): void {
  const left = contentLeft(pdf);
  const labelStyle = { font: FONT.bold, size: FONT_SIZE.body, color: COLOR.muted };
  const valueStyle = { font: FONT.regular, size: FONT_SIZE.body };
  const labelWidth = LABEL_WIDTH - 10;
  const valueWidth = contentWidth(pdf) - LABEL_WIDTH;
  for (const { label, value } of rows) {
    const labelText = styled(pdf, label, labelStyle);
    const labelHeight = pdf.heightOfString(labelText, { width: labelWidth });
    const valueText = styled(pdf, value, valueStyle, { keepLineBreaks: true });
    const height = Math.max(labelHeight, pdf.heightOfString(valueText, { width: valueWidth })) + 5;
    if (pdf.y + height > contentBottom(pdf)) pdf.addPage();
    const top = pdf.y;
    horizontalRule(pdf, top + height - 2.5, 0.5);
    styled(pdf, '', labelStyle);
    pdf.text(labelText, left, top, { width: labelWidth });
    styled(pdf, '', valueStyle);
    pdf.text(valueText, left + LABEL_WIDTH, top, { width: valueWidth });
    pdf.y = top + height + 3;
  }
}

const INTEGRITY_NOTE: ReadonlyArray<{ text: string } & TextStyle> = [
  { text: 'Integrity', font: FONT.bold, size: FONT_SIZE.body },
  {
    text: 'This PDF is one file of a signed report bundle. The bundle\u2019s manifest.sig proves that none of its files were altered. Verify it with:',
    font: FONT.regular,
    size: FONT_SIZE.body,
  },
  { text: 'modelgate report verify <bundle.zip>', font: FONT.mono, size: FONT_SIZE.body },
];

function drawIntegrityNote(pdf: Pdf): void {
  const left = contentLeft(pdf);
  const width = contentWidth(pdf);
  const padding = { x: 14, y: 8, between: 3 };
  const textWidth = width - 2 * padding.x;
  const blocks = INTEGRITY_NOTE.map((block) => {
    const text = styled(pdf, block.text, block);
    return { ...block, text, height: pdf.heightOfString(text, { width: textWidth }) };
  });
  const height = blocks.reduce((sum, block) => sum + block.height + padding.between, 2 * padding.y - padding.between);
  if (pdf.y + height > contentBottom(pdf)) pdf.addPage();
  const top = pdf.y;
  pdf.rect(left, top, width, height).fill(COLOR.noteFill);
  pdf.rect(left, top, 3, height).fill(COLOR.accent);
  let y = top + padding.y;
  for (const block of blocks) {
    styled(pdf, '', block);
    pdf.text(block.text, left + padding.x, y, { width: textWidth });
    y += block.height + padding.between;
  }
  pdf.y = top + height;
}

const SMALL_PRINT = [
  `Text is set in DejaVu Sans Condensed. Characters outside its coverage (for example Chinese, Japanese or Korean script) are shown as \u201c${MISSING_GLYPH}\u201d; they are intact in the CSV, XLSX and JSON formats of the same report.`,
  'Sections with more columns than fit across a page list each row as a block of labelled fields, leaving empty fields out. Text longer than a cell or a block has room for is shortened with \u201c\u2026\u201d; those formats hold it in full.',
];

function drawSmallPrint(pdf: Pdf): void {
  for (const paragraph of SMALL_PRINT) {
    writeBlock(pdf, paragraph, { font: FONT.regular, size: FONT_SIZE.smallPrint, color: COLOR.muted }, 3);
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

type TableColumn = { x: number; width: number; align: 'left' | 'right' };

type TableLayout = { left: number; width: number; columns: readonly TableColumn[] };

/**
 * The narrowest a text column may be (padding included) and still be read: about a dozen characters. A section whose
 * columns cannot all have at least this (or, for other types, their typical value), and the longest word of their
 * header, is shown as records instead of a table.
 */
const MIN_TEXT_COLUMN_WIDTH = 56;

/** The widest typical value of each non-text type, which a column of that type should show without wrapping. */
const TYPICAL_VALUE: Record<Exclude<NonNullable<ReportColumn['type']>, 'text'>, string> = {
  number: '000000',
  boolean: 'yes',
  date: '0000-00-00',
  datetime: '0000-00-00T00:00:00Z',
};

function minimumColumnWidth(pdf: Pdf, column: ReportColumn): number {
  setFont(pdf, FONT.bold, FONT_SIZE.table);
  const words = drawableText(pdf, column.header).split(/\s+/);
  // pdfkit measures a word with the space after it when it decides whether to break the word.
  const headerWidth = Math.max(0, ...words.map((word) => pdf.widthOfString(`${word} `)));
  const type = column.type ?? 'text';
  setFont(pdf, FONT.regular, FONT_SIZE.table);
  const valueWidth = type === 'text' ? MIN_TEXT_COLUMN_WIDTH - 2 * CELL_PADDING_X : pdf.widthOfString(TYPICAL_VALUE[type]);
  return Math.ceil(Math.max(headerWidth, valueWidth)) + 2 * CELL_PADDING_X;
}

/**
 * Column widths that fill the page width: numbers, dates and yes/no get what their values need (their minimum), and
 * text columns share the rest in proportion to their width hints, never under their minimum. Null when the minimums
 * alone are wider than the page, i.e. the table would be unreadable.
 */
function layoutTable(pdf: Pdf, columns: readonly ReportColumn[]): TableLayout | null {
  const left = contentLeft(pdf);
  const width = contentWidth(pdf);
  const minimums = columns.map((column) => minimumColumnWidth(pdf, column));
  if (minimums.reduce((sum, minimum) => sum + minimum, 0) > width) return null;
  const weights = columns.map((column) => Math.max(column.width ?? DEFAULT_COLUMN_WIDTH[column.type ?? 'text'], 3));
  // Columns that their share would make too narrow get their minimum; the rest share what is left, until none is.
  const isText = (column: ReportColumn) => (column.type ?? 'text') === 'text';
  const atMinimum = new Set(columns.some(isText) ? columns.flatMap((column, index) => (isText(column) ? [] : [index])) : []);
  let widths: number[] = [];
  for (;;) {
    const free = width - [...atMinimum].reduce((sum, index) => sum + (minimums[index] ?? 0), 0);
    const freeWeight = weights.reduce((sum, weight, index) => (atMinimum.has(index) ? sum : sum + weight), 0) || 1;
    widths = weights.map((weight, index) => (atMinimum.has(index) ? (minimums[index] ?? 0) : (free * weight) / freeWeight));
    const tooNarrow = widths.findIndex((columnWidth, index) => !atMinimum.has(index) && columnWidth < (minimums[index] ?? 0));
    if (tooNarrow < 0) break;
    atMinimum.add(tooNarrow);
  }
  let x = left;
  const tableColumns = columns.map((column, index) => {
    const columnWidth = widths[index] ?? 0;
    const tableColumn: TableColumn = { x, width: columnWidth, align: column.type === 'number' ? 'right' : 'left' };
    x += columnWidth;
    return tableColumn;
  });
  return { left, width, columns: tableColumns };
}

/** Longer cell text is cut before it is measured; three lines of the widest column hold far less. */
const MAX_CELL_CHARS = 1_500;

/**
 * Draws a table row by row, starting a new page (through `startPage`, which also says what heads it)
 * whenever the next row would not fit, and repeating the header row there.
 */
class PagedTable {
  private rowIndex = 0;

  constructor(
    private readonly pdf: Pdf,
    readonly layout: TableLayout,
    private readonly headers: readonly string[],
    private readonly startPage: () => void,
  ) {}

  drawHeader(): void {
    const cells = this.drawable(this.headers, FONT.bold);
    const height = this.rowHeight(cells, FONT.bold);
    if (this.pdf.y + height > contentBottom(this.pdf)) this.startPage();
    const top = this.pdf.y;
    this.pdf.rect(this.layout.left, top, this.layout.width, height).fill(COLOR.headerFill);
    this.drawCells(cells, top, height, FONT.bold);
    this.rule(top + height, 0.8);
    this.pdf.y = top + height;
  }

  /** Draws one row of plain cell text. Returns the area it took, e.g. for a link. */
  drawRow(texts: readonly string[]): { top: number; height: number } {
    const cells = this.drawable(texts, FONT.regular);
    const height = this.rowHeight(cells, FONT.regular);
    if (this.pdf.y + height > contentBottom(this.pdf)) {
      this.startPage();
      this.drawHeader();
    }
    const top = this.pdf.y;
    if (this.rowIndex % 2 === 1) this.pdf.rect(this.layout.left, top, this.layout.width, height).fill(COLOR.stripeFill);
    this.drawCells(cells, top, height, FONT.regular);
    this.pdf.y = top + height;
    this.rowIndex += 1;
    return { top, height };
  }

  finish(): void {
    if (this.rowIndex > 0) this.rule(this.pdf.y, 0.8);
  }

  /** The height of a row of plain text (as `drawRow` would draw it) in the font. */
  heightOf(texts: readonly string[], font: string): number {
    return this.rowHeight(this.drawable(texts, font), font);
  }

  private drawable(texts: readonly string[], font: string): string[] {
    setFont(this.pdf, font, FONT_SIZE.table);
    return texts.map((text) => drawableText(this.pdf, cutForMeasuring(text, MAX_CELL_CHARS)));
  }

  /** The height a row needs, each cell wrapped to its column and capped at MAX_CELL_LINES lines. */
  private rowHeight(cells: readonly string[], font: string): number {
    const lineHeightOfCell = setFont(this.pdf, font, FONT_SIZE.table);
    const lines = cells.reduce((most, text, index) => Math.max(most, linesOf(this.pdf, text, this.textWidth(index))), 1);
    return Math.min(lines, MAX_CELL_LINES) * lineHeightOfCell + 2 * CELL_PADDING_Y;
  }

  private textWidth(index: number): number {
    return Math.max((this.layout.columns[index]?.width ?? 0) - 2 * CELL_PADDING_X, 1);
  }

  private drawCells(cells: readonly string[], top: number, height: number, font: string): void {
    setFont(this.pdf, font, FONT_SIZE.table);
    this.pdf.fillColor(COLOR.text);
    cells.forEach((text, index) => {
      const column = this.layout.columns[index];
      if (!column || text === '') return;
      this.pdf.text(text, column.x + CELL_PADDING_X, top + CELL_PADDING_Y, {
        width: this.textWidth(index),
        // The slack keeps rounding from dropping the last line that fits.
        height: height - 2 * CELL_PADDING_Y + 0.5,
        ellipsis: true,
        align: column.align,
      });
    });
  }

  private rule(y: number, lineWidth: number): void {
    this.pdf
      .moveTo(this.layout.left, y)
      .lineTo(this.layout.left + this.layout.width, y)
      .lineWidth(lineWidth)
      .strokeColor(COLOR.rule)
      .stroke();
  }
}

// ---------------------------------------------------------------------------------------------
// Records: a section too wide for a table, one block per row

/** Lines a long value may take in a record before it is shortened. */
const MAX_RECORD_VALUE_LINES = 12;
/** Longer values are cut before they are measured: twelve lines of the full page width hold about 2,000 characters. */
const MAX_RECORD_VALUE_CHARS = 2_400;
/**
 * Lines a value may take in the grid of short fields; a longer one gets a row of the full width, and so does one
 * with a word (a hash, an id, JSON) too long for a grid cell, so that it is not broken in the middle.
 */
const MAX_GRID_VALUE_LINES = 2;
const RECORD = {
  /** Fields side by side across the page (landscape A4); two on narrower pages. */
  gridColumns: 3,
  gutter: 18,
  labelGap: 8,
  minLabelWidth: 56,
  maxLabelWidth: 96,
  maxLabelLines: 3,
  paddingTop: 6,
  titleGap: 4,
  fieldGap: 1.5,
  paddingBottom: 5,
  ruleWidth: 0.6,
} as const;
const SHORTENED_NOTE = `Shortened to ${MAX_RECORD_VALUE_LINES} lines; the full text is in the CSV, XLSX and JSON formats of this report.`;

const TITLE_SEPARATOR = ' \u00b7 ';

/** A label and its value, ready to draw: `lines` of the value are shown, and a note follows where it was `shortened`. */
type RecordField = { label: string; labelLines: number; value: string; lines: number; shortened: boolean };

/** A horizontal slice of a record that is never split across pages: a row of short fields, or one long field. */
type RecordBand = { height: number; fields: readonly RecordField[]; wide: boolean };

type RecordBlock = { title: string; counter: string; titleHeight: number; bands: readonly RecordBand[]; height: number };

/**
 * The columns whose values head each record: the first column, and the model version where the section has one
 * (every report is about model versions), or else the second column unless it is a number or a yes/no.
 */
function recordTitleColumns(columns: readonly ReportColumn[]): number[] {
  const modelVersion = columns.findIndex((column, index) => index > 0 && column.key === 'modelVersion');
  if (modelVersion > 0) return [0, modelVersion];
  const second = columns[1];
  if (second && second.type !== 'number' && second.type !== 'boolean') return [0, 1];
  return columns.length > 0 ? [0] : [];
}

/**
 * Draws rows as records: a bold line naming the row, then its non-empty fields as label/value pairs, short ones
 * flowing across the page in a grid and long ones (findings, JSON) on a row of their own, wrapped in full up to
 * MAX_RECORD_VALUE_LINES. A record starts on a new page (through `startPage`) when it does not fit on this one;
 * only one taller than a page is split, between bands, with its title repeated.
 */
class RecordList {
  private readonly titleColumns: readonly number[];
  private readonly labelWidth: number;
  private readonly gridColumns: number;
  private readonly cellWidth: number;
  private recordsOnPage = 0;
  private recordIndex = 0;

  constructor(
    private readonly pdf: Pdf,
    private readonly section: ReportSection,
    private readonly startPage: () => void,
  ) {
    this.titleColumns = recordTitleColumns(section.columns);
    styled(pdf, '', { font: FONT.bold, size: FONT_SIZE.recordLabel });
    const widestLabel = Math.max(0, ...section.columns.map((_, index) => this.widthOfLabel(index)));
    this.labelWidth = Math.min(Math.max(Math.ceil(widestLabel), RECORD.minLabelWidth), RECORD.maxLabelWidth) + RECORD.labelGap;
    this.gridColumns = contentWidth(pdf) >= 600 ? RECORD.gridColumns : 2;
    this.cellWidth = (contentWidth(pdf) - (this.gridColumns - 1) * RECORD.gutter) / this.gridColumns;
  }

  /** Says, under the section's description, why the section is not a table. */
  drawIntroduction(): void {
    writeBlock(
      this.pdf,
      `The ${this.section.columns.length} columns of this section do not fit across the page, so each row is shown as a block of its fields; empty fields are left out.`,
      { font: FONT.italic, size: FONT_SIZE.note, color: COLOR.muted },
      4,
    );
    horizontalRule(this.pdf, this.pdf.y, 0.8);
  }

  drawRecord(row: readonly CellValue[]): void {
    this.recordIndex += 1;
    const block = this.measure(row);
    if (this.recordsOnPage > 0 && this.pdf.y + block.height > contentBottom(this.pdf)) this.newPage();
    this.drawTitle(block, false);
    for (const band of block.bands) {
      if (this.pdf.y + band.height > contentBottom(this.pdf)) {
        // Only a record taller than a page gets here: it goes on, below its title again.
        this.newPage();
        this.drawTitle(block, true);
      }
      this.drawBand(band);
    }
    this.pdf.y += RECORD.paddingBottom;
    horizontalRule(this.pdf, this.pdf.y, RECORD.ruleWidth);
    this.recordsOnPage += 1;
  }

  drawNote(text: string): void {
    writeBlock(this.pdf, text, { font: FONT.italic, size: FONT_SIZE.body, color: COLOR.muted });
  }

  private newPage(): void {
    this.startPage();
    this.recordsOnPage = 0;
  }

  /** The width of a column's label on one line; a longer label than RECORD.maxLabelWidth will wrap. */
  private widthOfLabel(index: number): number {
    return this.pdf.widthOfString(drawableText(this.pdf, this.section.columns[index]?.header ?? ''));
  }

  private measure(row: readonly CellValue[]): RecordBlock {
    const { columns } = this.section;
    const counter = `Row ${formatCount(this.recordIndex)} of ${formatCount(Math.max(this.section.rowCount, this.recordIndex))}`;
    styled(this.pdf, '', { font: FONT.regular, size: FONT_SIZE.recordCounter });
    const titleWidth = contentWidth(this.pdf) - this.pdf.widthOfString(counter) - 16;
    const { title, inTitle } = this.titleOf(row, titleWidth);
    const titleHeight = setFont(this.pdf, FONT.bold, FONT_SIZE.recordTitle) + RECORD.titleGap;

    const grid: RecordField[] = [];
    const wide: RecordField[] = [];
    const gridValueWidth = this.cellWidth - this.labelWidth;
    const wideValueWidth = contentWidth(this.pdf) - this.labelWidth;
    for (const [index, column] of columns.entries()) {
      if (inTitle.includes(index)) continue;
      const raw = formatCell(row[index], column).trim();
      if (raw === '') continue;
      setFont(this.pdf, FONT.regular, FONT_SIZE.recordValue);
      const value = drawableText(this.pdf, cutForMeasuring(raw, MAX_RECORD_VALUE_CHARS), { keepLineBreaks: true });
      const gridLines = linesOf(this.pdf, value, gridValueWidth);
      const fitsGrid = gridLines <= MAX_GRID_VALUE_LINES && (gridLines === 1 || this.wordsFit(value, gridValueWidth));
      const lines = fitsGrid ? gridLines : linesOf(this.pdf, value, wideValueWidth);
      setFont(this.pdf, FONT.bold, FONT_SIZE.recordLabel);
      const label = drawableText(this.pdf, column.header);
      const labelLines = Math.min(linesOf(this.pdf, label, this.labelWidth - RECORD.labelGap), RECORD.maxLabelLines);
      (fitsGrid ? grid : wide).push({
        label,
        labelLines,
        value,
        lines: Math.min(lines, MAX_RECORD_VALUE_LINES),
        shortened: lines > MAX_RECORD_VALUE_LINES || raw.length > MAX_RECORD_VALUE_CHARS,
      });
    }

    const bands: RecordBand[] = [];
    for (let start = 0; start < grid.length; start += this.gridColumns) {
      const fields = grid.slice(start, start + this.gridColumns);
      bands.push({ fields, wide: false, height: this.bandHeight(fields) });
    }
    for (const field of wide) bands.push({ fields: [field], wide: true, height: this.bandHeight([field]) });
    const height = RECORD.paddingTop + titleHeight + bands.reduce((sum, band) => sum + band.height, 0) + RECORD.paddingBottom;
    return { title, counter, titleHeight, bands, height };
  }

  private wordsFit(text: string, width: number): boolean {
    return text.split(/\s+/).every((word) => word.length < 12 || this.pdf.widthOfString(word) <= width);
  }

  /**
   * The record's title, on one line, and the title columns it shows in full. A value cut to fit the line (or one of
   * several lines) is shown as a field as well, so that nothing is lost.
   */
  private titleOf(row: readonly CellValue[], width: number): { title: string; inTitle: number[] } {
    setFont(this.pdf, FONT.bold, FONT_SIZE.recordTitle);
    const parts: Array<{ index: number; text: string; whole: boolean }> = [];
    for (const index of this.titleColumns) {
      const column = this.section.columns[index];
      const value = column ? formatCell(row[index], column).trim() : '';
      if (!column || value === '') continue;
      // A bare number says little on its own: "Seq 1042" rather than "1042".
      const text = drawableText(this.pdf, /^\d+$/.test(value) ? `${column.header} ${value}` : value);
      parts.push({ index, text: text.replace(/\s+/g, ' '), whole: !/[\n\t]/.test(value) });
    }
    if (parts.length === 0) return { title: `Row ${formatCount(this.recordIndex)}`, inTitle: [] };
    const title = fitOnOneLine(this.pdf, parts.map((part) => part.text).join(TITLE_SEPARATOR), width);
    const inTitle = parts.flatMap((part, at) => {
      const upToHere = parts
        .slice(0, at + 1)
        .map(({ text }) => text)
        .join(TITLE_SEPARATOR);
      return part.whole && title.startsWith(upToHere) && !title.startsWith(`${upToHere}\u2026`) ? [part.index] : [];
    });
    return { title, inTitle };
  }

  private bandHeight(fields: readonly RecordField[]): number {
    const labelLineHeight = setFont(this.pdf, FONT.bold, FONT_SIZE.recordLabel);
    const noteHeight = setFont(this.pdf, FONT.italic, FONT_SIZE.recordLabel) + 1;
    const valueLineHeight = setFont(this.pdf, FONT.regular, FONT_SIZE.recordValue);
    const heights = fields.map((field) =>
      Math.max(field.labelLines * labelLineHeight, field.lines * valueLineHeight + (field.shortened ? noteHeight : 0)),
    );
    return Math.max(...heights) + RECORD.fieldGap;
  }

  private drawTitle(block: RecordBlock, continued: boolean): void {
    const left = contentLeft(this.pdf);
    const width = contentWidth(this.pdf);
    const top = this.pdf.y + RECORD.paddingTop;
    const counterStyle = { font: FONT.regular, size: FONT_SIZE.recordCounter, color: COLOR.muted };
    styled(this.pdf, '', counterStyle);
    const titleWidth = width - this.pdf.widthOfString(block.counter) - 16;
    const counterAscent = ascentOf(this.pdf, FONT_SIZE.recordCounter);
    styled(this.pdf, '', { font: FONT.bold, size: FONT_SIZE.recordTitle });
    const suffix = ' (continued)';
    const title = continued
      ? fitOnOneLine(this.pdf, block.title, titleWidth - this.pdf.widthOfString(suffix)) + suffix
      : block.title;
    this.pdf.text(title, left, top, { width: titleWidth, height: this.pdf.currentLineHeight(true) + 0.5, ellipsis: true });
    // The counter sits on the title's baseline, though smaller.
    const counterTop = top + ascentOf(this.pdf, FONT_SIZE.recordTitle) - counterAscent;
    styled(this.pdf, '', counterStyle);
    this.pdf.text(block.counter, left, counterTop, { width, align: 'right', lineBreak: false });
    this.pdf.y = top + block.titleHeight;
  }

  private drawBand(band: RecordBand): void {
    const top = this.pdf.y;
    band.fields.forEach((field, index) => {
      const x = contentLeft(this.pdf) + index * (this.cellWidth + RECORD.gutter);
      const valueWidth = band.wide ? contentWidth(this.pdf) - this.labelWidth : this.cellWidth - this.labelWidth;
      this.drawField(field, x, top, valueWidth);
    });
    this.pdf.y = top + band.height;
  }

  private drawField(field: RecordField, x: number, top: number, valueWidth: number): void {
    styled(this.pdf, '', { font: FONT.regular, size: FONT_SIZE.recordValue });
    const valueLineHeight = this.pdf.currentLineHeight(true);
    const valueBaseline = ascentOf(this.pdf, FONT_SIZE.recordValue);
    this.pdf.text(field.value, x + this.labelWidth, top, {
      width: valueWidth,
      // The slack keeps rounding from dropping the last line that fits.
      height: field.lines * valueLineHeight + 0.5,
      ellipsis: true,
    });
    if (field.shortened) {
      styled(this.pdf, '', { font: FONT.italic, size: FONT_SIZE.recordLabel, color: COLOR.muted });
      this.pdf.text(SHORTENED_NOTE, x + this.labelWidth, top + field.lines * valueLineHeight + 1, {
        width: valueWidth,
        lineBreak: false,
      });
    }
    styled(this.pdf, '', { font: FONT.bold, size: FONT_SIZE.recordLabel, color: COLOR.muted });
    // On the value's baseline, though smaller, so that the pair reads as one line.
    const labelTop = top + valueBaseline - ascentOf(this.pdf, FONT_SIZE.recordLabel);
    this.pdf.text(field.label, x, labelTop, {
      width: this.labelWidth - RECORD.labelGap,
      height: field.labelLines * this.pdf.currentLineHeight(true) + 0.5,
      ellipsis: true,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Sections

type ContentsEntry = { title: string; rows: number; page: number; destination: string };

async function drawSection(pdf: Pdf, section: ReportSection, countRow: () => void): Promise<ContentsEntry> {
  pdf.addPage();
  const page = lastPageIndex(pdf) + 1;
  const destination = `section-${section.key}`;
  pdf.addNamedDestination(destination);
  pdf.outline.addItem(section.title);

  writeBlock(pdf, section.title, { font: FONT.bold, size: FONT_SIZE.heading }, 4);
  if (section.description) {
    writeBlock(pdf, section.description, { font: FONT.regular, size: FONT_SIZE.body, color: COLOR.muted }, 4);
  }
  pdf.y += 6;

  const startPage = () => startContinuationPage(pdf, section.title);
  const layout = layoutTable(pdf, section.columns);
  let rows = 0;
  if (layout) {
    const table = new PagedTable(
      pdf,
      layout,
      section.columns.map((column) => column.header),
      startPage,
    );
    table.drawHeader();
    for await (const row of section.rows()) {
      table.drawRow(section.columns.map((column, index) => formatCell(row[index], column)));
      rows += 1;
      countRow();
    }
    if (rows === 0) {
      pdf.y += 6;
      writeBlock(pdf, 'No rows.', { font: FONT.italic, size: FONT_SIZE.body, color: COLOR.muted });
    }
    table.finish();
  } else {
    const records = new RecordList(pdf, section, startPage);
    records.drawIntroduction();
    for await (const row of section.rows()) {
      records.drawRecord(row);
      rows += 1;
      countRow();
    }
    if (rows === 0) {
      pdf.y += 6;
      records.drawNote('No rows.');
    }
  }
  return { title: section.title, rows, page, destination };
}

function startContinuationPage(pdf: Pdf, title: string): void {
  pdf.addPage();
  const suffix = ' (continued)';
  const drawable = styled(pdf, title, { font: FONT.italic, size: FONT_SIZE.body, color: COLOR.muted }).trim();
  const shortTitle = fitOnOneLine(pdf, drawable, contentWidth(pdf) - pdf.widthOfString(suffix));
  pdf.text(shortTitle + suffix, contentLeft(pdf), pdf.y, { width: contentWidth(pdf) });
  pdf.y += 6;
}

// ---------------------------------------------------------------------------------------------
// Contents

const CONTENTS_COLUMNS: readonly ReportColumn[] = [
  { key: 'section', header: 'Section', width: 90 },
  { key: 'rows', header: 'Rows', type: 'number', width: 12 },
  { key: 'page', header: 'Page', type: 'number', width: 8 },
];

function contentsHeaders(): string[] {
  return CONTENTS_COLUMNS.map((column) => column.header);
}

function contentsCells(entry: Pick<ContentsEntry, 'title' | 'rows' | 'page'>): string[] {
  return [entry.title, formatCount(entry.rows), String(entry.page)];
}

function contentsTable(pdf: Pdf, startPage: () => void): PagedTable {
  const layout = layoutTable(pdf, CONTENTS_COLUMNS);
  if (!layout) throw new Error('The contents table does not fit the page');
  return new PagedTable(pdf, layout, contentsHeaders(), startPage);
}

/**
 * Adds the blank pages the contents will take. Their page numbers are not known yet, but each entry's
 * height is (it depends on the title only), so the pages needed can be counted exactly now.
 */
function reserveContentsPages(pdf: Pdf, sections: readonly ReportSection[]): number[] {
  pdf.addPage();
  const pages = [lastPageIndex(pdf)];
  const table = contentsTable(pdf, () => undefined);
  const headerHeight = table.heightOf(contentsHeaders(), FONT.bold);
  const available = contentBottom(pdf) - pdf.page.margins.top - contentsHeadingHeight(pdf) - headerHeight;
  let used = 0;
  for (const section of sections) {
    // Counts and page numbers fit one line whatever they are; the title decides the height.
    const height = table.heightOf(contentsCells({ title: section.title, rows: 0, page: 0 }), FONT.regular);
    if (used + height > available) {
      pdf.addPage();
      pages.push(lastPageIndex(pdf));
      used = 0;
    }
    used += height;
  }
  return pages;
}

const CONTENTS_HEADING_GAP = 10;

function contentsHeadingHeight(pdf: Pdf): number {
  return setFont(pdf, FONT.bold, FONT_SIZE.heading) + CONTENTS_HEADING_GAP;
}

function writeContentsHeading(pdf: Pdf, suffix: string): void {
  pdf.y = pdf.page.margins.top;
  writeBlock(pdf, `Contents${suffix}`, { font: FONT.bold, size: FONT_SIZE.heading }, CONTENTS_HEADING_GAP);
}

function drawContents(pdf: Pdf, pageIndexes: readonly number[], entries: readonly ContentsEntry[]): void {
  let next = 0;
  const openContentsPage = (suffix: string) => {
    const index = pageIndexes[next];
    if (index === undefined) throw new Error('The contents outgrew the pages reserved for them');
    next += 1;
    pdf.switchToPage(index);
    writeContentsHeading(pdf, suffix);
  };
  openContentsPage('');
  const table = contentsTable(pdf, () => openContentsPage(' (continued)'));
  table.drawHeader();
  for (const entry of entries) {
    const { top, height } = table.drawRow(contentsCells(entry));
    pdf.goTo(table.layout.left, top, table.layout.width, height, entry.destination);
  }
  table.finish();
}

// ---------------------------------------------------------------------------------------------
// Footers

function drawFooters(pdf: Pdf, document: ReportDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  const generated = `Generated ${formatDateTime(document.generatedAt)}`;
  const chainHead = chainHeadSummary(document.chainHead);
  // The cover (the first page) has no footer.
  for (let index = start + 1; index < start + count; index += 1) {
    pdf.switchToPage(index);
    drawFooter(pdf, [`Page ${index - start + 1} of ${count}`, generated, chainHead]);
  }
}

function chainHeadSummary(chainHead: ReportDocument['chainHead']): string {
  if (chainHead.seq === null || chainHead.hash === null) return 'chain head: none (empty audit trail)';
  return `chain head #${chainHead.seq} ${chainHead.hash.slice(0, 16)}\u2026`;
}

function drawFooter(pdf: Pdf, [left, centre, right]: readonly [string, string, string]): void {
  const x = contentLeft(pdf);
  const width = contentWidth(pdf);
  const ruleY = contentBottom(pdf) + 8;
  horizontalRule(pdf, ruleY, 0.5);
  const y = ruleY + 5;
  const textHeight = setFont(pdf, FONT.regular, FONT_SIZE.footer) + 1;
  pdf.fillColor(COLOR.muted);
  // A fixed height keeps pdfkit from treating text in the bottom margin as overflow and adding a page.
  const options = { width: width / 3, height: textHeight, lineBreak: false };
  const fit = (text: string) => fitOnOneLine(pdf, drawableText(pdf, text), width / 3 - 6);
  pdf.text(fit(left), x, y, { ...options, align: 'left' });
  pdf.text(fit(centre), x + width / 3, y, { ...options, align: 'center' });
  pdf.text(fit(right), x + (2 * width) / 3, y, { ...options, align: 'right' });
}

import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
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
/** Longer cell text ends in an ellipsis, so one long value cannot take over a page. */
const MAX_CELL_LINES = 3;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
const FONT_SIZE = { title: 22, subtitle: 11, heading: 15, subheading: 12, body: 10, table: 8, footer: 7.5 } as const;
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
  return new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
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
}

async function renderReport(pdf: Pdf, document: ReportDocument, onProgress: RowProgress | undefined): Promise<number> {
  drawCover(pdf, document);
  const contentsPages = reserveContentsPages(pdf, document.sections);
  let rowsWritten = 0;
  const countRow = () => {
    rowsWritten += 1;
    // rowCount was checked up front; this guards against a section that yields more than it announced.
    if (rowsWritten > PDF_MAX_ROWS) throw new PdfTooLargeError(rowsWritten);
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
// Text that the built-in fonts can draw

/**
 * Code points above Latin-1 that WinAnsiEncoding still covers. pdfkit's built-in fonts (Helvetica) are
 * WinAnsi only, and no Unicode font ships with the production dependencies.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

/**
 * The text as Helvetica can draw it: characters outside WinAnsi lose their accents where that leaves a
 * WinAnsi letter ('ř' → 'r'), and otherwise become '?' ("通义千问" → "????"). Line breaks, tabs and other
 * spacing become plain spaces; invisible format characters are dropped.
 */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) result += winAnsiReplacement(char);
  return result;
}

function winAnsiReplacement(char: string): string {
  if (isWinAnsi(char)) return char;
  if (/[\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u.test(char)) return ' ';
  if (/[\p{Cf}\p{M}]/u.test(char)) return '';
  const withoutMarks = char.normalize('NFKD').replace(/\p{M}/gu, '');
  return withoutMarks !== '' && [...withoutMarks].every(isWinAnsi) ? withoutMarks : '?';
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

// ---------------------------------------------------------------------------------------------
// Page geometry

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

/** Writes a block of wrapped text at the left margin and moves below it. */
function writeBlock(pdf: Pdf, text: string, style: TextStyle, gapAfter = 0): void {
  pdf
    .font(style.font)
    .fontSize(style.size)
    .fillColor(style.color ?? COLOR.text);
  pdf.text(toWinAnsi(text), contentLeft(pdf), pdf.y, { width: contentWidth(pdf) });
  pdf.y += gapAfter;
}

// ---------------------------------------------------------------------------------------------
// Cover

function drawCover(pdf: Pdf, document: ReportDocument): void {
  writeBlock(pdf, document.title, { font: FONT.bold, size: FONT_SIZE.title }, 4);
  pdf
    .moveTo(contentLeft(pdf), pdf.y)
    .lineTo(contentLeft(pdf) + contentWidth(pdf), pdf.y)
    .lineWidth(1.5)
    .strokeColor(COLOR.accent)
    .stroke();
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
  const valueWidth = contentWidth(pdf) - LABEL_WIDTH;
  for (const { label, value } of rows) {
    const labelText = toWinAnsi(label);
    const valueText = toWinAnsi(value);
    pdf.font(FONT.bold).fontSize(FONT_SIZE.body);
    const labelHeight = pdf.heightOfString(labelText, { width: LABEL_WIDTH - 10 });
    pdf.font(FONT.regular);
    const height = Math.max(labelHeight, pdf.heightOfString(valueText, { width: valueWidth })) + 5;
    if (pdf.y + height > contentBottom(pdf)) pdf.addPage();
    const top = pdf.y;
    pdf
      .moveTo(left, top + height - 2.5)
      .lineTo(left + contentWidth(pdf), top + height - 2.5)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    pdf
      .font(FONT.bold)
      .fillColor(COLOR.muted)
      .text(labelText, left, top, { width: LABEL_WIDTH - 10 });
    pdf
      .font(FONT.regular)
      .fillColor(COLOR.text)
      .text(valueText, left + LABEL_WIDTH, top, { width: valueWidth });
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
  const heights = INTEGRITY_NOTE.map((block) =>
    pdf.font(block.font).fontSize(block.size).heightOfString(block.text, { width: textWidth }),
  );
  const height = heights.reduce((sum, blockHeight) => sum + blockHeight + padding.between, 2 * padding.y - padding.between);
  if (pdf.y + height > contentBottom(pdf)) pdf.addPage();
  const top = pdf.y;
  pdf.rect(left, top, width, height).fill(COLOR.noteFill);
  pdf.rect(left, top, 3, height).fill(COLOR.accent);
  let y = top + padding.y;
  INTEGRITY_NOTE.forEach((block, index) => {
    pdf
      .font(block.font)
      .fontSize(block.size)
      .fillColor(COLOR.text)
      .text(block.text, left + padding.x, y, { width: textWidth });
    y += (heights[index] ?? 0) + padding.between;
  });
  pdf.y = top + height;
}

// ---------------------------------------------------------------------------------------------
// Tables

type TableColumn = { x: number; width: number; align: 'left' | 'right' };

type TableLayout = { left: number; width: number; columns: readonly TableColumn[] };

/** Column widths follow the width hints, scaled so that the table fills the page width. */
function layoutTable(pdf: Pdf, columns: readonly ReportColumn[]): TableLayout {
  const left = contentLeft(pdf);
  const width = contentWidth(pdf);
  const weights = columns.map((column) => Math.max(column.width ?? DEFAULT_COLUMN_WIDTH[column.type ?? 'text'], 3));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  let x = left;
  const tableColumns = columns.map((column, index) => {
    const columnWidth = (width * (weights[index] ?? 0)) / totalWeight;
    const tableColumn: TableColumn = { x, width: columnWidth, align: column.type === 'number' ? 'right' : 'left' };
    x += columnWidth;
    return tableColumn;
  });
  return { left, width, columns: tableColumns };
}

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
    const cells = this.headers.map(toWinAnsi);
    const height = this.rowHeight(cells, FONT.bold);
    if (this.pdf.y + height > contentBottom(this.pdf)) this.startPage();
    const top = this.pdf.y;
    this.pdf.rect(this.layout.left, top, this.layout.width, height).fill(COLOR.headerFill);
    this.drawCells(cells, top, height, FONT.bold);
    this.rule(top + height, 0.8);
    this.pdf.y = top + height;
  }

  /** Draws one row; `cells` must already be WinAnsi-safe. Returns the area it took, e.g. for a link. */
  drawRow(cells: readonly string[]): { top: number; height: number } {
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

  drawNote(text: string): void {
    this.pdf.font(FONT.italic).fontSize(FONT_SIZE.body).fillColor(COLOR.muted);
    this.pdf.text(text, this.layout.left + CELL_PADDING_X, this.pdf.y + 6, { width: this.layout.width });
  }

  finish(): void {
    if (this.rowIndex > 0) this.rule(this.pdf.y, 0.8);
  }

  /** The height a row needs, each cell wrapped to its column and capped at MAX_CELL_LINES lines. */
  rowHeight(cells: readonly string[], font: string): number {
    const lineHeightOfCell = setFont(this.pdf, font, FONT_SIZE.table);
    const lines = cells.reduce((most, text, index) => Math.max(most, this.linesOf(text, this.textWidth(index))), 1);
    return Math.min(lines, MAX_CELL_LINES) * lineHeightOfCell + 2 * CELL_PADDING_Y;
  }

  private linesOf(text: string, width: number): number {
    if (text === '' || this.pdf.widthOfString(text) <= width) return 1;
    return Math.round(this.pdf.heightOfString(text, { width }) / this.pdf.currentLineHeight(true));
  }

  private textWidth(index: number): number {
    return Math.max((this.layout.columns[index]?.width ?? 0) - 2 * CELL_PADDING_X, 1);
  }

  private drawCells(cells: readonly string[], top: number, height: number, font: string): void {
    this.pdf.font(font).fontSize(FONT_SIZE.table).fillColor(COLOR.text);
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

  const table = new PagedTable(
    pdf,
    layoutTable(pdf, section.columns),
    section.columns.map((column) => column.header),
    () => startContinuationPage(pdf, section.title),
  );
  table.drawHeader();
  let rows = 0;
  for await (const row of section.rows()) {
    table.drawRow(section.columns.map((column, index) => toWinAnsi(formatCell(row[index], column))));
    rows += 1;
    countRow();
  }
  if (rows === 0) table.drawNote('No rows.');
  table.finish();
  return { title: section.title, rows, page, destination };
}

function startContinuationPage(pdf: Pdf, title: string): void {
  pdf.addPage();
  const suffix = ' (continued)';
  pdf.font(FONT.italic).fontSize(FONT_SIZE.body).fillColor(COLOR.muted);
  const shortTitle = fitOnOneLine(pdf, toWinAnsi(title).trim(), contentWidth(pdf) - pdf.widthOfString(suffix));
  pdf.text(shortTitle + suffix, contentLeft(pdf), pdf.y, { width: contentWidth(pdf) });
  pdf.y += 6;
}

/** The text, cut to fit one line of `width` in the current font and ending in an ellipsis when it was cut. */
function fitOnOneLine(pdf: Pdf, text: string, width: number): string {
  if (pdf.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && pdf.widthOfString(`${text.slice(0, end).trimEnd()}\u2026`) > width) end -= 1;
  return `${text.slice(0, end).trimEnd()}\u2026`;
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
  return [toWinAnsi(entry.title), formatCount(entry.rows), String(entry.page)];
}

/**
 * Adds the blank pages the contents will take. Their page numbers are not known yet, but each entry's
 * height is (it depends on the title only), so the pages needed can be counted exactly now.
 */
function reserveContentsPages(pdf: Pdf, sections: readonly ReportSection[]): number[] {
  pdf.addPage();
  const pages = [lastPageIndex(pdf)];
  const table = new PagedTable(pdf, layoutTable(pdf, CONTENTS_COLUMNS), contentsHeaders(), () => undefined);
  const headerHeight = table.rowHeight(contentsHeaders(), FONT.bold);
  const available = contentBottom(pdf) - pdf.page.margins.top - contentsHeadingHeight(pdf) - headerHeight;
  let used = 0;
  for (const section of sections) {
    // Counts and page numbers fit one line whatever they are; the title decides the height.
    const height = table.rowHeight(contentsCells({ title: section.title, rows: 0, page: 0 }), FONT.regular);
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
  const table = new PagedTable(pdf, layoutTable(pdf, CONTENTS_COLUMNS), contentsHeaders(), () =>
    openContentsPage(' (continued)'),
  );
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
  pdf
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke();
  const y = ruleY + 5;
  const textHeight = setFont(pdf, FONT.regular, FONT_SIZE.footer) + 1;
  pdf.fillColor(COLOR.muted);
  // A fixed height keeps pdfkit from treating text in the bottom margin as overflow and adding a page.
  const options = { width: width / 3, height: textHeight, lineBreak: false };
  const fit = (text: string) => fitOnOneLine(pdf, toWinAnsi(text), width / 3 - 6);
  pdf.text(fit(left), x, y, { ...options, align: 'left' });
  pdf.text(fit(centre), x + width / 3, y, { ...options, align: 'center' });
  pdf.text(fit(right), x + (2 * width) / 3, y, { ...options, align: 'right' });
}

import { neutraliseFormula } from '@modelgate/domain/reports';
import type { CellValue, ColumnType } from './report-document.js';

/** Excel's limits: rows per sheet (the header row included), and characters in a cell. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_TEXT = 32_767;

/** Cell formats, as indexes into the `cellXfs` of `STYLES_XML`. */
export const Style = { Plain: 0, Header: 1, Date: 2, DateTime: 3, Title: 4, Bold: 5 } as const;
export type Style = (typeof Style)[keyof typeof Style];

const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/><numFmt numFmtId="165" formatCode="${DATETIME_FORMAT}"/></numFmts>\
<fonts count="3">\
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>\
</fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="6">\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
<dxfs count="0"/><tableStyles count="0"/>\
</styleSheet>`;

/** How one column's cells are written: its letters in cell references, and the format its numbers and dates take. */
export type SheetColumn = { letters: string; type: ColumnType; style: Style };

export function sheetColumns(types: readonly ColumnType[]): SheetColumn[] {
  return types.map((type, index) => ({ letters: columnLetters(index), type, style: columnStyle(type) }));
}

function columnStyle(type: ColumnType): Style {
  if (type === 'date') return Style.Date;
  if (type === 'datetime') return Style.DateTime;
  return Style.Plain;
}

/** `A`, `B`, ... `Z`, `AA`, ... for a 0-based column index. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** A `<row>` of data cells; null cells are left out. */
export function dataRowXml(rowNumber: number, row: readonly CellValue[], columns: readonly SheetColumn[]): string {
  const number = String(rowNumber);
  let xml = `<row r="${number}">`;
  for (let index = 0; index < columns.length; index += 1) {
    const value = row[index];
    if (value !== null && value !== undefined) xml += cellXml(columns[index]!.letters + number, value, columns[index]!);
  }
  return `${xml}</row>`;
}

/** A `<row>` of text cells in one format (the header; the About sheet's lines, whose first cell may differ). */
export function textRowXml(rowNumber: number, texts: readonly string[], style: Style = Style.Plain, firstStyle = style): string {
  let xml = `<row r="${rowNumber}">`;
  for (let index = 0; index < texts.length; index += 1) {
    xml += textCellXml(`${columnLetters(index)}${rowNumber}`, texts[index]!, index === 0 ? firstStyle : style);
  }
  return `${xml}</row>`;
}

/** A cell by its value: real dates (UTC), numbers and booleans; text never becomes a formula. */
function cellXml(ref: string, value: string | number | boolean | Date, column: SheetColumn): string {
  if (typeof value === 'string') return textCellXml(ref, value, Style.Plain);
  if (typeof value === 'number') {
    // Excel has no NaN or infinity; a number cell holding one makes the file unreadable.
    if (!Number.isFinite(value)) return textCellXml(ref, String(value), Style.Plain);
    return `<c r="${ref}"${styleAttribute(column.style)}><v>${value}</v></c>`;
  }
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  const time = value.getTime();
  if (Number.isNaN(time)) return textCellXml(ref, String(value), Style.Plain);
  return column.type === 'date'
    ? `<c r="${ref}" s="${Style.Date}"><v>${excelDay(time)}</v></c>`
    : `<c r="${ref}" s="${Style.DateTime}"><v>${excelSerial(time)}</v></c>`;
}

function styleAttribute(style: Style): string {
  return style === Style.Plain ? '' : ` s="${style}"`;
}

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 in Excel's 1900 date system. */
const EXCEL_UNIX_EPOCH = 25_569;

/** Days since Excel's epoch with the time of day as the fraction (UTC), as Excel stores a date and time. */
function excelSerial(time: number): number {
  return EXCEL_UNIX_EPOCH + time / MS_PER_DAY;
}

/** The UTC day, without the time. */
function excelDay(time: number): number {
  return EXCEL_UNIX_EPOCH + Math.floor(time / MS_PER_DAY);
}

/**
 * Anything in a text that needs more than the formula guard: characters XML cannot hold, markup, line breaks and tabs,
 * `_xHHHH_`. Most cells have none, and one test spares them the replacements below.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what needs handling
const SPECIAL_TEXT = /[\u0000-\u001F&<>\u007F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** A text cell (inline string); empty text is no cell. */
export function textCellXml(ref: string, text: string, style: Style): string {
  const special = SPECIAL_TEXT.test(text);
  const content = special ? sheetText(text) : withinCellLimit(neutraliseFormula(text));
  if (content === '') return '';
  // Excel drops leading and trailing white space from a cell's text unless told to keep it.
  const space = content.charCodeAt(0) <= 32 || content.charCodeAt(content.length - 1) <= 32;
  return `<c r="${ref}"${styleAttribute(style)} t="inlineStr"><is><t${space ? ' xml:space="preserve"' : ''}>${special ? escapeText(content) : content}</t></is></c>`;
}

/**
 * Characters XML 1.0 cannot hold (control characters other than tab, line feed and carriage return; U+FFFE and U+FFFF):
 * left in, one such character anywhere makes Excel refuse the whole workbook as corrupt, so they are left out. DEL is
 * left out too, as exceljs (which wrote these files before) did.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this leaves out
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Text as a cell holds it: without what XML cannot hold, never a formula, within Excel's length (cut with `…`). */
export function sheetText(text: string): string {
  return withinCellLimit(neutraliseFormula(text.replace(NOT_XML, '')));
}

function withinCellLimit(text: string): string {
  return text.length > EXCEL_MAX_CELL_TEXT ? `${truncate(text, EXCEL_MAX_CELL_TEXT - 1)}…` : text;
}

/** The first `length` UTF-16 units (Excel's measure), without leaving half of a surrogate pair at the end. */
export function truncate(text: string, length: number): string {
  return text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

/**
 * What needs escaping in a cell's text: XML's markup characters; carriage returns, which XML parsers would turn into
 * line feeds; and an underscore starting `_xHHHH_`, which Excel reads as an escaped character (so `_x0041_` would show
 * as `A`) unless its underscore is itself escaped as `_x005F_`.
 */
const XML_TEXT_SPECIAL = /[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)/g;
const XML_TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', _: '_x005F_' };

function escapeText(text: string): string {
  return text.replace(XML_TEXT_SPECIAL, (special) => XML_TEXT_ESCAPES[special]!);
}

const XML_ATTRIBUTE_SPECIAL = /[&<>"']/g;
const XML_ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an attribute value or element of the package's own parts (sheet names, document properties). */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(XML_ATTRIBUTE_SPECIAL, (special) => XML_ATTRIBUTE_ESCAPES[special]!);
}

export type SheetLayout = {
  /** Column widths in characters, and the format of each column's cells. */
  columns: ReadonlyArray<{ width: number; style: Style }>;
  /** The first row stays in view while scrolling. */
  frozenHeader: boolean;
  /** The tab shown when the workbook opens. */
  selected: boolean;
};

/** The worksheet's start, up to the opening of its cells. */
export function sheetStartXml({ columns, frozenHeader, selected }: SheetLayout): string {
  const pane = frozenHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const view = `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}${pane ? `>${pane}</sheetView>` : '/>'}`;
  const cols = columns.length
    ? `<cols>${columns
        .map(
          ({ width, style }, index) =>
            `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"${style === Style.Plain ? '' : ` style="${style}"`}/>`,
        )
        .join('')}</cols>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`
  );
}

/** The worksheet's end, with the filter over its table when it has one. */
export function sheetEndXml(autoFilter: string | null): string {
  return (
    `</sheetData>${autoFilter ? `<autoFilter ref="${autoFilter}"/>` : ''}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

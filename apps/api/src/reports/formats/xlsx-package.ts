import { escapeXml, STYLES_XML, truncate } from './xlsx-sheet.js';

const EXCEL_MAX_SHEET_NAME = 31;

/** A worksheet as the workbook lists it. */
export type SheetEntry = {
  name: string;
  /** Where the sheet is in the package, e.g. `xl/worksheets/sheet2.xml`. */
  path: string;
  /** The filtered range (`A1:F5`), if the sheet has a filter. */
  autoFilter: string | null;
};

export function sheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

/** Unique, valid sheet names. Excel compares them without case and forbids `[]:*?/\` and edge apostrophes. */
export class SheetNames {
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

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SPREADSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** The parts of the package besides the worksheets, by path: workbook, styles, relationships, content types, properties. */
export function packageParts(
  sheets: readonly SheetEntry[],
  properties: { creator: string; created: Date },
): Array<[string, string]> {
  return [
    ['[Content_Types].xml', contentTypes(sheets)],
    ['_rels/.rels', packageRelationships()],
    ['docProps/core.xml', coreProperties(properties)],
    ['xl/workbook.xml', workbook(sheets)],
    ['xl/_rels/workbook.xml.rels', workbookRelationships(sheets)],
    ['xl/styles.xml', STYLES_XML],
  ];
}

function contentTypes(sheets: readonly SheetEntry[]): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('xl/workbook.xml', `${SPREADSHEET_CONTENT_TYPE}.sheet.main+xml`) +
    sheets.map((sheet) => override(sheet.path, `${SPREADSHEET_CONTENT_TYPE}.worksheet+xml`)).join('') +
    override('xl/styles.xml', `${SPREADSHEET_CONTENT_TYPE}.styles+xml`) +
    override('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    '</Types>'
  );
}

function packageRelationships(): string {
  return (
    `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" ' +
    'Target="docProps/core.xml"/>' +
    '</Relationships>'
  );
}

function coreProperties({ creator, created }: { creator: string; created: Date }): string {
  const at = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function workbook(sheets: readonly SheetEntry[]): string {
  const listed = sheets.map(
    (sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
  );
  // Excel keeps each sheet's filter range as this hidden name as well, and repairs a file that lacks it.
  const filters = sheets.flatMap((sheet, index) =>
    sheet.autoFilter
      ? [
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">` +
            `${escapeXml(`'${sheet.name.replaceAll("'", "''")}'!${absolute(sheet.autoFilter)}`)}</definedName>`,
        ]
      : [],
  );
  return (
    `${XML_DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELATIONSHIPS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${listed.join('')}</sheets>` +
    (filters.length ? `<definedNames>${filters.join('')}</definedNames>` : '') +
    '</workbook>'
  );
}

/** `A1:F5` as `$A$1:$F$5`. */
function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

function workbookRelationships(sheets: readonly SheetEntry[]): string {
  const worksheet = `${OFFICE_RELATIONSHIPS}/worksheet`;
  return (
    `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS}">` +
    sheets
      .map(
        (sheet, index) => `<Relationship Id="rId${index + 1}" Type="${worksheet}" Target="${sheet.path.slice('xl/'.length)}"/>`,
      )
      .join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${OFFICE_RELATIONSHIPS}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

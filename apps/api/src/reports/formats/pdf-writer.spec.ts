import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { drawableText, FONT, fontFile, MISSING_GLYPH, registerFonts, replaceMissingGlyphs } from './pdf-fonts.js';
import { readPdfLines, renderPdfPages } from './pdf-pages.testing.js';
import { PDF_MAX_ROWS, PdfTooLargeError, writePdf } from './pdf-writer.js';
import type { CellValue, ReportColumn, ReportDocument, ReportSection } from './report-document.js';

/** Where tests save images for people to look at (as the browser tests do, but for this package). */
const artifactsDir = process.env.TEST_ARTIFACTS_DIR ?? path.join(import.meta.dirname, '..', '..', '..', 'artifacts');

const LONG_SECTION_ROWS = 120;
const CHAIN_HASH = '9f2c4e1ab37d5c8e0f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a';
const LONG_NOTE = 'Granted for the quarterly evaluation of summarisation quality; '.repeat(6);

function personOf(index: number): string {
  if (index === 0) return 'Alpha First';
  if (index === LONG_SECTION_ROWS - 1) return 'Omega Last';
  return ['Zoë Ångström', 'Jiří Dvořák', 'Дмитрий Иванов'][index - 1] ?? `Person ${index + 1}`;
}

function accessRow(index: number): CellValue[] {
  return [
    personOf(index),
    `person${index + 1}@example.com`,
    index === 1 ? '通义千问' : `model-${index % 7}`,
    new Date(Date.UTC(2026, 6, 1, 9, 30, 0, 123) + index * 3_600_000),
    index % 5 === 0 ? null : new Date(Date.UTC(2026, 11, 31)),
    index * 17,
    index % 2 === 0,
    index === 0 ? LONG_NOTE : null,
  ];
}

async function* rowsOf(count: number, row: (index: number) => CellValue[]): AsyncIterable<CellValue[]> {
  for (let index = 0; index < count; index += 1) {
    await Promise.resolve(); // rows arrive asynchronously, as from a database cursor
    yield row(index);
  }
}

const modelAccess: ReportSection = {
  key: 'model-access',
  title: 'Model access',
  description: 'Every person who could use a model during the period, with the grant that allowed it.',
  columns: [
    { key: 'person', header: 'Person', width: 20 },
    { key: 'email', header: 'E-mail', width: 24 },
    { key: 'model', header: 'Model', width: 14 },
    { key: 'grantedAt', header: 'Granted at', type: 'datetime', width: 20 },
    { key: 'expires', header: 'Expires', type: 'date', width: 11 },
    { key: 'requests', header: 'Requests', type: 'number', width: 9 },
    { key: 'active', header: 'Active', type: 'boolean', width: 6 },
    { key: 'note', header: 'Note', width: 36 },
  ],
  rowCount: LONG_SECTION_ROWS,
  rows: () => rowsOf(LONG_SECTION_ROWS, accessRow),
};

const policyExceptions: ReportSection = {
  key: 'policy-exceptions',
  title: 'Policy exceptions',
  columns: [
    { key: 'policy', header: 'Policy' },
    { key: 'approvedAt', header: 'Approved at', type: 'datetime' },
  ],
  rowCount: 0,
  rows: () => rowsOf(0, () => []),
};

function auditorReport(sections: readonly ReportSection[] = [modelAccess, policyExceptions]): ReportDocument {
  return {
    reportType: 'access-review',
    title: 'Quarterly access review Q3 2026',
    generatedAt: new Date('2026-09-30T08:15:42.512Z'),
    scope: [
      { label: 'Period', value: '2026-07-01 to 2026-09-30' },
      { label: 'Teams', value: 'Research, Platform' },
      { label: 'Requested by', value: 'Zoë Ångström' },
    ],
    chainHead: { seq: '4711', hash: CHAIN_HASH },
    generator: { name: 'modelgate', version: '1.7.0' },
    sections,
  };
}

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((directory) => rm(directory, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'modelgate-pdf-'));
  tempDirs.push(directory);
  return directory;
}

async function writeToTempDir(document: ReportDocument) {
  const directory = await tempDir();
  const progress: number[] = [];
  const files = await writePdf(document, directory, (rows) => progress.push(rows));
  return { directory, files, progress, bytes: new Uint8Array(await readFile(path.join(directory, 'report.pdf'))) };
}

/** The index of the first page after the cover and contents whose lines include `line` exactly. */
function pageStarting(pages: readonly string[][], heading: string): number {
  return pages.findIndex((lines, index) => index >= 2 && lines.includes(heading));
}

describe('writePdf', () => {
  // One document, written once and read back once; the tests below look at different parts of it.
  let written: Awaited<ReturnType<typeof writeToTempDir>>;
  let pages: string[][];
  beforeAll(async () => {
    written = await writeToTempDir(auditorReport());
    pages = await readPdfLines(written.bytes);
  });

  it('writes report.pdf with every data row, reporting progress row by row', async () => {
    const { directory, files, progress } = written;
    expect(files).toEqual([{ name: 'report.pdf', contentType: 'application/pdf', rows: LONG_SECTION_ROWS }]);
    expect(await readdir(directory)).toEqual(['report.pdf']);
    expect(progress).toEqual(Array.from({ length: LONG_SECTION_ROWS }, (_, index) => index + 1));
  });

  it('has a cover with the title, type, time, generator, scope, chain head and how to verify the bundle', () => {
    const cover = pages[0]!.join('\n');
    expect(cover).toContain('Quarterly access review Q3 2026');
    expect(cover).toContain('Report type: access-review');
    expect(cover).toContain('Generated 2026-09-30T08:15:42Z by modelgate 1.7.0');
    for (const value of ['2026-07-01 to 2026-09-30', 'Research, Platform', 'Zoë Ångström']) expect(cover).toContain(value);
    expect(cover).toContain('#4711');
    expect(cover).toContain(CHAIN_HASH);
    expect(cover).toContain('manifest.sig');
    expect(cover).toContain('modelgate report verify <bundle.zip>');
    expect(cover).not.toMatch(/Page \d+ of/);
  });

  it('lists each section in the contents with its row count and the page it really starts on', () => {
    const contents = pages[1]!;
    expect(contents[0]).toBe('Contents');
    const modelAccessPage = pageStarting(pages, 'Model access');
    const exceptionsPage = pageStarting(pages, 'Policy exceptions');
    expect(modelAccessPage).toBe(2);
    expect(exceptionsPage).toBeGreaterThan(modelAccessPage + 1);
    expect(contents).toContain(`Model access 120 ${modelAccessPage + 1}`);
    expect(contents).toContain(`Policy exceptions 0 ${exceptionsPage + 1}`);
  });

  it('numbers every page after the cover as "Page N of M"', () => {
    pages.slice(1).forEach((lines, index) => {
      const footer = lines.at(-1)!;
      expect(footer).toContain(`Page ${index + 2} of ${pages.length}`);
      expect(footer).toContain('Generated 2026-09-30T08:15:42Z');
      expect(footer).toContain(`chain head #4711 ${CHAIN_HASH.slice(0, 16)}…`);
    });
  });

  it('spreads the long table over pages, repeating the header row, from its first row to its last', () => {
    const header = 'Person E-mail Model Granted at Expires Requests Active Note';
    const first = pages.findIndex((lines) => lines.some((line) => line.startsWith('Alpha First')));
    const last = pages.findIndex((lines) => lines.some((line) => line.startsWith('Omega Last')));
    expect(first).toBe(2);
    expect(last).toBeGreaterThan(first);
    for (let index = first; index <= last; index += 1) expect(pages[index]).toContain(header);
    expect(pages[first + 1]).toContain('Model access (continued)');
    expect(pages[last]!.some((line) => line.startsWith(`Omega Last person${LONG_SECTION_ROWS}@example.com`))).toBe(true);
  });

  it('formats dates, times, numbers and booleans, and ends text that does not fit with an ellipsis', () => {
    const firstPage = pages[2]!.join('\n');
    expect(firstPage).toContain('Alpha First person1@example.com model-0 2026-07-01T09:30:00Z');
    expect(firstPage).toContain('Jiří Dvořák person3@example.com model-2 2026-07-01T11:30:00Z 2026-12-31 34 yes');
    expect(firstPage).toContain('Zoë Ångström person2@example.com □□□□ 2026-07-01T10:30:00Z 2026-12-31 17 no');
    expect(firstPage).toContain('…');
    expect(firstPage).not.toContain(LONG_NOTE.trim());
  });

  it('draws accented Latin and Cyrillic as they are, and Chinese, which the font lacks, as "□"', () => {
    const text = pages.flat().join('\n');
    for (const name of ['Zoë Ångström', 'Jiří Dvořák', 'Дмитрий Иванов']) expect(text).toContain(name);
    expect(text).not.toContain('通义千问');
    expect(text).toContain('□□□□');
  });

  it('says on the cover how characters outside the font are shown and where they are intact', () => {
    const cover = pages[0]!.join(' ');
    expect(cover).toContain('are shown as “□”');
    expect(cover).toContain('intact in the CSV, XLSX and JSON formats of the same report');
  });

  it('embeds subsets of DejaVu Sans, so the file stays small, and no standard font', () => {
    const objects = Buffer.from(written.bytes).toString('latin1');
    const fonts = new Set([...objects.matchAll(/\/BaseFont \/(\w+)\+(\S+)/g)].map((match) => match[2]));
    expect(fonts).toEqual(
      new Set(['DejaVuSansCondensed', 'DejaVuSansCondensed-Bold', 'DejaVuSansCondensed-Oblique', 'DejaVuSansMono']),
    );
    expect(objects).not.toMatch(/\/BaseFont \/(Helvetica|Courier|Times)/);
    // The regular face alone is 680 KB as a file; the whole report with four subsets is a fraction of that.
    expect(written.bytes.length).toBeLessThan(120 * 1024);
  });

  it('says "No rows." for an empty section', () => {
    expect(pages[pageStarting(pages, 'Policy exceptions')]).toContain('No rows.');
  });

  it('renders every page to a readable PNG', async () => {
    const files = await renderPdfPages(written.bytes, artifactsDir, 'pdf-writer-report');
    expect(files).toHaveLength(pages.length);
    for (const file of files) expect((await stat(file)).size).toBeGreaterThan(5 * 1024);
  });
});

describe('writePdf with more sections than one contents page holds', () => {
  it('continues the contents on a reserved page and still gives every section its real start page', async () => {
    const sections = Array.from({ length: 40 }, (_, index): ReportSection => {
      const rowCount = index % 3 === 0 ? 40 : 1;
      return {
        ...policyExceptions,
        key: `section-${index}`,
        title: `Section ${index}${index % 5 === 0 ? ': a title long enough to wrap onto a second line of the contents. '.repeat(3) : ''}`,
        rowCount,
        rows: () => rowsOf(rowCount, (row) => [`policy ${row}`, null]),
      };
    });
    const { bytes } = await writeToTempDir(auditorReport(sections));
    const pages = await readPdfLines(bytes);

    expect(pages[1]![0]).toBe('Contents');
    expect(pages[2]![0]).toBe('Contents (continued)');
    const contents = [...pages[1]!, ...pages[2]!];
    for (const [index, section] of sections.entries()) {
      const title = new RegExp(`^Section ${index}\\b`);
      const start = pages.findIndex((lines) => title.test(lines[0] ?? '') && !lines[0]!.endsWith('(continued)'));
      expect(start).toBeGreaterThan(2);
      const row = contents.find((line) => title.test(line));
      expect(row).toMatch(new RegExp(` ${section.rowCount} ${start + 1}$`));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A section too wide for a table: the approval requests of the approvals report (30 columns)

const REQUEST_COLUMNS: readonly ReportColumn[] = [
  { key: 'reference', header: 'Request', width: 8 },
  { key: 'cycle', header: 'Cycle', type: 'number', width: 5 },
  { key: 'renews', header: 'Renews', width: 8 },
  { key: 'provider', header: 'Provider', width: 16 },
  { key: 'modelVersion', header: 'Model version', width: 26 },
  { key: 'developerCountry', header: 'Developer country', width: 9 },
  { key: 'effectiveOrigin', header: 'Effective origin', width: 10 },
  { key: 'license', header: 'License', width: 18 },
  { key: 'licenseClass', header: 'License class', width: 14 },
  { key: 'team', header: 'Team', width: 14 },
  { key: 'requester', header: 'Requested by', width: 18 },
  { key: 'state', header: 'State', width: 14 },
  { key: 'intendedUse', header: 'Intended use', width: 30 },
  { key: 'environments', header: 'Environments', width: 14 },
  { key: 'hostingModes', header: 'Hosting modes', width: 14 },
  { key: 'maxDataClassification', header: 'Highest data class', width: 11 },
  { key: 'personalData', header: 'Personal data', type: 'boolean', width: 7 },
  { key: 'expectedUsers', header: 'Expected users', type: 'number', width: 9 },
  { key: 'euAiActCategory', header: 'EU AI Act', width: 11 },
  { key: 'riskTier', header: 'Risk tier', width: 9 },
  { key: 'requiredApprovers', header: 'Approvers required', type: 'number', width: 7 },
  { key: 'submittedAt', header: 'Submitted', type: 'datetime', width: 16 },
  { key: 'decidedAt', header: 'Decided', type: 'datetime', width: 16 },
  { key: 'rationale', header: 'Decision rationale', width: 30 },
  { key: 'conditions', header: 'Conditions', width: 26 },
  { key: 'validFrom', header: 'Valid from', type: 'date', width: 11 },
  { key: 'validUntil', header: 'Valid until', type: 'date', width: 11 },
  { key: 'policyVersion', header: 'Policy version', type: 'number', width: 7 },
  { key: 'weightsSha256', header: 'Weights SHA-256 approved', width: 20 },
  { key: 'stateReason', header: 'State reason', width: 24 },
];

const REQUEST_ROWS = 9;
const MODELS = [
  ['Alibaba Cloud', 'Qwen2.5-7B-Instruct', 'CN'],
  ['Mistral AI', 'Mixtral-8x7B-Instruct-v0.1', 'FR'],
  ['Meta', 'Llama-3.1-70B-Instruct', 'US'],
] as const;
const LONG_RATIONALE = Array.from(
  { length: 40 },
  (_, index) => `Finding ${index + 1}: the reviewers checked the vendor's evaluation of prompt injection and data leakage.`,
).join(' ');

function weightsOf(index: number): string {
  return (0x9e3779b1 + index * 0x1234567).toString(16).padStart(8, '0').repeat(8).slice(0, 64);
}

function requestRow(index: number): CellValue[] {
  const [provider, model, country] = MODELS[index % MODELS.length]!;
  return [
    `AR-${12 + index}`,
    index % 3 === 1 ? 2 : 1,
    index % 3 === 1 ? `AR-${index + 2}` : null,
    provider,
    model,
    country,
    country,
    'Apache-2.0',
    'PERMISSIVE',
    'Payments',
    ['Jiří Dvořák', 'Дмитрий Иванов', '李小龙'][index % 3]!,
    index % 2 === 0 ? 'APPROVED' : 'APPROVED_WITH_CONDITIONS',
    index === 0 ? 'Answer HR policy questions' : `Summarise tickets of queue ${index}`,
    'STAGING, PRODUCTION',
    'ON_PREMISES',
    'CONFIDENTIAL',
    index % 2 === 0,
    250 + index,
    'LIMITED',
    'MEDIUM',
    2,
    new Date(Date.UTC(2026, 8, 3, 10, index, 0, 250)),
    new Date(Date.UTC(2026, 8, 4, 12, index)),
    index === 0 ? LONG_RATIONALE : 'Reviews found no blocking issues; data protection asked for a DPIA update within 30 days.',
    index % 2 === 1 ? 'Only for internal staff\nLog all prompts and completions for 90 days' : null,
    new Date(Date.UTC(2026, 8, 4)),
    new Date(Date.UTC(2027, 8, 4)),
    3,
    weightsOf(index),
    null,
  ];
}

const approvalRequests: ReportSection = {
  key: 'requests',
  title: 'Approval requests',
  description: 'Each request with its scope, risk tier, decision, conditions, validity and the policy version in force.',
  columns: REQUEST_COLUMNS,
  rowCount: REQUEST_ROWS,
  rows: () => rowsOf(REQUEST_ROWS, requestRow),
};

/** A cell as the PDF shows it, to look for in the extracted text. */
function shown(value: CellValue | undefined, column: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return column.type === 'date' ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, 'Z');
  }
  return replaceMissingGlyphs(String(value), (codePoint) => codePoint < 0x3000, { keepLineBreaks: true });
}

describe('writePdf with a section too wide for a table', () => {
  let written: Awaited<ReturnType<typeof writeToTempDir>>;
  let pages: string[][];
  beforeAll(async () => {
    written = await writeToTempDir(auditorReport([approvalRequests, modelAccess]));
    pages = await readPdfLines(written.bytes);
  });

  /** Index of the page whose text holds the line starting with the record title of request `index`. */
  const recordPage = (index: number) =>
    pages.findIndex((lines) =>
      lines.some((line) => line.startsWith(`AR-${12 + index} · ${MODELS[index % 3]![1]} Row ${index + 1} of`)),
    );

  it('shows each row as a record headed by its reference and model version, not as a table', () => {
    const first = pageStarting(pages, 'Approval requests');
    expect(first).toBe(2);
    expect(pages[first]).toContain(`AR-12 · Qwen2.5-7B-Instruct Row 1 of ${REQUEST_ROWS}`);
    expect(pages[first]!.some((line) => line.includes('30 columns of this section do not fit across the page'))).toBe(true);
    expect(pages.flat().some((line) => line.includes('Request Cycle Renews Provider'))).toBe(false);
    for (let index = 0; index < REQUEST_ROWS; index += 1) expect(recordPage(index)).toBeGreaterThanOrEqual(first);
  });

  it('labels every field and shows its value in full, next to the label', () => {
    const text = pages.flat().join('\n');
    expect(text).toMatch(/^.*Intended use Answer HR policy questions\b/m);
    expect(text).toMatch(/Requested by Jiří Dvořák\b/);
    expect(text).toContain('Requested by Дмитрий Иванов');
    expect(text).toMatch(/Submitted 2026-09-03T10:00:00Z\b/);
    expect(text).toMatch(/Personal data yes\b/);
    expect(text).toContain(`Weights SHA-256 ${weightsOf(0)}`);
    expect(text).toMatch(/^Conditions Only for internal staff$/m);
    expect(text).toMatch(/^Log all prompts and completions for 90 days$/m);

    // Every value of an ordinary record, whole: nothing cut to a few characters and an ellipsis.
    const page = pages[recordPage(1)]!.join('\n');
    requestRow(1).forEach((value, index) => {
      const column = REQUEST_COLUMNS[index]!;
      if (index === 0 || index === 4) return; // in the record's title
      for (const line of shown(value, column).split('\n')) expect(page).toContain(line);
    });
  });

  it('leaves empty fields out', () => {
    const record = (index: number) => {
      const page = pages[recordPage(index)]!;
      const start = page.findIndex((line) => line.startsWith(`AR-${12 + index} ·`));
      const end = page.findIndex((line, at) => at > start && /^AR-\d+ ·/.test(line));
      return page.slice(start, end < 0 ? -1 : end).join('\n');
    };
    expect(record(0)).not.toMatch(/\bRenews\b/);
    expect(record(0)).not.toMatch(/\bConditions\b/);
    expect(record(0)).not.toMatch(/\bState reason\b/);
    expect(record(1)).toMatch(/\bRenews AR-3\b/);
  });

  it('shortens a very long value after 12 lines and says where the full text is', () => {
    const lines = pages.flat();
    const start = lines.findIndex((line) => line.startsWith('Decision rationale Finding 1:'));
    const note = lines.findIndex((line) => line.startsWith('Shortened to 12 lines'));
    expect(start).toBeGreaterThan(0);
    expect(note - start).toBe(12);
    expect(lines[note]).toBe('Shortened to 12 lines; the full text is in the CSV, XLSX and JSON formats of this report.');
    expect(lines[note - 1]).toMatch(/…$/);
    expect(lines.join(' ')).not.toContain('Finding 40:');
  });

  it('keeps each record on one page, continuing the section on new pages', () => {
    const first = pageStarting(pages, 'Approval requests');
    const last = recordPage(REQUEST_ROWS - 1);
    expect(last).toBeGreaterThan(first + 1);
    for (let index = 0; index < REQUEST_ROWS; index += 1) {
      // The weights hash is the last field of each record.
      const end = pages.findIndex((page) => page.some((line) => line.includes(weightsOf(index))));
      expect(end).toBe(recordPage(index));
    }
    for (let page = first + 1; page <= last; page += 1) expect(pages[page]![0]).toBe('Approval requests (continued)');
  });

  it('lists the records section and the next one in the contents with their real start pages', () => {
    const contents = pages[1]!;
    const modelAccessPage = pageStarting(pages, 'Model access');
    expect(modelAccessPage).toBe(recordPage(REQUEST_ROWS - 1) + 1);
    expect(contents).toContain(`Approval requests ${REQUEST_ROWS} 3`);
    expect(contents).toContain(`Model access 120 ${modelAccessPage + 1}`);
    pages.slice(1).forEach((lines, index) => expect(lines.at(-1)).toContain(`Page ${index + 2} of ${pages.length}`));
  });

  it('reports progress row by row across both layouts', () => {
    const total = REQUEST_ROWS + LONG_SECTION_ROWS;
    expect(written.files).toEqual([{ name: 'report.pdf', contentType: 'application/pdf', rows: total }]);
    expect(written.progress).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  });

  it('draws Chinese names in records as "□" too', () => {
    const page = pages[recordPage(2)]!;
    expect(page.join('\n')).toContain('Requested by □□□');
  });

  it('renders the records to readable PNGs', async () => {
    const files = await renderPdfPages(written.bytes, artifactsDir, 'pdf-writer-records');
    expect(files).toHaveLength(pages.length);
  });
});

describe('writePdf with a record taller than a page', () => {
  it('continues the record on the next page below its title, marked "(continued)"', async () => {
    const columns: ReportColumn[] = Array.from({ length: 40 }, (_, index) => ({
      key: `field-${index}`,
      header: `Field ${index}`,
    }));
    const row = columns.map(
      (_, index) => `Value ${index}: ${'a long explanation that needs several lines '.repeat(6)}end ${index}.`,
    );
    const tall: ReportSection = {
      key: 'tall',
      title: 'Tall records',
      columns,
      rowCount: 2,
      rows: () => rowsOf(2, (index) => row.map((value) => `${index === 0 ? 'First' : 'Second'} ${value}`)),
    };
    const { bytes, progress } = await writeToTempDir(auditorReport([tall, policyExceptions]));
    const pages = await readPdfLines(bytes);

    expect(progress).toEqual([1, 2]);
    // The title is cut to one line, so its values are shown in full as fields too.
    const titlePages = pages.flatMap((lines, index) =>
      lines.some((line) => /^First Value 0: a long explanation .*… Row 1 of 2$/.test(line)) ? [index] : [],
    );
    expect(titlePages).toHaveLength(1);
    const continued = pages.flatMap((lines, index) =>
      lines.some((line) => /^First Value 0: a long explanation .*… \(continued\) Row 1 of 2$/.test(line)) ? [index] : [],
    );
    expect(continued.length).toBeGreaterThanOrEqual(1);
    expect(continued[0]).toBe(titlePages[0]! + 1);
    const second = pages.findIndex((lines) => lines.some((line) => /^Second Value 0: .* Row 2 of 2$/.test(line)));
    expect(second).toBe(continued.at(-1)! + 1);
    const text = pages.slice(titlePages[0], second).flat();
    for (let index = 0; index < columns.length; index += 1) {
      expect(text.some((line) => line.startsWith(`Field ${index} First Value ${index}: a long explanation`))).toBe(true);
      expect(text.some((line) => line.endsWith(`end ${index}.`))).toBe(true);
    }
  });
});

describe('replaceMissingGlyphs', () => {
  const latinOnly = (codePoint: number) => codePoint < 0x2000 || codePoint === 0x25a1;

  it('replaces each character the font lacks with "□", or "?" where the font lacks that too', () => {
    expect(replaceMissingGlyphs('Model 通义千问 v2', latinOnly)).toBe('Model □□□□ v2');
    expect(replaceMissingGlyphs('通义', (codePoint) => codePoint < 0x2000)).toBe('??');
    expect(replaceMissingGlyphs('😀!', latinOnly)).toBe('□!');
  });

  it('keeps what the font has, drops invisible format characters and turns other spacing into spaces', () => {
    expect(replaceMissingGlyphs('Jiří Dvořák Дмитрий', latinOnly)).toBe('Jiří Dvořák Дмитрий');
    expect(replaceMissingGlyphs('Jiri\u0301 zero\u200bwidth\u202a', latinOnly)).toBe('Jirí zerowidth');
    expect(replaceMissingGlyphs('a\tb\r\nc\u2028d', latinOnly)).toBe('a b c d');
    expect(replaceMissingGlyphs('a\tb\r\nc\u2028d', latinOnly, { keepLineBreaks: true })).toBe('a b\nc\nd');
  });

  it('asks the embedded DejaVu font what it covers', () => {
    const pdf = new PDFDocument({ font: fontFile(FONT.regular) });
    registerFonts(pdf);
    pdf.font(FONT.regular);
    expect(drawableText(pdf, 'Jiří Dvořák, Дмитрий, Ελένη, € “quoted” — ﬁne')).toBe(
      'Jiří Dvořák, Дмитрий, Ελένη, € “quoted” — ﬁne',
    );
    expect(drawableText(pdf, '通义千问 Qwen')).toBe(`${MISSING_GLYPH.repeat(4)} Qwen`);
    pdf.font(FONT.mono);
    expect(drawableText(pdf, 'verify 😀')).toBe(`verify ${MISSING_GLYPH}`);
    pdf.end();
  });
});

describe('writePdf refusals and failures', () => {
  it('refuses more than PDF_MAX_ROWS rows before writing anything', async () => {
    const directory = await tempDir();
    let rowsRead = false;
    const huge = (key: string, rowCount: number): ReportSection => ({
      ...policyExceptions,
      key,
      rowCount,
      rows: () => {
        rowsRead = true;
        return rowsOf(rowCount, () => ['x', null]);
      },
    });
    const document = auditorReport([huge('first', PDF_MAX_ROWS - 5), huge('second', 6)]);

    const refusal = writePdf(document, directory);
    await expect(refusal).rejects.toThrow(PdfTooLargeError);
    await expect(refusal).rejects.toThrow('A PDF of 10001 rows is too large (the limit is 10,000); export CSV or XLSX instead.');
    expect(rowsRead).toBe(false);
    expect(await readdir(directory)).toEqual([]);
  });

  it('rejects, without crashing the process, when the directory cannot be written', async () => {
    const missing = path.join(await tempDir(), 'not-there');
    await expect(writePdf(auditorReport(), missing)).rejects.toThrow(/ENOENT/);
  });

  it('also stops a section that yields more rows than it announced, leaving no partial file', async () => {
    const directory = await tempDir();
    const understated: ReportSection = {
      ...policyExceptions,
      rowCount: 1,
      rows: () => rowsOf(PDF_MAX_ROWS + 1, () => ['x', null]),
    };
    await expect(writePdf(auditorReport([understated]), directory)).rejects.toThrow(PdfTooLargeError);
    expect(await readdir(directory)).toEqual([]);
  });
});

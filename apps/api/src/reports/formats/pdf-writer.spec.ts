import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readPdfLines, renderPdfPages } from './pdf-pages.testing.js';
import { PDF_MAX_ROWS, PdfTooLargeError, toWinAnsi, writePdf } from './pdf-writer.js';
import type { CellValue, ReportDocument, ReportSection } from './report-document.js';

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
    expect(firstPage).toMatch(/Jirí Dvorák person3@example\.com model-2 2026-07-01T11:30:00Z 2026-12-31 34 yes/);
    expect(firstPage).toMatch(/Zoë Ångström person2@example\.com \?\?\?\? 2026-07-01T10:30:00Z 2026-12-31 17 no/);
    expect(firstPage).toContain('…');
    expect(firstPage).not.toContain(LONG_NOTE.trim());
  });

  it('draws names outside WinAnsi as documented: accents dropped where possible, otherwise "?"', () => {
    const text = pages.flat().join('\n');
    expect(text).toContain('Zoë Ångström');
    expect(text).toContain('Jirí Dvorák');
    expect(text).toContain('??????? ??????');
    expect(toWinAnsi('通义千问')).toBe('????');
    expect(toWinAnsi('Jiří\tDvořák\n')).toBe('Jirí Dvorák ');
    expect(toWinAnsi('€ “quoted” — fine')).toBe('€ “quoted” — fine');
    expect(toWinAnsi('ﬁle 😀\u200b!')).toBe('file ?!');
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

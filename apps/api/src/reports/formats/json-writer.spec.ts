import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeJson } from './json-writer.js';
import type { CellValue, ReportColumn, ReportSection } from './report-document.js';
import { report as buildReport, section } from './report-document.testing.js';

const COLUMNS: ReportColumn[] = [
  { key: 'day', header: 'Day', type: 'date' },
  { key: 'occurredAt', header: 'Occurred at', type: 'datetime' },
  { key: 'tokens', header: 'Tokens', type: 'number' },
  { key: 'approved', header: 'Approved', type: 'boolean' },
  { key: 'model', header: 'Model' },
  { key: 'note', header: 'Note' },
];

const ROWS: CellValue[][] = [
  [
    new Date('2026-06-30T23:30:00Z'),
    new Date('2026-06-30T12:00:00.250Z'),
    1234.5,
    true,
    '通义千问 Qwen',
    'a, b "c"\r\nnext line',
  ],
  [null, null, -2, false, '=HYPERLINK("http://x")', null],
  [new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), 0, null, '+1', '-2'],
  [null, null, null, null, '@SUM(A1)', '\u2028 and \\ and \u0000'],
];

const report = (sections: ReportSection[]) =>
  buildReport(sections, {
    generatedAt: new Date('2026-07-02T08:00:00.123Z'),
    scope: [
      { label: 'Period', value: '2026-06-01 to 2026-06-30' },
      { label: 'Provider', value: 'Alibaba' },
    ],
  });

describe('writeJson', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'json-writer-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the whole report as one JSON document with rows keyed by column', async () => {
    const progress: number[] = [];
    const files = await writeJson(
      report([
        section('events', 'Events', COLUMNS, ROWS, 'Every event.'),
        section('nothing', 'Nothing', COLUMNS.slice(0, 1), []),
      ]),
      directory,
      (rows) => progress.push(rows),
    );

    expect(files).toEqual([{ name: 'report.json', contentType: 'application/json', rows: 4 }]);
    expect(progress).toEqual([4]);
    const parsed: unknown = JSON.parse(await readFile(path.join(directory, 'report.json'), 'utf8'));
    expect(parsed).toEqual({
      reportType: 'audit-trail',
      title: 'Audit trail',
      generatedAt: '2026-07-02T08:00:00.123Z',
      generator: { name: 'modelgate', version: '0.1.0' },
      scope: [
        { label: 'Period', value: '2026-06-01 to 2026-06-30' },
        { label: 'Provider', value: 'Alibaba' },
      ],
      chainHead: { seq: '42', hash: 'ab'.repeat(32) },
      sections: [
        {
          key: 'events',
          title: 'Events',
          description: 'Every event.',
          columns: [
            { key: 'day', header: 'Day', type: 'date' },
            { key: 'occurredAt', header: 'Occurred at', type: 'datetime' },
            { key: 'tokens', header: 'Tokens', type: 'number' },
            { key: 'approved', header: 'Approved', type: 'boolean' },
            { key: 'model', header: 'Model', type: 'text' },
            { key: 'note', header: 'Note', type: 'text' },
          ],
          rows: [
            {
              day: '2026-06-30',
              occurredAt: '2026-06-30T12:00:00.250Z',
              tokens: 1234.5,
              approved: true,
              model: '通义千问 Qwen',
              note: 'a, b "c"\r\nnext line',
            },
            { day: null, occurredAt: null, tokens: -2, approved: false, model: '=HYPERLINK("http://x")', note: null },
            { day: '2026-07-01', occurredAt: '2026-07-01T00:00:00.000Z', tokens: 0, approved: null, model: '+1', note: '-2' },
            { day: null, occurredAt: null, tokens: null, approved: null, model: '@SUM(A1)', note: '\u2028 and \\ and \u0000' },
          ],
        },
        { key: 'nothing', title: 'Nothing', description: null, columns: [{ key: 'day', header: 'Day', type: 'date' }], rows: [] },
      ],
    });
  });

  it('writes valid JSON for a report without sections', async () => {
    await writeJson(report([]), directory);

    const parsed = JSON.parse(await readFile(path.join(directory, 'report.json'), 'utf8')) as { sections: unknown };
    expect(parsed.sections).toEqual([]);
  });

  it('reports progress at least every 1,000 rows', async () => {
    const count = 2_500;
    const bulk: ReportSection = {
      key: 'bulk',
      title: 'Bulk',
      columns: [{ key: 'n', header: 'N', type: 'number' }],
      rowCount: count,
      rows: async function* () {
        for (let index = 0; index < count; index += 1) {
          await Promise.resolve();
          yield [index];
        }
      },
    };
    const progress: number[] = [];

    await writeJson(report([bulk]), directory, (rows) => progress.push(rows));

    expect(progress).toEqual([1_000, 2_000, 2_500]);
  });
});

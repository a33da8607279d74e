import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Prisma } from '@modelgate/db';
import { createReportExportInputSchema, type ReportFilters } from '@modelgate/domain/reports';
import { parse } from 'csv-parse/sync';
import { ReportsReadDatabase } from '../database/reports-read-database.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { writeCsv } from './formats/csv-writer.js';
import { ReportGenerator } from './report-generator.js';
import { auditTrailExtract } from './sources/audit-trail.source.js';

/**
 * The audit trail CSV is written from PostgreSQL's COPY output; every other table export goes through the generic
 * writer. Both must give the same bytes for the same events: canonical JSON (so hashes can be recomputed), the
 * formula guard, empty text, quoting, CRLF. The events here hold what people and integrations can put in them.
 */

const HOSTILE_TEXT = [
  "=cmd|' /C calc'!A0",
  '+1',
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  "''=already guarded",
  "'plain apostrophe",
  'comma, inside',
  'quote " inside',
  'line\nbreak',
  'crlf\r\nbreak',
  '',
  'ünïcødé ✓ 𝄞',
  'back\\slash',
];

const HOSTILE_JSON: unknown[] = [
  { b: 1, a: 2, nested: { z: [3, { y: null, x: 'text' }], '': 'empty key' } },
  { long_key_first: 1, k: 2 },
  { numbers: [0, -0, 0.1, 1e-7, 1e21, 2 ** 64, 1.5e300, -42, 3.14159] },
  { text: '=formula', control: 'tab\tnew\nline\u0001bell', quote: 'say "hi"', unicode: 'é𝄞\u2028' },
  { é: 1, z: 2, Z: 3, '𝄞': 4, '\uffff': 5 },
  [],
  {},
  [[[[[['deep']]]]]],
  'a bare string',
  '=1+1',
  -5,
  true,
  null,
];

describe('audit trail CSV through COPY', () => {
  let api: TestApp;
  let directory: string;
  let firstSeq: bigint;

  beforeAll(async () => {
    api = await startTestApp();
    directory = await mkdtemp(path.join(os.tmpdir(), 'audit-trail-copy-'));
    const [head] = await api.prisma.$queryRaw<Array<{ seq: bigint | null }>>`SELECT max(seq) AS seq FROM audit_event`;
    firstSeq = (head?.seq ?? 0n) + 1n;
    const count = Math.max(HOSTILE_TEXT.length, HOSTILE_JSON.length);
    for (let index = 0; index < count; index += 1) {
      const text = HOSTILE_TEXT[index % HOSTILE_TEXT.length]!;
      const json = HOSTILE_JSON[index % HOSTILE_JSON.length];
      const seq = firstSeq + BigInt(index);
      // As the owner, straight in SQL: the trail is append-only, and these hashes need not form a chain here.
      await api.prisma.$executeRaw`
        INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_label, actor_roles, channel, action, entity_type,
                                 entity_id, before, after, outcome, reason, request_id, ip, user_agent, prev_hash, hash)
        VALUES (${seq}, timestamptz '2026-08-01T10:00:00.123Z' + ${index} * interval '1 hour', 'USER', ${text}, ${text},
                ${index % 3 === 0 ? [] : ['AUDITOR', text]}::text[], 'API', ${`test.${index}`}, 'Thing', ${text},
                ${index % 4 === 0 ? null : JSON.stringify(json)}::jsonb, ${JSON.stringify(json)}::jsonb, 'SUCCESS',
                ${index % 2 === 0 ? null : text}, ${text}, ${text}, ${text},
                ${'0'.repeat(64)}, ${`${'f'.repeat(48)}${seq.toString(16).padStart(16, '0')}`})`;
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  /** The extract written by the generic path: rows read through Prisma, formatted by the CSV writer. */
  const genericCsv = async (filters: ReportFilters, into: string): Promise<Buffer> => {
    const { client } = api.app.get(ReportsReadDatabase);
    await client.$transaction(
      async (tx) => {
        const sections = await auditTrailExtract(tx, filters);
        await writeCsv(
          {
            reportType: 'AUDIT_TRAIL',
            title: 'Audit trail extract',
            generatedAt: new Date(),
            scope: [],
            chainHead: { seq: null, hash: null },
            generator: { name: 'modelgate', version: 'test' },
            sections,
          },
          into,
        );
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    return readFile(path.join(into, 'audit-events.csv'));
  };

  const copiedCsv = async (filters: Record<string, unknown>, into: string) => {
    const input = createReportExportInputSchema.parse({ type: 'AUDIT_TRAIL', format: 'CSV', filters });
    const progress: number[] = [];
    const generated = await api.app.get(ReportGenerator).generate(input, into, (rows) => progress.push(rows));
    // The file goes to the bundle deflated, as its zip entry holds it.
    const bytes = inflateRawSync(await readFile(path.join(into, 'audit-events.csv.deflate')));
    return { generated, progress, bytes, input };
  };

  it.each([
    ['the whole trail', {}],
    ['one record, with quotes and a formula in the filter', { entityId: "=cmd|' /C calc'!A0" }],
    ['a period and an action', { from: '2026-08-01', to: '2026-08-01', action: 'test.3' }],
    ['nothing', { action: "no such action'; DROP TABLE audit_event; --" }],
  ])('writes the same bytes as the generic CSV writer: %s', async (_name, filters) => {
    const into = await mkdtemp(path.join(directory, 'copy-'));
    const copied = await copiedCsv(filters, into);
    const generic = await genericCsv(copied.input.filters, await mkdtemp(path.join(directory, 'generic-')));
    expect(copied.bytes.toString('utf8')).toBe(generic.toString('utf8'));
    expect(copied.bytes.equals(generic)).toBe(true);

    const rows: string[][] = parse(copied.bytes, { bom: true });
    const [file] = copied.generated.files;
    expect(file).toMatchObject({ name: 'audit-events.csv', rows: rows.length - 1 });
    expect(file!.written).toEqual({
      sha256: createHash('sha256').update(copied.bytes).digest('hex'),
      bytes: copied.bytes.length,
      deflated: { file: 'audit-events.csv.deflate', crc32: crc32(copied.bytes) },
    });
    expect(copied.progress.at(-1)).toBe(rows.length - 1);
    // The manifest's range is the first and last event of this extract.
    const seqs = rows.slice(1).map((row) => row[0]);
    expect(copied.generated.audit.firstSeq).toBe(seqs[0] ?? null);
    expect(copied.generated.audit.lastSeq).toBe(seqs.at(-1) ?? null);
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('holds the hostile events as the generic path does, JSON canonical', async () => {
    const into = await mkdtemp(path.join(directory, 'copy-'));
    const { bytes } = await copiedCsv({}, into);
    const rows: string[][] = parse(bytes, { bom: true });
    const ours = rows.slice(1).filter((row) => BigInt(row[0]!) >= firstSeq);
    expect(ours).toHaveLength(Math.max(HOSTILE_TEXT.length, HOSTILE_JSON.length));
    expect(ours[0]![13]).toBe('{"a":2,"b":1,"nested":{"":"empty key","z":[3,{"x":"text","y":null}]}}');
    expect(ours[10]![13]).toBe("'-5");
    expect(ours[12]![13]).toBe('');
    expect(ours[12]![3]).toBe('');
    expect(ours[0]![3]).toBe(`'=cmd|' /C calc'!A0`);
  });
});

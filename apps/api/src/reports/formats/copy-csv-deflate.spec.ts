import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'csv-stringify/sync';
import { trackProgress } from './cell-format.js';
import { CopyCsvToReportCsv, writeCopiedCsv } from './copy-csv.js';
import { CSV_OPTIONS } from './csv-writer.js';

const COLUMNS = ['Seq', 'Before', 'After', 'Note'].map((header, index) => ({ key: `c${index}`, header }));
const JSON_COLUMNS = new Set([1, 2]);

/** COPY output of `count` records, several megabytes: the file is deflated in many pieces. */
function copyOutput(count: number): Buffer {
  const lines: string[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const before = `"{""status"": ""ACTIVE"", ""purpose"": ""Purpose ${seq}"", ""version"": ${seq}}"`;
    const after = seq % 7 === 0 ? '"{""n"": 1.50, ""k"": [true, null]}"' : `"[{""z"": ${seq}, ""a"": ""x""}]"`;
    const note = seq % 5 === 0 ? `"=${seq}, ""quoted"""` : seq % 3 === 0 ? '""' : `note-${seq.toString(36)}`;
    lines.push(`${seq},${before},${after},${note}\n`);
  }
  return Buffer.from(lines.join(''));
}

/** Cuts `bytes` into pieces of varying sizes, as a socket hands them over. */
function pieces(bytes: Buffer): Buffer[] {
  const cut: Buffer[] = [];
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7919 + 13) % 90_001) {
    cut.push(bytes.subarray(at, at + step));
  }
  return cut;
}

describe('writeCopiedCsv', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'copy-csv-deflate-'));
  });

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('deflates, hashes and counts exactly the CSV the converter writes, over many pieces of output', async () => {
    const input = copyOutput(40_000);
    const header = Buffer.from(stringify([COLUMNS.map((column) => column.header)], CSV_OPTIONS));
    const csv = Buffer.concat([header, await buffer(Readable.from(pieces(input)).pipe(new CopyCsvToReportCsv(JSON_COLUMNS)))]);
    expect(csv.length).toBeGreaterThan(4 * 1024 * 1024);

    const progress = trackProgress();
    const deflatedFile = path.join(directory, 'extract.csv.deflate');
    const written = await writeCopiedCsv({
      copy: Readable.from(pieces(input)),
      deflatedFile,
      columns: COLUMNS,
      jsonColumns: JSON_COLUMNS,
      progress,
    });

    expect(inflateRawSync(await readFile(deflatedFile)).equals(csv)).toBe(true);
    expect(written).toEqual({
      rows: 40_000,
      sha256: createHash('sha256').update(csv).digest('hex'),
      bytes: csv.length,
      crc32: crc32(csv),
    });
    expect(progress.total).toBe(40_000);
  });

  it('writes a valid deflate stream of the header alone when COPY sends no rows', async () => {
    const deflatedFile = path.join(directory, 'empty.csv.deflate');
    const written = await writeCopiedCsv({
      copy: Readable.from([]),
      deflatedFile,
      columns: COLUMNS,
      jsonColumns: JSON_COLUMNS,
      progress: trackProgress(),
    });
    const header = Buffer.from(stringify([COLUMNS.map((column) => column.header)], CSV_OPTIONS));
    expect(inflateRawSync(await readFile(deflatedFile)).equals(header)).toBe(true);
    expect(written).toMatchObject({ rows: 0, bytes: header.length });
  });
});

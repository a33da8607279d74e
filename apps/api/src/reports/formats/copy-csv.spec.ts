import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from '@jest/globals';
import { CopyCsvToReportCsv } from './copy-csv.js';

// COPY's CSV for four columns, the second and third jsonb: quoted fields with doubled quotes, commas and line breaks,
// an empty string (""), NULLs (nothing), formula-like text, and jsonb as PostgreSQL prints it (length-sorted keys).
const COPY_OUTPUT = [
  '1,"{""b"": 1, ""aa"": [1, ""x""]}","""=1""",plain',
  '2,,null,"line\nbreak, ""quoted"""',
  `3,"[{""z"": null, ""a"": true}]",-5,"=cmd|' /C calc'!A0"`,
  `4,{},"""é𝄞""",""`,
  '5,"{""k"": ""a\\nb""}",,\'already',
  '',
].join('\n');

const REPORT_CSV = [
  '1,"{""aa"":[1,""x""],""b"":1}","""=1""",plain',
  '2,,,"line\nbreak, ""quoted"""',
  `3,"[{""a"":true,""z"":null}]",'-5,'=cmd|' /C calc'!A0`,
  `4,{},"""é𝄞""",`,
  '5,"{""k"":""a\\nb""}",,\'already',
  '',
].join('\r\n');

async function convert(chunks: Buffer[]): Promise<{ text: string; records: number; counted: number }> {
  let counted = 0;
  const converter = new CopyCsvToReportCsv(new Set([1, 2]), () => (counted += 1));
  const output = await buffer(Readable.from(chunks).pipe(converter));
  return { text: output.toString('utf8'), records: converter.records, counted };
}

describe('COPY CSV to report CSV', () => {
  it('rewrites JSON, guards formulas, drops empty quotes and ends records in CRLF', async () => {
    expect(await convert([Buffer.from(COPY_OUTPUT)])).toEqual({ text: REPORT_CSV, records: 5, counted: 5 });
  });

  it('gives the same bytes however the input is cut into chunks', async () => {
    const bytes = Buffer.from(COPY_OUTPUT);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const halves = await convert([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect({ cut, text: halves.text }).toEqual({ cut, text: REPORT_CSV });
    }
    const single = await convert([...bytes].map((byte) => Buffer.from([byte])));
    expect(single.text).toBe(REPORT_CSV);
    expect(single.records).toBe(5);
  });

  it('fails on output that stops inside a record', async () => {
    await expect(convert([Buffer.from('1,"unfinished')])).rejects.toThrow('COPY output ended inside a record');
  });
});

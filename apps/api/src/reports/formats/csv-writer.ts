import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { cellText, columnType, trackProgress, type ProgressTracker } from './cell-format.js';
import type { ReportSection, ReportWriter, WrittenFile } from './report-document.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * With CRLF records, csv-stringify quotes only fields holding a whole CRLF unless told otherwise; a lone CR or LF left
 * unquoted splits the record for Excel and strict parsers (RFC 4180 quotes any line break), so every one is quoted.
 */
export const CSV_OPTIONS = { bom: true, record_delimiter: 'windows', quote_record_delimiter: true } as const;

/**
 * One RFC 4180 file per section, named after its key. UTF-8 with a byte order mark and CRLF line ends,
 * so that Excel (which auditors open these in) reads the encoding and rows right.
 */
export const writeCsv: ReportWriter = async (document, directory, onProgress) => {
  const progress = trackProgress(onProgress);
  const files: WrittenFile[] = [];
  for (const section of document.sections) {
    files.push(await writeSectionCsv(section, directory, progress));
  }
  progress.finish();
  return files;
};

async function writeSectionCsv(section: ReportSection, directory: string, progress: ProgressTracker): Promise<WrittenFile> {
  const name = `${section.key}.csv`;
  let rows = 0;
  const countRow = () => {
    rows += 1;
    progress.addRow();
  };
  // pipeline() pulls records only as fast as the file takes them.
  await pipeline(csvRecords(section, countRow), stringify(CSV_OPTIONS), createWriteStream(path.join(directory, name)));
  return { name, contentType: CSV_CONTENT_TYPE, rows };
}

async function* csvRecords(section: ReportSection, countRow: () => void): AsyncGenerator<string[]> {
  yield section.columns.map((column) => column.header);
  const types = section.columns.map(columnType);
  for await (const row of section.rows()) {
    yield types.map((type, index) => cellText(row[index] ?? null, type));
    countRow();
  }
}

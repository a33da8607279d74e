import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { columnType, isoDay, trackProgress, type ProgressTracker } from './cell-format.js';
import type { CellValue, ColumnType, ReportDocument, ReportSection, ReportWriter } from './report-document.js';

const FILE_NAME = 'report.json';

/**
 * The whole report as one JSON document, rows as objects keyed by column key. Written piece by piece (a
 * section may hold a million rows), laid out with the metadata indented and one row per line.
 */
export const writeJson: ReportWriter = async (document, directory, onProgress) => {
  const progress = trackProgress(onProgress);
  // pipeline() pulls pieces only as fast as the file takes them.
  await pipeline(documentJson(document, progress), createWriteStream(path.join(directory, FILE_NAME)));
  progress.finish();
  return [{ name: FILE_NAME, contentType: 'application/json', rows: progress.total }];
};

async function* documentJson(document: ReportDocument, progress: ProgressTracker): AsyncGenerator<string> {
  const metadata = {
    reportType: document.reportType,
    title: document.title,
    generatedAt: document.generatedAt.toISOString(),
    generator: document.generator,
    scope: document.scope,
    chainHead: document.chainHead,
  };
  yield `{\n${jsonMembers(metadata, 1)},\n  "sections": [`;
  for (const [index, section] of document.sections.entries()) {
    yield index === 0 ? '\n' : ',\n';
    yield* sectionJson(section, progress);
  }
  yield document.sections.length === 0 ? ']\n}\n' : '\n  ]\n}\n';
}

async function* sectionJson(section: ReportSection, progress: ProgressTracker): AsyncGenerator<string> {
  const metadata = {
    key: section.key,
    title: section.title,
    description: section.description ?? null,
    columns: section.columns.map((column) => ({ key: column.key, header: column.header, type: columnType(column) })),
  };
  yield `    {\n${jsonMembers(metadata, 3)},\n      "rows": [`;
  const types = section.columns.map(columnType);
  let first = true;
  for await (const row of section.rows()) {
    yield `${first ? '\n' : ',\n'}        ${JSON.stringify(rowObject(section, types, row))}`;
    first = false;
    progress.addRow();
  }
  yield first ? ']\n    }' : '\n      ]\n    }';
}

function rowObject(section: ReportSection, types: readonly ColumnType[], row: readonly CellValue[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  section.columns.forEach((column, index) => {
    object[column.key] = jsonValue(row[index] ?? null, types[index] ?? 'text');
  });
  return object;
}

/** Dates become ISO 8601 strings (the day only for `date` columns); the rest is already JSON. */
function jsonValue(value: CellValue, type: ColumnType): string | number | boolean | null {
  if (value instanceof Date) return type === 'date' ? isoDay(value) : value.toISOString();
  return value;
}

/** The members of `object` as indented `"key": value` lines, without the braces, so more can follow. */
function jsonMembers(object: Record<string, unknown>, depth: number): string {
  const indent = '  '.repeat(depth);
  return Object.entries(object)
    .map(([key, value]) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`)}`)
    .join(',\n');
}

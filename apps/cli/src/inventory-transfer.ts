import { readFile, writeFile } from 'node:fs/promises';
import { detectTransferFormat, type RowError, type TransferFormat } from '@modelgate/domain/inventory-transfer';
import { CliError, type ApiClient } from './api-client.js';

const IMPORT = `mutation ($input: ImportInventoryInput!) {
  importInventory(input: $input) {
    ok dryRun rowCount created updated unchanged providersCreated providersUpdated errors { row column reason }
  }
}`;
const EXPORT = `query ($format: TransferFormat!) { inventoryExport(format: $format) { rowCount fileName content } }`;

export type ImportSummary = {
  ok: boolean;
  dryRun: boolean;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  providersCreated: number;
  providersUpdated: number;
  errors: RowError[];
};

export function formatFor(file: string, requested: string | undefined): TransferFormat {
  if (requested) {
    const upper = requested.toUpperCase();
    if (upper === 'CSV' || upper === 'JSON') return upper;
    throw new CliError(`--format must be csv or json, not "${requested}"`);
  }
  const detected = detectTransferFormat(file);
  if (!detected) throw new CliError(`cannot tell the format of "${file}" from its name: use .csv or .json, or pass --format`);
  return detected;
}

export async function importInventory(
  client: ApiClient,
  file: string,
  format: TransferFormat,
  dryRun: boolean,
): Promise<ImportSummary> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const data = await client.query<{ importInventory: ImportSummary }>(IMPORT, { input: { content, format, dryRun } });
  return data.importInventory;
}

/** A report for people: counts, then every error as `row N, column: reason`. */
export function describeImport(summary: ImportSummary): string {
  const lines: string[] = [];
  if (!summary.ok) {
    lines.push(`The file has ${summary.errors.length} problem(s) in ${summary.rowCount} row(s); nothing was imported.`);
    for (const error of summary.errors) {
      const where = error.row === 0 ? 'file' : `row ${error.row}`;
      lines.push(`  ${where}${error.column ? `, ${error.column}` : ''}: ${error.reason}`);
    }
    return `${lines.join('\n')}\n`;
  }
  const verb = summary.dryRun ? 'would create' : 'created';
  lines.push(
    `${summary.dryRun ? 'Dry run: ' : ''}${summary.rowCount} row(s) checked; ${verb} ${summary.created}, ` +
      `${summary.dryRun ? 'would update' : 'updated'} ${summary.updated}, unchanged ${summary.unchanged} model version(s); ` +
      `providers ${summary.dryRun ? 'to create' : 'created'} ${summary.providersCreated}, ${summary.dryRun ? 'to update' : 'updated'} ${summary.providersUpdated}.`,
  );
  if (summary.dryRun) lines.push('Nothing was written. Run again without --dry-run to import.');
  return `${lines.join('\n')}\n`;
}

export async function exportInventory(client: ApiClient, format: TransferFormat, output: string | undefined): Promise<string> {
  const data = await client.query<{ inventoryExport: { rowCount: number; fileName: string; content: string } }>(EXPORT, {
    format,
  });
  const { content, rowCount, fileName } = data.inventoryExport;
  if (!output) return content;
  await writeFile(output, content, 'utf8');
  return `Wrote ${rowCount} model version(s) to ${output} (suggested name ${fileName}).\n`;
}

import { parseInventoryCsv, serializeInventoryCsv } from './csv.js';
import { parseInventoryJson, serializeInventoryJson } from './json.js';
import type { InventoryRecord } from './record.js';
import type { ParsedInventoryFile, TransferFormat } from './validate.js';

export { INVENTORY_CSV_COLUMNS } from './csv.js';
export { INVENTORY_FORMAT_VERSION } from './json.js';
export {
  canonicalInventoryRecord,
  inventoryBaseSchema,
  inventoryRecordKey,
  inventoryRecordSchema,
  sortedInventoryRecords,
  type InventoryBase,
  type InventoryRecord,
} from './record.js';
export { MAX_IMPORT_ROWS, type ParsedInventoryFile, type RowError, type TransferFormat } from './validate.js';

/**
 * Reads an import file. Never throws on bad content: every problem of every row is in `errors`, and
 * `records` holds only the rows without any.
 */
export function parseInventoryFile(content: string, format: TransferFormat): ParsedInventoryFile {
  return format === 'CSV' ? parseInventoryCsv(content) : parseInventoryJson(content);
}

/** Writes records deterministically: sorted by provider then version name, bases and modalities ordered. */
export function serializeInventory(records: readonly InventoryRecord[], format: TransferFormat): string {
  return format === 'CSV' ? serializeInventoryCsv(records) : serializeInventoryJson(records);
}

/** The format a file name's extension (`.csv`, `.json`, any case) stands for; null for anything else. */
export function detectTransferFormat(fileName: string): TransferFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'csv') return 'CSV';
  if (extension === 'json') return 'JSON';
  return null;
}

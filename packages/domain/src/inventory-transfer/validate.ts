import type { z } from 'zod';
import { createProviderInputSchema } from '../inventory/schemas.js';
import {
  canonicalInventoryRecord,
  inventoryRecordKey,
  inventoryRecordKeySchema,
  inventoryRecordSchema,
  type InventoryRecord,
} from './record.js';

export type TransferFormat = 'CSV' | 'JSON';

/**
 * One problem in an import file. `row` is the spreadsheet row for CSV (the header is row 1) or the 1-based
 * index in `modelVersions` for JSON, and 0 for a problem with the whole file. `column` is the CSV column or
 * the JSON field path (`provider.headquartersCountry`, `bases[0].relation`); null for a whole row or file.
 */
export type RowError = { row: number; column: string | null; reason: string };

export type ParsedInventoryFile = {
  /** The valid rows, in file order, in canonical form (bases sorted, modalities in enum order). */
  records: InventoryRecord[];
  /** Every problem found, file-level ones first, then by row. */
  errors: RowError[];
  /** The number of records in the file (CSV: non-blank data rows; JSON: entries of `modelVersions`). */
  rowCount: number;
};

export const MAX_IMPORT_ROWS = 50_000;

/** One record as read from the file, before validation. */
export type RawRow = {
  row: number;
  value: unknown;
  /** Problems found while reading cells (a number or a bases entry that cannot be read, an unknown key). */
  errors: RowError[];
};

/** Where a field (a zod issue path) is shown: the column or path, and a prefix for the reason. */
export type FieldLocator = (path: readonly PropertyKey[], row: number) => { column: string | null; prefix: string };

/** Orders a row's errors as the columns or fields are laid out in the file; whole-row errors come last. */
export type ColumnOrder = (column: string) => number;

export function fileError(reason: string, column: string | null = null): RowError {
  return { row: 0, column, reason };
}

export function tooManyRows(rowCount: number): ParsedInventoryFile {
  return {
    records: [],
    errors: [fileError(`the file holds ${rowCount} records; at most ${MAX_IMPORT_ROWS} can be imported at once`)],
    rowCount,
  };
}

const providerDetails = ['legalEntity', 'headquartersCountry', 'type', 'website'] as const;

/**
 * Validates every row and runs the checks that span rows: the same provider and version twice, and one
 * provider name with different details. Every problem of every row is reported.
 */
export function validateRows(
  rows: readonly RawRow[],
  locate: FieldLocator,
  order: ColumnOrder,
): { records: InventoryRecord[]; errors: RowError[] } {
  const records: InventoryRecord[] = [];
  const errors: RowError[] = [];
  const firstRowByKey = new Map<string, number>();
  const providers = new Map<string, { row: number; provider: z.output<typeof createProviderInputSchema> }>();

  for (const raw of rows) {
    const rowErrors = [...raw.errors];
    const result = inventoryRecordSchema.safeParse(raw.value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const { column, prefix } = locate(issue.path, raw.row);
        rowErrors.push({ row: raw.row, column, reason: prefix + readableMessage(issue, raw.value) });
      }
    }

    const key = result.success ? result.data : inventoryRecordKeySchema.safeParse(raw.value).data;
    if (key) {
      const recordKey = inventoryRecordKey(key);
      const earlier = firstRowByKey.get(recordKey);
      if (earlier === undefined) {
        firstRowByKey.set(recordKey, raw.row);
      } else {
        rowErrors.push({
          row: raw.row,
          column: null,
          reason: `repeats provider "${key.provider.name}" version "${key.versionName}" of row ${earlier}`,
        });
      }
    }

    const provider = result.success
      ? result.data.provider
      : createProviderInputSchema.safeParse((raw.value as { provider?: unknown } | null)?.provider).data;
    if (provider) {
      const first = providers.get(provider.name);
      if (first === undefined) {
        providers.set(provider.name, { row: raw.row, provider });
      } else {
        for (const field of providerDetails) {
          if (first.provider[field] === provider[field]) continue;
          rowErrors.push({
            row: raw.row,
            column: locate(['provider', field], raw.row).column,
            reason: `must be the same on every row of provider "${provider.name}": row ${first.row} has ${describe(first.provider[field])}`,
          });
        }
      }
    }

    const rank = (error: RowError) => (error.column === null ? Number.MAX_SAFE_INTEGER : order(error.column));
    if (rowErrors.length > 0) errors.push(...rowErrors.sort((a, b) => rank(a) - rank(b)));
    else if (result.success) records.push(canonicalInventoryRecord(result.data));
  }
  return { records, errors };
}

function describe(value: string | null): string {
  return value === null ? 'none' : `"${value}"`;
}

const expectedNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

// zod's default messages name JavaScript types; say what a person should write instead.
function readableMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return 'is required';
  if (issue.code !== 'invalid_type') return issue.message;
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  return `must be ${expectedNames[issue.expected] ?? issue.expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

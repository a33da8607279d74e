import { parse } from 'csv-parse/sync';
import { neutraliseFormula, restoreFormula } from '../reports/csv-cells.js';
import { stringify } from 'csv-stringify/sync';
import type { InventoryRecord } from './record.js';
import { sortedInventoryRecords } from './record.js';
import {
  fileError,
  MAX_IMPORT_ROWS,
  tooManyRows,
  validateRows,
  type ParsedInventoryFile,
  type RawRow,
  type RowError,
} from './validate.js';

type CellKind = 'text' | 'number' | 'flag' | 'modalities' | 'bases';

type ColumnSpec = {
  name: string;
  /** The record field: a top-level key, or a key of `provider`. */
  field: string;
  inProvider: boolean;
  kind: CellKind;
  /** The header must have this column (its value is required on every row). */
  required: boolean;
};

function column(name: string, field: string, kind: CellKind = 'text', required = false, inProvider = false): ColumnSpec {
  return { name, field, kind, required, inProvider };
}

const COLUMN_SPECS: readonly ColumnSpec[] = [
  column('provider_name', 'name', 'text', true, true),
  column('provider_legal_entity', 'legalEntity', 'text', true, true),
  column('provider_country', 'headquartersCountry', 'text', true, true),
  column('provider_type', 'type', 'text', true, true),
  column('provider_website', 'website', 'text', false, true),
  column('family_name', 'familyName', 'text', true),
  column('version_name', 'versionName', 'text', true),
  column('developer_country', 'developerCountry', 'text', true),
  column('supplier', 'supplier', 'text', true),
  column('distribution', 'distribution', 'text', true),
  column('source_url', 'sourceUrl'),
  column('hugging_face_repo', 'huggingFaceRepo'),
  column('revision', 'revision'),
  column('weights_sha256', 'weightsSha256'),
  column('release_date', 'releaseDate'),
  column('parameter_count', 'parameterCount', 'number'),
  column('modalities', 'modalities', 'modalities', true),
  column('context_length', 'contextLength', 'number'),
  column('task', 'task'),
  column('model_card_url', 'modelCardUrl'),
  column('training_data_url', 'trainingDataUrl'),
  column('intended_use', 'intendedUse'),
  column('limitations', 'limitations'),
  column('declared_license', 'declaredLicense', 'text', true),
  column('concluded_license', 'concludedLicense'),
  column('bases', 'bases', 'bases'),
  column('verified', 'verified', 'flag'),
  column('retired', 'retired', 'flag'),
];

/** The CSV columns, in export order. */
export const INVENTORY_CSV_COLUMNS: readonly string[] = COLUMN_SPECS.map((spec) => spec.name);

const specByName = new Map(COLUMN_SPECS.map((spec) => [spec.name, spec]));
const columnByField = new Map(COLUMN_SPECS.map((spec) => [spec.inProvider ? `provider.${spec.field}` : spec.field, spec.name]));

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0', '']);
const NUMBER = /^-?\d+(\.\d+)?$/;
const BASE_NOTATION = 'RELATION:Provider name/Version name';

/** Reads CSV text; never throws. */
export function parseInventoryCsv(content: string): ParsedInventoryFile {
  let table: string[][];
  try {
    // Both line ends are accepted, even mixed in one file; a lone CR stays in the cell.
    table = parse(content, { bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    return { records: [], errors: [fileError(describeCsvError(error))], rowCount: 0 };
  }

  const [header, ...lines] = table;
  if (header === undefined || isBlank(header)) {
    const reason =
      header === undefined
        ? 'the file is empty: it must start with a header row naming the columns'
        : 'the first row is empty: it must be the header row naming the columns';
    return { records: [], errors: [fileError(reason)], rowCount: 0 };
  }

  const rowCount = lines.reduce((count, cells) => (isBlank(cells) ? count : count + 1), 0);
  if (rowCount > MAX_IMPORT_ROWS) return tooManyRows(rowCount);

  const { specs, errors: headerErrors, missingRequired } = readHeader(header);
  if (missingRequired) {
    // Without a required column every row would fail the same way: report the header only.
    return { records: [], errors: headerErrors, rowCount };
  }

  const rows: RawRow[] = [];
  const entryNumbers = new Map<number, number[]>();
  lines.forEach((cells, index) => {
    if (isBlank(cells)) return;
    const row = index + 2;
    const { raw, baseEntryNumbers } = readRow(row, cells, specs, header.length);
    entryNumbers.set(row, baseEntryNumbers);
    rows.push(raw);
  });

  const { records, errors } = validateRows(
    rows,
    (path, row) => locateColumn(path, entryNumbers.get(row) ?? []),
    (name) => INVENTORY_CSV_COLUMNS.indexOf(name),
  );
  return { records, errors: [...headerErrors, ...errors], rowCount };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** A header cell: a known column, a column already reported (unknown or repeated), or a column without a name. */
type HeaderCell = ColumnSpec | 'reported' | null;

function readHeader(header: readonly string[]): { specs: HeaderCell[]; errors: RowError[]; missingRequired: boolean } {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const specs = header.map((cell): HeaderCell => {
    const name = cell.trim().toLowerCase();
    if (name === '') return null;
    const spec = specByName.get(name);
    if (spec === undefined) {
      errors.push(fileError(`is not a known column; the columns are ${INVENTORY_CSV_COLUMNS.join(', ')}`, cell.trim()));
      return 'reported';
    }
    if (seen.has(name)) {
      errors.push(fileError('appears more than once in the header', name));
      return 'reported';
    }
    seen.add(name);
    return spec;
  });
  const missing = COLUMN_SPECS.filter((spec) => spec.required && !seen.has(spec.name)).map((spec) => spec.name);
  if (missing.length > 0) {
    errors.push(fileError(`the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`));
  }
  return { specs, errors, missingRequired: missing.length > 0 };
}

function readRow(
  row: number,
  cells: readonly string[],
  specs: readonly HeaderCell[],
  headerLength: number,
): { raw: RawRow; baseEntryNumbers: number[] } {
  const errors: RowError[] = [];
  const provider: Record<string, unknown> = {};
  const value: Record<string, unknown> = { provider, modalities: [], bases: [], verified: false, retired: false };
  let baseEntryNumbers: number[] = [];

  cells.forEach((cell, index) => {
    const spec = specs[index];
    if (spec === 'reported') return;
    if (spec === undefined || spec === null) {
      if (cell.trim() !== '') {
        const where =
          index >= headerLength
            ? `cell ${index + 1}, beyond the ${headerLength} columns of the header`
            : `column ${index + 1}, which has no name in the header`;
        errors.push({ row, column: null, reason: `has a value in ${where}` });
      }
      return;
    }
    const fail = (reason: string) => errors.push({ row, column: spec.name, reason });
    const target = spec.inProvider ? provider : value;
    const text = cell.trim();
    switch (spec.kind) {
      case 'text':
        target[spec.field] = text === '' ? undefined : restoreFormula(text);
        break;
      case 'number':
        if (text === '') target[spec.field] = undefined;
        else if (NUMBER.test(text)) target[spec.field] = Number(text);
        else fail('must be a whole number written with digits only, such as 7000000000 (no separators or units)');
        break;
      case 'flag': {
        const word = text.toLowerCase();
        if (TRUE_WORDS.has(word)) target[spec.field] = true;
        else if (FALSE_WORDS.has(word)) target[spec.field] = false;
        else fail('must be true or false (yes/no and 1/0 are accepted too)');
        break;
      }
      case 'modalities':
        target[spec.field] = splitList(restoreFormula(text));
        break;
      case 'bases': {
        const bases: { provider: string; version: string; relation: string }[] = [];
        baseEntryNumbers = [];
        splitList(restoreFormula(text)).forEach((entry, entryIndex) => {
          const base = readBase(entry);
          if (base === null) {
            fail(`entry ${entryIndex + 1} "${entry}" must be written ${BASE_NOTATION}`);
          } else {
            bases.push(base);
            baseEntryNumbers.push(entryIndex + 1);
          }
        });
        target[spec.field] = bases;
        break;
      }
    }
  });
  return { raw: { row, value, errors }, baseEntryNumbers };
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** `RELATION:Provider name/Version name`; split at the first ":" and then the first "/". */
function readBase(entry: string): { provider: string; version: string; relation: string } | null {
  const colon = entry.indexOf(':');
  if (colon < 0) return null;
  const rest = entry.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  return { relation: entry.slice(0, colon).trim(), provider: rest.slice(0, slash).trim(), version: rest.slice(slash + 1).trim() };
}

const baseFieldLabels: Record<string, string> = { provider: 'provider', version: 'version', relation: 'relation' };

function locateColumn(
  path: readonly PropertyKey[],
  baseEntryNumbers: readonly number[],
): { column: string | null; prefix: string } {
  const [first, second, third] = path;
  if (first === 'provider') return { column: columnByField.get(`provider.${String(second ?? 'name')}`) ?? null, prefix: '' };
  const name = columnByField.get(String(first));
  if (name === undefined) return { column: null, prefix: '' };
  if (typeof second !== 'number') return { column: name, prefix: '' };
  const entry = first === 'bases' ? (baseEntryNumbers[second] ?? second + 1) : second + 1;
  const label = third === undefined ? '' : ` (${baseFieldLabels[String(third)] ?? String(third)})`;
  return { column: name, prefix: `entry ${entry}${label}: ` };
}

// csv-parse's messages speak of its options; say what is wrong in the file and where.
function describeCsvError(error: unknown): string {
  const details = (error ?? {}) as { code?: unknown; lines?: unknown };
  const line = typeof details.lines === 'number' ? ` (line ${details.lines} of the file)` : '';
  switch (details.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `the file is not valid CSV: a quoted cell is never closed${line}; a cell that starts with " must end with "`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `the file is not valid CSV: a quoted cell is followed by other text${line}; write a quote inside a quoted cell as ""`;
    case 'INVALID_OPENING_QUOTE':
      return `the file is not valid CSV: a quote appears inside an unquoted cell${line}; put the whole cell in quotes and write the quote as ""`;
    default:
      return `the file is not valid CSV${line}`;
  }
}

/** Writes the records as CSV with LF line ends, sorted, every text cell guarded against formula injection. */
export function serializeInventoryCsv(records: readonly InventoryRecord[]): string {
  const rows = sortedInventoryRecords(records).map((record) => COLUMN_SPECS.map((spec) => cellText(record, spec)));
  return stringify(rows, {
    header: true,
    columns: [...INVENTORY_CSV_COLUMNS],
    record_delimiter: 'unix',
    // csv-stringify quotes "\n" but not a lone "\r", which a reader would take for a line end.
    quoted_match: /\r/,
  });
}

function cellText(record: InventoryRecord, spec: ColumnSpec): string {
  const value: unknown = spec.inProvider
    ? record.provider[spec.field as keyof InventoryRecord['provider']]
    : record[spec.field as keyof InventoryRecord];
  switch (spec.kind) {
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    case 'flag':
      return value === true ? 'true' : 'false';
    case 'modalities':
      return record.modalities.join(';');
    case 'bases':
      return neutraliseFormula(record.bases.map((base) => `${base.relation}:${base.provider}/${base.version}`).join('; '));
    case 'text':
      return typeof value === 'string' ? neutraliseFormula(value) : '';
  }
}

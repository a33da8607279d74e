import { jsonErrorOffset } from './json-error.js';
import { sortedInventoryRecords, type InventoryRecord } from './record.js';
import {
  fileError,
  MAX_IMPORT_ROWS,
  tooManyRows,
  validateRows,
  type ParsedInventoryFile,
  type RawRow,
  type RowError,
} from './validate.js';

export const INVENTORY_FORMAT_VERSION = 1;

const TOP_LEVEL_KEYS = new Set(['formatVersion', 'modelVersions']);
const RECORD_KEYS = new Set([
  'provider',
  'familyName',
  'versionName',
  'developerCountry',
  'supplier',
  'distribution',
  'sourceUrl',
  'huggingFaceRepo',
  'revision',
  'weightsSha256',
  'releaseDate',
  'parameterCount',
  'modalities',
  'contextLength',
  'task',
  'modelCardUrl',
  'trainingDataUrl',
  'intendedUse',
  'limitations',
  'declaredLicense',
  'concludedLicense',
  'bases',
  'verified',
  'retired',
]);
const PROVIDER_KEYS = new Set(['name', 'legalEntity', 'headquartersCountry', 'type', 'website']);
const BASE_KEYS = new Set(['provider', 'version', 'relation']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `provider.headquartersCountry`, `bases[0].relation`. */
export function jsonPath(path: readonly PropertyKey[]): string | null {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? null : text;
}

/** Reads the JSON format; never throws. */
export function parseInventoryJson(content: string): ParsedInventoryFile {
  const text = content.replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { records: [], errors: [fileError(describeJsonError(text))], rowCount: 0 };
  }
  if (!isObject(document)) {
    return {
      records: [],
      errors: [fileError('the file must hold an object: { "formatVersion": 1, "modelVersions": [...] }')],
      rowCount: 0,
    };
  }

  const fileErrors: RowError[] = [];
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.has(key)) fileErrors.push(fileError('is not a known field', key));
  }
  if (document.formatVersion !== INVENTORY_FORMAT_VERSION) {
    fileErrors.push(
      fileError(
        document.formatVersion === undefined ? 'is required and must be 1' : 'must be 1, the only format version',
        'formatVersion',
      ),
    );
  }
  const list = document.modelVersions;
  if (!Array.isArray(list)) {
    fileErrors.push(fileError(list === undefined ? 'is required' : 'must be a list', 'modelVersions'));
    return { records: [], errors: fileErrors, rowCount: 0 };
  }
  if (list.length > MAX_IMPORT_ROWS) return tooManyRows(list.length);
  if (fileErrors.some((error) => error.column === 'formatVersion')) {
    // A file of another format version would fail in confusing ways: report the version only.
    return { records: [], errors: fileErrors, rowCount: list.length };
  }

  const rows: RawRow[] = list.map((value: unknown, index) => {
    const row = index + 1;
    return { row, value, errors: unknownKeys(row, value) };
  });
  const { records, errors } = validateRows(rows, (path) => ({ column: jsonPath(path), prefix: '' }), fieldOrder);
  return { records, errors: [...fileErrors, ...errors], rowCount: list.length };
}

const recordKeyOrder = [...RECORD_KEYS];

// Unknown keys first, then the record's fields in file order (provider first).
function fieldOrder(path: string): number {
  const top = /^[^.[]+/.exec(path)?.[0] ?? '';
  const index = recordKeyOrder.indexOf(top);
  return index < 0 ? -1 : index;
}

function unknownKeys(row: number, value: unknown): RowError[] {
  if (!isObject(value)) return []; // the schema reports it
  const errors: RowError[] = [];
  const check = (object: unknown, known: ReadonlySet<string>, path: readonly PropertyKey[]) => {
    if (!isObject(object)) return;
    for (const key of Object.keys(object)) {
      if (!known.has(key)) errors.push({ row, column: jsonPath([...path, key]), reason: 'is not a known field' });
    }
  };
  check(value, RECORD_KEYS, []);
  check(value.provider, PROVIDER_KEYS, ['provider']);
  if (Array.isArray(value.bases)) value.bases.forEach((base: unknown, index) => check(base, BASE_KEYS, ['bases', index]));
  return errors;
}

function describeJsonError(content: string): string {
  if (content.trim() === '') return 'the file is empty';
  const offset = jsonErrorOffset(content);
  if (offset === null) return 'the file is not valid JSON';
  if (offset >= content.length) return 'the file is not valid JSON: it ends before the document is complete';
  const lines = content.slice(0, offset).split('\n');
  return `the file is not valid JSON: the error is at line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** `{ "formatVersion": 1, "modelVersions": [...] }` with 2-space indentation and a final newline. */
export function serializeInventoryJson(records: readonly InventoryRecord[]): string {
  return `${JSON.stringify({ formatVersion: INVENTORY_FORMAT_VERSION, modelVersions: sortedInventoryRecords(records) }, null, 2)}\n`;
}

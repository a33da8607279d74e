import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Distribution, LineageRelation, Modality, ProviderType } from '../inventory/enums.js';
import { jsonErrorOffset } from './json-error.js';
import {
  inventoryRecordKey,
  parseInventoryFile,
  serializeInventory,
  sortedInventoryRecords,
  type InventoryRecord,
  type TransferFormat,
} from './index.js';

const formats: TransferFormat[] = ['CSV', 'JSON'];

// Pieces that stress quoting, escaping and the formula guard, mixed with arbitrary Unicode text.
const awkward = fc.constantFrom(
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  "'",
  '=',
  '+',
  '-',
  '@',
  '\t',
  ' ',
  ':',
  '/',
  ';',
  '=SUM(A1)',
  "'=1",
  'Zürich',
  '北京',
  '🦙',
  'e\u0301',
);
const rawText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), awkward), { maxLength: 6 })
  .map((parts) => parts.join(''));
// Valid records are what the schema outputs: trimmed, never empty.
const text = (forbidden: RegExp | null = null) =>
  rawText.map((value) => (forbidden ? value.replace(forbidden, '') : value).trim()).filter((value) => value !== '');
const optionalText = fc.option(text(), { nil: null });
const country = fc.constantFrom('US', 'CN', 'FR', 'DE', 'AE', 'IL');
const url = fc.option(
  fc.constantFrom('https://example.com/', 'http://example.org/a/b?c=1,2&d=%22x%22', 'https://huggingface.co/x'),
  {
    nil: null,
  },
);
const providerName = text(/[/;]/g);
const versionName = text(/;/g);
const positive = fc.option(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { nil: null });
const releaseDate = fc.option(
  fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  { nil: null },
);
const spdx = fc.constantFrom(
  'Apache-2.0',
  'MIT OR Apache-2.0',
  'LicenseRef-Llama-3.1',
  'GPL-2.0-only WITH Classpath-exception-2.0',
);
const sha256 = fc.stringMatching(/^[0-9a-f]{64}$/);

const provider = fc.record({
  name: providerName,
  legalEntity: text(),
  headquartersCountry: country,
  type: fc.constantFrom(...Object.values(ProviderType)),
  website: url,
});
const base = fc.record({
  provider: providerName,
  version: versionName,
  relation: fc.constantFrom(...Object.values(LineageRelation)),
});

const versionFields = fc.record({
  familyName: text(),
  versionName,
  developerCountry: country,
  supplier: text(),
  distribution: fc.constantFrom(...Object.values(Distribution)),
  sourceUrl: url,
  huggingFaceRepo: fc.option(fc.constantFrom('meta-llama/Llama-3.1-8B', 'Qwen/Qwen2.5-7B'), { nil: null }),
  revision: optionalText,
  weightsSha256: fc.option(sha256, { nil: null }),
  releaseDate,
  parameterCount: positive,
  modalities: fc.uniqueArray(fc.constantFrom(...Object.values(Modality)), { minLength: 1 }),
  contextLength: positive,
  task: optionalText,
  modelCardUrl: url,
  trainingDataUrl: url,
  intendedUse: optionalText,
  limitations: optionalText,
  declaredLicense: spdx,
  concludedLicense: fc.option(spdx, { nil: null }),
  bases: fc.uniqueArray(base, { maxLength: 4, selector: (entry) => inventoryRecordKey(entry) }),
  verified: fc.boolean(),
  retired: fc.boolean(),
});

/** Valid files: unique keys, one set of details per provider, no self-reference, no hash on API-only models. */
const inventory = fc.uniqueArray(provider, { minLength: 1, maxLength: 3, selector: (entry) => entry.name }).chain((providers) =>
  fc.uniqueArray(
    fc.tuple(fc.nat({ max: providers.length - 1 }), versionFields).map(([index, fields]): InventoryRecord => {
      const owner = providers[index] ?? providers[0]!;
      return {
        provider: owner,
        ...fields,
        weightsSha256: fields.distribution === 'API_ONLY' ? null : fields.weightsSha256,
        bases: fields.bases.filter((entry) => entry.provider !== owner.name || entry.version !== fields.versionName),
      };
    }),
    { maxLength: 6, selector: (record) => inventoryRecordKey(record) },
  ),
);

describe('inventory file round trip', () => {
  it.each(formats)('%s: parsing what was serialized gives back the records, in canonical form', (format) => {
    fc.assert(
      fc.property(inventory, (records) => {
        const text = serializeInventory(records, format);
        const parsed = parseInventoryFile(text, format);
        expect(parsed.errors).toEqual([]);
        expect(parsed.rowCount).toBe(records.length);
        expect(parsed.records).toEqual(sortedInventoryRecords(records));
        expect(serializeInventory(parsed.records, format)).toBe(text);
      }),
    );
  });

  it('CSV and JSON hold the same records', () => {
    fc.assert(
      fc.property(inventory, (records) => {
        const fromCsv = parseInventoryFile(serializeInventory(records, 'CSV'), 'CSV').records;
        expect(serializeInventory(fromCsv, 'JSON')).toBe(serializeInventory(records, 'JSON'));
      }),
      { numRuns: 50 },
    );
  });

  it('CSV with a BOM and a CRLF line end among LF ones gives the same records', () => {
    fc.assert(
      fc.property(inventory, (records) => {
        const text = serializeInventory(records, 'CSV');
        const lines = text.split('\n');
        const windows = `\uFEFF${lines.slice(0, 1).join('')}\r\n${lines.slice(1).join('\n')}`;
        const parsed = parseInventoryFile(windows, 'CSV');
        expect(parsed.errors).toEqual([]);
        expect(parsed.records).toEqual(sortedInventoryRecords(records));
      }),
      { numRuns: 30 },
    );
  });

  it.each(formats)('%s: never throws, whatever the content', (format) => {
    fc.assert(
      fc.property(inventory, fc.nat(), fc.string({ maxLength: 3 }), (records, at, insert) => {
        const valid = serializeInventory(records, format);
        const position = at % (valid.length + 1);
        const result = parseInventoryFile(valid.slice(0, position) + insert + valid.slice(position), format);
        expect(result.records.length).toBeLessThanOrEqual(result.rowCount);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (content) => {
        const result = parseInventoryFile(content, format);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
    );
  });
});

describe('jsonErrorOffset', () => {
  it('finds no error in valid JSON', () => {
    fc.assert(fc.property(fc.json(), (json) => expect(jsonErrorOffset(json)).toBeNull()));
  });

  it('points at the first character JSON.parse cannot accept', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "b\nc"}')).toBe(8);
    expect(jsonErrorOffset('[01]')).toBe(2);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });
});

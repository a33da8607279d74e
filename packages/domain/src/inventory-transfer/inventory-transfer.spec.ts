import { describe, expect, it } from '@jest/globals';
import { csvCells, csvFile, inventoryRecord } from './fixtures.js';
import {
  detectTransferFormat,
  INVENTORY_CSV_COLUMNS,
  inventoryRecordKey,
  MAX_IMPORT_ROWS,
  parseInventoryFile,
  serializeInventory,
  type InventoryRecord,
} from './index.js';

const base = { provider: 'Meta', version: 'Llama-3.1-8B', relation: 'FINE_TUNE' } as const;

function jsonFile(modelVersions: unknown[]): string {
  return JSON.stringify({ formatVersion: 1, modelVersions });
}

describe('serializeInventory', () => {
  it('writes JSON with the format version, 2-space indentation and a final newline', () => {
    const text = serializeInventory([inventoryRecord()], 'JSON');
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "modelVersions": [\n    {\n      "provider": {\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ formatVersion: 1, modelVersions: [inventoryRecord()] });
  });

  it('writes the CSV header in the documented column order, with LF line ends', () => {
    const text = serializeInventory([inventoryRecord()], 'CSV');
    const [header] = text.split('\n');
    expect(header).toBe(INVENTORY_CSV_COLUMNS.join(','));
    expect(INVENTORY_CSV_COLUMNS).toHaveLength(28);
    expect(text).not.toContain('\r\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes only the header for no records', () => {
    expect(serializeInventory([], 'CSV')).toBe(`${INVENTORY_CSV_COLUMNS.join(',')}\n`);
    expect(serializeInventory([], 'JSON')).toBe('{\n  "formatVersion": 1,\n  "modelVersions": []\n}\n');
  });

  it('sorts records by provider then version, bases by provider then version, modalities in enum order', () => {
    const records = [
      inventoryRecord({ versionName: 'b' }),
      inventoryRecord({ provider: { ...inventoryRecord().provider, name: 'Alibaba' }, versionName: 'z' }),
      inventoryRecord({
        versionName: 'B',
        modalities: ['CODE', 'TEXT', 'IMAGE'],
        bases: [
          { provider: 'Meta', version: 'y', relation: 'MERGE' },
          { provider: 'Alibaba', version: 'x', relation: 'MERGE' },
          { provider: 'Meta', version: 'a', relation: 'MERGE' },
        ],
      }),
    ];
    const parsed = JSON.parse(serializeInventory(records, 'JSON')) as { modelVersions: InventoryRecord[] };
    expect(parsed.modelVersions.map((record) => `${record.provider.name}/${record.versionName}`)).toEqual([
      'Alibaba/z',
      'Meta/B',
      'Meta/b',
    ]);
    expect(parsed.modelVersions[1]?.modalities).toEqual(['TEXT', 'IMAGE', 'CODE']);
    expect(parsed.modelVersions[1]?.bases.map((entry) => `${entry.provider}/${entry.version}`)).toEqual([
      'Alibaba/x',
      'Meta/a',
      'Meta/y',
    ]);

    const csv = serializeInventory(records, 'CSV');
    expect(csv).toContain(',TEXT;IMAGE;CODE,');
    expect(csv).toContain(',MERGE:Alibaba/x; MERGE:Meta/a; MERGE:Meta/y,');
    expect(serializeInventory([...records].reverse(), 'CSV')).toBe(csv);
  });

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe, numbers as they are', () => {
    const csv = serializeInventory(
      [inventoryRecord({ familyName: '=HYPERLINK("http://evil")', task: '+1', intendedUse: '@SUM(A1)', limitations: "'-x" })],
      'CSV',
    );
    const row = csv.split('\n')[1] ?? '';
    expect(row).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(row).toContain(",'+1,");
    expect(row).toContain(",'@SUM(A1),");
    expect(row).toContain(",''-x,");
    expect(row).toContain(',8030000000,');
    expect(parseInventoryFile(csv, 'CSV').records[0]).toMatchObject({
      familyName: '=HYPERLINK("http://evil")',
      task: '+1',
      intendedUse: '@SUM(A1)',
      limitations: "'-x",
    });
  });
});

describe('parseInventoryFile (CSV)', () => {
  it('reads a valid file into records', () => {
    const result = parseInventoryFile(csvFile([csvCells()]), 'CSV');
    expect(result.errors).toEqual([]);
    expect(result.rowCount).toBe(1);
    expect(result.records).toEqual([
      inventoryRecord({
        provider: { ...inventoryRecord().provider, legalEntity: 'Meta Platforms Inc.' },
        sourceUrl: null,
        revision: null,
        task: null,
        intendedUse: null,
      }),
    ]);
  });

  it('accepts a BOM, CRLF line ends, header names in any case and order, and leaves out optional columns', () => {
    const header = [' Version_Name ', 'PROVIDER_NAME', 'provider_legal_entity', 'provider_country', 'provider_type'].concat([
      'family_name',
      'developer_country',
      'supplier',
      'distribution',
      'modalities',
      'declared_license',
    ]);
    const cells = csvCells({ version_name: 'v1' });
    const file = `\uFEFF${header.join(',')}\r\n${header.map((name) => cells[name.trim().toLowerCase()]).join(',')}\r\n`;
    const result = parseInventoryFile(file, 'CSV');
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({
      versionName: 'v1',
      provider: { name: 'Meta', website: null },
      parameterCount: null,
      bases: [],
      verified: false,
      retired: false,
    });
  });

  it('reads lists with spaces around separators, booleans in several spellings, and removes the formula guard', () => {
    const rows = [
      csvCells({
        version_name: 'a',
        modalities: ' IMAGE ; TEXT; ',
        bases: 'MERGE : Meta / x/y ;MERGE:Mistral AI/Mistral-7B',
        verified: 'YES',
        retired: '1',
      }),
      csvCells({ version_name: 'b', verified: 'no', retired: '', task: "'=1+1", limitations: "'plain" }),
    ];
    const result = parseInventoryFile(csvFile(rows), 'CSV');
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({
      modalities: ['TEXT', 'IMAGE'],
      bases: [
        { provider: 'Meta', version: 'x/y', relation: 'MERGE' },
        { provider: 'Mistral AI', version: 'Mistral-7B', relation: 'MERGE' },
      ],
      verified: true,
      retired: true,
    });
    expect(result.records[1]).toMatchObject({ verified: false, retired: false, task: '=1+1', limitations: "'plain" });
  });

  it('skips blank lines but keeps spreadsheet row numbers, and tolerates rows that stop early', () => {
    const good = csvFile([csvCells({ version_name: 'a' })]).trimEnd();
    const short = Object.values(csvCells({ version_name: 'b', verified: '', retired: '' }))
      .slice(0, 26)
      .join(',');
    const file = `${good}\n\n,,,\n${short}\n${Object.values(csvCells({ version_name: 'c', family_name: '' })).join(',')}\n`;
    const result = parseInventoryFile(file, 'CSV');
    expect(result.rowCount).toBe(3);
    expect(result.records.map((record) => record.versionName)).toEqual(['a', 'b']);
    expect(result.errors).toEqual([{ row: 6, column: 'family_name', reason: 'is required' }]);
  });

  it('reports every error of every row with its spreadsheet row and column', () => {
    const rows = [
      csvCells({ version_name: 'ok' }),
      csvCells({ version_name: 'bad-country', provider_country: 'US', developer_country: 'XX' }),
      csvCells({ version_name: 'bad-license', declared_license: 'Apache 2.0' }),
      csvCells({ version_name: 'negative', parameter_count: '-5', context_length: '"1,000"' }),
      csvCells({ version_name: 'bad-enum', distribution: 'DOWNLOAD', modalities: 'TEXT;SMELL', bases: 'FORK:Meta/x' }),
      csvCells({ version_name: '', family_name: '   ' }),
      csvCells({ version_name: 'flags', verified: 'maybe', bases: 'FINE_TUNE Meta/x; MERGE:Meta' }),
    ];
    const result = parseInventoryFile(csvFile(rows), 'CSV');
    expect(result.rowCount).toBe(7);
    expect(result.records.map((record) => record.versionName)).toEqual(['ok']);
    expect(result.errors).toEqual([
      { row: 3, column: 'developer_country', reason: expect.stringContaining('must be an ISO 3166-1 alpha-2 country code') },
      { row: 4, column: 'declared_license', reason: expect.stringContaining('must be a valid SPDX expression') },
      { row: 5, column: 'parameter_count', reason: 'must be greater than 0' },
      {
        row: 5,
        column: 'context_length',
        reason: 'must be a whole number written with digits only, such as 7000000000 (no separators or units)',
      },
      { row: 6, column: 'distribution', reason: 'must be one of OPEN_WEIGHTS, API_ONLY, BOTH' },
      { row: 6, column: 'modalities', reason: 'entry 2: must be one of TEXT, IMAGE, AUDIO, VIDEO, CODE, EMBEDDING' },
      {
        row: 6,
        column: 'bases',
        reason: 'entry 1 (relation): must be one of FINE_TUNE, ADAPTER, QUANTIZATION, MERGE, DISTILLATION',
      },
      { row: 7, column: 'family_name', reason: 'is required' },
      { row: 7, column: 'version_name', reason: 'is required' },
      { row: 8, column: 'bases', reason: 'entry 1 "FINE_TUNE Meta/x" must be written RELATION:Provider name/Version name' },
      { row: 8, column: 'bases', reason: 'entry 2 "MERGE:Meta" must be written RELATION:Provider name/Version name' },
      { row: 8, column: 'verified', reason: 'must be true or false (yes/no and 1/0 are accepted too)' },
    ]);
  });

  it('reports a bad provider country in provider_country', () => {
    const result = parseInventoryFile(csvFile([csvCells({ provider_country: 'Germany' })]), 'CSV');
    expect(result.errors).toEqual([
      { row: 2, column: 'provider_country', reason: expect.stringContaining('"GERMANY" is not an assigned code') },
    ]);
  });

  it('reports the same provider and version twice on the later row, naming the earlier one', () => {
    const result = parseInventoryFile(
      csvFile([
        csvCells({ version_name: 'a' }),
        csvCells({ version_name: 'b' }),
        csvCells({ version_name: ' a ', parameter_count: 'x' }),
      ]),
      'CSV',
    );
    expect(result.records.map((record) => record.versionName)).toEqual(['a', 'b']);
    expect(result.errors).toEqual([
      { row: 4, column: 'parameter_count', reason: expect.stringContaining('must be a whole number') },
      { row: 4, column: null, reason: 'repeats provider "Meta" version "a" of row 2' },
    ]);
  });

  it('treats names that differ in case as different versions', () => {
    const result = parseInventoryFile(csvFile([csvCells({ version_name: 'a' }), csvCells({ version_name: 'A' })]), 'CSV');
    expect(result.errors).toEqual([]);
  });

  it('reports provider details that differ from the provider’s first row', () => {
    const result = parseInventoryFile(
      csvFile([
        csvCells({ version_name: 'a' }),
        csvCells({ version_name: 'b', provider_country: 'IE', provider_website: '' }),
        csvCells({ version_name: 'c', provider_name: 'Mistral AI', provider_country: 'FR' }),
      ]),
      'CSV',
    );
    expect(result.records.map((record) => record.versionName)).toEqual(['a', 'c']);
    expect(result.errors).toEqual([
      { row: 3, column: 'provider_country', reason: 'must be the same on every row of provider "Meta": row 2 has "US"' },
      {
        row: 3,
        column: 'provider_website',
        reason: 'must be the same on every row of provider "Meta": row 2 has "https://ai.meta.com"',
      },
    ]);
  });

  it('reports a version that lists itself as a base, and weights hashes on API-only models', () => {
    const result = parseInventoryFile(
      csvFile([
        csvCells({ version_name: 'self', bases: 'MERGE:Meta/x; FINE_TUNE:Meta/self' }),
        csvCells({ version_name: 'api', distribution: 'API_ONLY', weights_sha256: 'a'.repeat(64) }),
      ]),
      'CSV',
    );
    expect(result.errors).toEqual([
      { row: 2, column: 'bases', reason: 'entry 2: must not be the model version itself' },
      { row: 3, column: 'weights_sha256', reason: 'must be empty for a model offered only through an API' },
    ]);
  });

  it('reports an unknown column by name and still checks the rows', () => {
    const columns = [...INVENTORY_CSV_COLUMNS, 'notes'];
    const result = parseInventoryFile(
      csvFile([csvCells({ notes: 'x' }), csvCells({ version_name: 'b', family_name: '' })], columns),
      'CSV',
    );
    expect(result.errors).toEqual([
      { row: 0, column: 'notes', reason: expect.stringContaining('is not a known column; the columns are provider_name, ') },
      { row: 3, column: 'family_name', reason: 'is required' },
    ]);
  });

  it('reports missing required columns in one file-level error, and no row errors', () => {
    const columns = INVENTORY_CSV_COLUMNS.filter((name) => name !== 'developer_country' && name !== 'declared_license');
    const result = parseInventoryFile(csvFile([csvCells()], columns), 'CSV');
    expect(result).toEqual({
      records: [],
      rowCount: 1,
      errors: [{ row: 0, column: null, reason: 'the header lacks the required columns developer_country, declared_license' }],
    });
  });

  it('reports a column named twice and values in cells without a column', () => {
    const file = `${INVENTORY_CSV_COLUMNS.join(',')},task\n${Object.values(csvCells()).join(',')},,extra\n`;
    expect(parseInventoryFile(file, 'CSV').errors).toEqual([
      { row: 0, column: 'task', reason: 'appears more than once in the header' },
      { row: 2, column: null, reason: 'has a value in cell 30, beyond the 29 columns of the header' },
    ]);
  });

  it('reports malformed CSV as a file-level error without throwing', () => {
    const file = `${csvFile([csvCells({ version_name: 'a' })])}${Object.values(csvCells({ task: '"unclosed' })).join(',')}\n`;
    expect(parseInventoryFile(file, 'CSV')).toEqual({
      records: [],
      rowCount: 0,
      errors: [
        {
          row: 0,
          column: null,
          reason:
            'the file is not valid CSV: a quoted cell is never closed (line 3 of the file); a cell that starts with " must end with "',
        },
      ],
    });
    expect(parseInventoryFile('a,b"c\n', 'CSV').errors).toEqual([
      {
        row: 0,
        column: null,
        reason:
          'the file is not valid CSV: a quote appears inside an unquoted cell (line 1 of the file); put the whole cell in quotes and write the quote as ""',
      },
    ]);
  });

  it('reports an empty file', () => {
    expect(parseInventoryFile('', 'CSV').errors).toEqual([
      { row: 0, column: null, reason: 'the file is empty: it must start with a header row naming the columns' },
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows before checking them`, () => {
    const line = Object.values(csvCells({ version_name: '' })).join(',');
    const file = `${INVENTORY_CSV_COLUMNS.join(',')}\n${`${line}\n`.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(parseInventoryFile(file, 'CSV')).toEqual({
      records: [],
      rowCount: MAX_IMPORT_ROWS + 1,
      errors: [{ row: 0, column: null, reason: 'the file holds 50001 records; at most 50000 can be imported at once' }],
    });
  });
});

describe('parseInventoryFile (JSON)', () => {
  it('reads a valid file, filling omitted optional fields', () => {
    const { bases, verified, retired, limitations, ...rest } = inventoryRecord();
    void [bases, verified, retired, limitations];
    const result = parseInventoryFile(jsonFile([rest]), 'JSON');
    expect(result).toEqual({ records: [inventoryRecord({ bases: [] })], errors: [], rowCount: 1 });
  });

  it('reports errors with the record index and the field path', () => {
    const result = parseInventoryFile(
      jsonFile([
        inventoryRecord({ versionName: 'ok' }),
        { ...inventoryRecord({ versionName: 'a' }), provider: { ...inventoryRecord().provider, headquartersCountry: 'XX' } },
        inventoryRecord({ versionName: 'b', bases: [{ ...base, relation: 'FORK' as 'MERGE' }], parameterCount: -1 }),
        { ...inventoryRecord({ versionName: 'c' }), familyName: undefined, declaredLicense: 'GPL', colour: 'red' },
        'not a record',
        inventoryRecord({ versionName: 'ok' }),
      ]),
      'JSON',
    );
    expect(result.rowCount).toBe(6);
    expect(result.records.map((record) => record.versionName)).toEqual(['ok']);
    expect(result.errors).toEqual([
      { row: 2, column: 'provider.headquartersCountry', reason: expect.stringContaining('"XX" is not an assigned code') },
      { row: 3, column: 'parameterCount', reason: 'must be greater than 0' },
      { row: 3, column: 'bases[0].relation', reason: expect.stringContaining('must be one of FINE_TUNE,') },
      { row: 4, column: 'colour', reason: 'is not a known field' },
      { row: 4, column: 'familyName', reason: 'is required' },
      { row: 4, column: 'declaredLicense', reason: expect.stringContaining('must be a valid SPDX expression') },
      { row: 5, column: null, reason: 'must be an object' },
      { row: 6, column: null, reason: 'repeats provider "Meta" version "ok" of row 1' },
    ]);
  });

  it('reports a missing nested object and wrong types in words, not JavaScript types', () => {
    const result = parseInventoryFile(
      jsonFile([{ ...inventoryRecord(), provider: undefined, modalities: 'TEXT', verified: 'yes' }]),
      'JSON',
    );
    expect(result.errors).toEqual([
      { row: 1, column: 'provider', reason: 'is required' },
      { row: 1, column: 'modalities', reason: 'must be a list' },
      { row: 1, column: 'verified', reason: 'must be true or false' },
    ]);
  });

  it('reports invalid JSON with its place in the file, without throwing', () => {
    expect(parseInventoryFile('{\n  "formatVersion": 1,\n  "modelVersions": [}\n', 'JSON').errors).toEqual([
      { row: 0, column: null, reason: 'the file is not valid JSON: the error is at line 3, column 21' },
    ]);
    expect(parseInventoryFile('{"formatVersion": 1, "modelVersions": [', 'JSON').errors).toEqual([
      { row: 0, column: null, reason: expect.stringContaining('the file is not valid JSON') },
    ]);
  });

  it('reports a wrong top-level shape', () => {
    expect(parseInventoryFile('[]', 'JSON').errors).toEqual([
      { row: 0, column: null, reason: 'the file must hold an object: { "formatVersion": 1, "modelVersions": [...] }' },
    ]);
    expect(parseInventoryFile('{"formatVersion": 2, "modelVersions": [{}], "extra": true}', 'JSON')).toEqual({
      records: [],
      rowCount: 1,
      errors: [
        { row: 0, column: 'extra', reason: 'is not a known field' },
        { row: 0, column: 'formatVersion', reason: 'must be 1, the only format version' },
      ],
    });
    expect(parseInventoryFile('{"modelVersions": {}}', 'JSON').errors).toEqual([
      { row: 0, column: 'formatVersion', reason: 'is required and must be 1' },
      { row: 0, column: 'modelVersions', reason: 'must be a list' },
    ]);
  });

  it('accepts a leading BOM', () => {
    expect(parseInventoryFile(`\uFEFF${serializeInventory([inventoryRecord()], 'JSON')}`, 'JSON').errors).toEqual([]);
  });
});

describe('detectTransferFormat', () => {
  it('recognises .csv and .json in any case', () => {
    expect(detectTransferFormat('inventory.csv')).toBe('CSV');
    expect(detectTransferFormat('C:\\exports\\Inventory.JSON')).toBe('JSON');
    expect(detectTransferFormat('inventory.xlsx')).toBeNull();
    expect(detectTransferFormat('csv')).toBeNull();
  });
});

describe('inventoryRecordKey', () => {
  it('is provider name and version name, trimmed and case-sensitive, the same for records and bases', () => {
    expect(inventoryRecordKey(inventoryRecord({ versionName: ' Llama-3.1-8B ' }))).toBe('Meta/Llama-3.1-8B');
    expect(inventoryRecordKey(base)).toBe('Meta/Llama-3.1-8B');
    expect(inventoryRecordKey({ provider: 'meta', version: 'Llama-3.1-8B' })).not.toBe(inventoryRecordKey(base));
  });
});

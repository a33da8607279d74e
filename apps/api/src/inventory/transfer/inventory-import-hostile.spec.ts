import { deflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { serializeInventory, type InventoryRecord } from '@modelgate/domain/inventory-transfer';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../../testing/test-app.js';
import { MAX_IMPORT_CHARACTERS } from './inventory-transfer.resolver.js';

const IMPORT = `mutation ($input: ImportInventoryInput!) {
  importInventory(input: $input) { ok rowCount created errors { row column reason } }
}`;
const EXPORT = `query ($format: TransferFormat!) { inventoryExport(format: $format) { content } }`;

type ImportResult = {
  ok: boolean;
  rowCount: number;
  created: number;
  errors: { row: number; column: string | null; reason: string }[];
};

const HOSTILE = {
  // Provider names may not hold "/" (nor ";"), so no closing tag here.
  provider: '<img src=x onerror=alert(1)> AI',
  version: "=cmd|' /C calc'!A0",
  intendedUse: "@SUM(1+1)*cmd|' /C calc'!A0",
  limitations: '+1 <img src=x onerror="alert(1)">',
} as const;

function record(overrides: Partial<InventoryRecord> = {}): InventoryRecord {
  return {
    provider: { name: HOSTILE.provider, legalEntity: 'Hostile Labs', headquartersCountry: 'FR', type: 'COMPANY', website: null },
    familyName: 'Hostile',
    versionName: HOSTILE.version,
    developerCountry: 'FR',
    supplier: 'Hugging Face',
    distribution: 'API_ONLY',
    sourceUrl: null,
    huggingFaceRepo: null,
    revision: null,
    weightsSha256: null,
    releaseDate: null,
    parameterCount: null,
    modalities: ['TEXT'],
    contextLength: null,
    task: null,
    modelCardUrl: null,
    trainingDataUrl: null,
    intendedUse: HOSTILE.intendedUse,
    limitations: HOSTILE.limitations,
    declaredLicense: 'Apache-2.0',
    concludedLicense: null,
    bases: [],
    verified: false,
    retired: false,
    ...overrides,
  };
}

/** A zip (as an .xlsx is) whose one entry inflates to 10 MiB, read as text the way a browser would send it. */
function zipAsText(): string {
  const deflated = deflateRawSync(Buffer.alloc(10 * 1024 * 1024), { level: 9 });
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(deflated.length, 18);
  header.writeUInt32LE(10 * 1024 * 1024, 22);
  header.writeUInt16LE(19, 26);
  return Buffer.concat([header, Buffer.from('xl/worksheets/a.xml'), deflated]).toString('latin1');
}

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('inventory import under hostile files', () => {
  let api: TestApp;
  let officer: TestSession;

  const counts = async () => {
    const tables = await api.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'session', 'audit_event')`,
    );
    const rows = await api.prisma.$queryRawUnsafe<{ name: string; rows: number }[]>(
      [
        ...tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows FROM "${name}"`),
        `SELECT 'audit_event (changes)' AS name, count(*)::int AS rows FROM audit_event WHERE outcome = 'SUCCESS'`,
      ].join(' UNION ALL '),
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.rows]));
  };
  const importFile = (content: string, format: string, dryRun = false) =>
    api.graphql<{ importInventory: ImportResult }>(IMPORT, { input: { content, format, dryRun } }, officer);
  const resultOf = (response: GraphqlResponse<{ importInventory: ImportResult }>) => {
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.importInventory;
  };

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.signInAs(Role.ComplianceOfficer);
  });
  afterAll(() => api.close());

  it('accepts only CSV and JSON text: no archive or spreadsheet format to unpack', async () => {
    const response = await importFile('PK', 'XLSX');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a zip bomb or spreadsheet read as text (it holds NULs), and reads other binary as a broken file, writing nothing', async () => {
    const before = await counts();
    for (const format of ['CSV', 'JSON']) {
      const zip = await importFile(zipAsText(), format);
      expect(zip.body.errors?.[0]?.extensions).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'input.content', reason: 'must not contain NUL characters' }],
      });
      const binary = resultOf(await importFile(zipAsText().replaceAll('\u0000', ''), format));
      expect({ format, ok: binary.ok, created: binary.created }).toEqual({ format, ok: false, created: 0 });
      expect(binary.errors.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses NUL characters and files over 16 MiB before reading them', async () => {
    const before = await counts();
    const withNul = await importFile(`${serializeInventory([record()], 'CSV')}\u0000`, 'CSV');
    expect(withNul.body.errors?.[0]?.extensions).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'input.content', reason: 'must not contain NUL characters' }],
    });
    const tooLarge = await importFile('a'.repeat(MAX_IMPORT_CHARACTERS + 1), 'CSV');
    expect(tooLarge.body.errors?.[0]?.extensions).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'input.content', reason: 'is larger than 16 MiB: split the file' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('reports deeply nested and unbalanced JSON as a file error, never a crash', async () => {
    const before = await counts();
    for (const content of [
      nested(100_000),
      '['.repeat(100_000),
      `{"modelVersions": ${nested(5_000)}}`,
      '{"modelVersions": [{"provider": ',
    ]) {
      const result = resultOf(await importFile(content, 'JSON'));
      expect({ ok: result.ok, created: result.created }).toEqual({ ok: false, created: 0 });
      expect(result.errors.length).toBeGreaterThan(0);
    }
    const unbalanced = resultOf(await importFile(`${serializeInventory([record()], 'CSV')}"unterminated,quote\n`, 'CSV'));
    expect(unbalanced.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('stores names that are markup or formulas as text, and exports them neutralised for spreadsheets', async () => {
    const result = resultOf(await importFile(serializeInventory([record()], 'JSON'), 'JSON'));
    expect(result).toMatchObject({ ok: true, created: 1, errors: [] });
    const stored = await api.prisma.modelVersion.findFirstOrThrow({
      where: { versionName: HOSTILE.version },
      select: { intendedUse: true, limitations: true, provider: { select: { name: true } } },
    });
    expect(stored).toEqual({
      intendedUse: HOSTILE.intendedUse,
      limitations: HOSTILE.limitations,
      provider: { name: HOSTILE.provider },
    });

    const csv = await api.graphql<{ inventoryExport: { content: string } }>(EXPORT, { format: 'CSV' }, officer);
    const content = csv.body.data!.inventoryExport.content;
    // Each formula-looking cell starts with an apostrophe, which spreadsheets show as text and never run.
    const [header, row]: string[][] = parse(content);
    const cell = (column: string) => row![header!.indexOf(column)];
    expect([cell('provider_name'), cell('version_name'), cell('intended_use'), cell('limitations')]).toEqual([
      HOSTILE.provider,
      `'${HOSTILE.version}`,
      `'${HOSTILE.intendedUse}`,
      `'${HOSTILE.limitations}`,
    ]);
    expect(row!.filter((value) => /^[=+\-@\t\r]/.test(value))).toEqual([]);
    // Imported again, the apostrophes come off: the export round-trips to the same records.
    const again = resultOf(await importFile(content, 'CSV', true));
    expect(again).toMatchObject({ ok: true, created: 0, errors: [] });
  });
});

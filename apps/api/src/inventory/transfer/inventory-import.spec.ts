import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { serializeInventory, type InventoryRecord } from '@modelgate/domain/inventory-transfer';
import { startTestApp, type TestApp, type TestSession } from '../../testing/test-app.js';

const IMPORT = `mutation ($input: ImportInventoryInput!) {
  importInventory(input: $input) {
    ok dryRun rowCount created updated unchanged providersCreated providersUpdated errors { row column reason }
  }
}`;
const EXPORT = `query ($format: TransferFormat!) { inventoryExport(format: $format) { rowCount fileName content } }`;
const VERIFY = `query { auditTrailVerification { ok checkedEvents } }`;

type ImportResult = {
  ok: boolean;
  dryRun: boolean;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  providersCreated: number;
  providersUpdated: number;
  errors: { row: number; column: string | null; reason: string }[];
};

const providers = ['Meta', 'Mistral AI', 'Alibaba Cloud', 'Google', 'DeepSeek'];
const countries = ['US', 'FR', 'CN', 'US', 'CN'] as const;

/** Version i of a generated inventory: groups of ten, each a chain of fine-tunes of the group's first version. */
function generatedRecord(index: number): InventoryRecord {
  const p = index % providers.length;
  const previous = index - providers.length;
  return {
    provider: {
      name: providers[p]!,
      legalEntity: `${providers[p]} Inc.`,
      headquartersCountry: countries[p]!,
      type: 'COMPANY',
      website: null,
    },
    familyName: `Family ${Math.floor(index / 50)}`,
    versionName: `model-${index}`,
    developerCountry: countries[p]!,
    supplier: 'Hugging Face',
    distribution: index % 3 === 0 ? 'API_ONLY' : 'OPEN_WEIGHTS',
    sourceUrl: `https://example.com/models/${index}`,
    huggingFaceRepo: index % 3 === 0 ? null : `org-${p}/model-${index}`,
    revision: index % 7 === 0 ? null : `rev-${index}`,
    weightsSha256: index % 3 === 0 ? null : index.toString(16).padStart(64, '0'),
    releaseDate: `2024-${String((index % 12) + 1).padStart(2, '0')}-15`,
    parameterCount: 1_000_000 + index,
    modalities: index % 2 === 0 ? ['TEXT', 'CODE'] : ['IMAGE'],
    contextLength: 4096,
    task: 'text-generation',
    modelCardUrl: null,
    trainingDataUrl: null,
    intendedUse: index % 10 === 3 ? '=HYPERLINK("https://example.com")' : `Row ${index}, with a comma and a "quote"`,
    limitations: index % 5 === 0 ? 'Line one\nline two' : null,
    declaredLicense: index % 4 === 0 ? 'MIT AND LicenseRef-Acme' : 'Apache-2.0',
    concludedLicense: null,
    bases:
      index % 50 >= providers.length ? [{ provider: providers[p]!, version: `model-${previous}`, relation: 'FINE_TUNE' }] : [],
    verified: index % 2 === 0,
    retired: false,
  };
}

/** 10,000-row imports share two cores with the rest of the suite; no timing is asserted, so give them room. */
const HEAVY_TEST_TIMEOUT_MS = 240_000;
describe('inventory import and export', () => {
  let api: TestApp;
  let compliance: TestSession;
  let engineer: TestSession;
  const records = Array.from({ length: 10_000 }, (_, index) => generatedRecord(index));
  const csv = serializeInventory(records, 'CSV');
  const importFile = async (content: string, format: 'CSV' | 'JSON', dryRun: boolean, session = compliance) => {
    const response = await api.graphql<{ importInventory: ImportResult }>(
      IMPORT,
      { input: { content, format, dryRun } },
      session,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.importInventory;
  };
  const counts = async () => ({
    versions: await api.prisma.modelVersion.count(),
    providers: await api.prisma.provider.count(),
    bases: await api.prisma.modelVersionBase.count(),
    licenses: await api.prisma.modelVersionLicense.count(),
    audit: await api.prisma.auditEvent.count(),
  });

  beforeAll(async () => {
    api = await startTestApp();
    compliance = await api.signInAs(Role.ComplianceOfficer);
    engineer = await api.signInAs(Role.Engineer);
  });
  afterAll(() => api.close());

  it('dry-runs a 10,000-row file with errors: every problem by row and column, nothing written', async () => {
    const lines = csv.split('\n');
    // Spreadsheet rows: the header is row 1, so records[i] is row i + 2.
    lines[5] = lines[5]!.replace(',CN,', ',XX,');
    lines[4001] = lines[4001]!.replace('Apache-2.0', 'Apache 2');
    const before = await counts();
    const result = await importFile(lines.join('\n'), 'CSV', true);
    expect(result).toMatchObject({ ok: false, rowCount: 10_000, created: 0 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [6, 'provider_country'],
        [4002, 'declared_license'],
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('reports a base that is neither in the file nor in the inventory, and writes nothing (all or nothing)', async () => {
    const broken = [
      ...records.slice(0, 20),
      { ...generatedRecord(20), bases: [{ provider: 'Meta', version: 'no-such-model', relation: 'MERGE' as const }] },
    ];
    const before = await counts();
    const file = serializeInventory(broken, 'JSON');
    // Files are written sorted by provider and version name; rows count in file order.
    const row =
      (JSON.parse(file) as { modelVersions: InventoryRecord[] }).modelVersions.findIndex((r) => r.versionName === 'model-20') + 1;
    const result = await importFile(file, 'JSON', false);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ row, column: 'bases[0]', reason: expect.stringContaining('Meta/no-such-model') }]);
    expect(await counts()).toEqual(before);
  });

  it(
    'commits 10,000 rows at once, audited in a chain that verifies, then re-runs idempotently',
    async () => {
      const dry = await importFile(csv, 'CSV', true);
      expect(dry).toMatchObject({ ok: true, dryRun: true, created: 10_000, providersCreated: 5, errors: [] });
      const before = await counts();
      expect(before.versions).toBe(0);

      const committed = await importFile(csv, 'CSV', false);
      expect(committed).toMatchObject({ ok: true, dryRun: false, created: 10_000, updated: 0, providersCreated: 5 });
      const after = await counts();
      expect(after.versions).toBe(10_000);
      expect(after.licenses).toBe(10_000);
      expect(after.bases).toBe(records.filter((r) => r.bases.length).length);
      // One event per provider and version, and one for the import itself.
      expect(after.audit - before.audit).toBe(10_000 + 5 + 1);
      const derivative = await api.prisma.modelVersion.findFirstOrThrow({ where: { versionName: 'model-47' } });
      expect(derivative.effectiveOrigin).toEqual(['CN']);

      const again = await importFile(csv, 'CSV', false);
      expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 10_000, providersCreated: 0 });
      expect(await counts()).toEqual(after);

      const verification = await api.graphql<{ auditTrailVerification: { ok: boolean; checkedEvents: number } }>(
        VERIFY,
        {},
        compliance,
      );
      expect(verification.body.data!.auditTrailVerification).toMatchObject({ ok: true, checkedEvents: after.audit });
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it('updates only the rows that changed, adding a license history entry instead of overwriting', async () => {
    const changed = records
      .slice(0, 3)
      .map((record, index) => (index === 1 ? { ...record, declaredLicense: 'BSD-3-Clause' } : record));
    const result = await importFile(serializeInventory(changed, 'JSON'), 'JSON', false);
    expect(result).toMatchObject({ ok: true, updated: 1, unchanged: 2 });
    const version = await api.prisma.modelVersion.findFirstOrThrow({
      where: { versionName: 'model-1' },
      include: { licenses: { orderBy: { recordedAt: 'asc' } } },
    });
    expect(version.licenses.map((l) => l.declaredLicense)).toEqual(['Apache-2.0', 'BSD-3-Clause']);
    expect(version.version).toBe(2);
  });

  it('rewrites every field of the updated rows, audits each, and re-derives the stored derivatives they feed', async () => {
    // model-0 (Meta, US) is the root of the chain model-5 → model-10 → … → model-45, which the file leaves out.
    const root = {
      ...records[0]!,
      developerCountry: 'FR' as const,
      parameterCount: 70_000_000_123,
      releaseDate: '2023-02-28',
      modalities: ['AUDIO' as const],
      intendedUse: null,
      verified: false,
    };
    const other = { ...records[3]!, familyName: 'Renamed family', retired: true };
    const before = await api.prisma.modelVersion.findFirstOrThrow({ where: { versionName: 'model-0' } });
    const head = await api.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });

    const result = await importFile(serializeInventory([root, other], 'CSV'), 'CSV', false);
    expect(result).toMatchObject({ ok: true, created: 0, updated: 2, unchanged: 0 });

    const stored = await api.prisma.modelVersion.findFirstOrThrow({ where: { versionName: 'model-0' } });
    expect(stored).toMatchObject({
      id: before.id,
      key: before.key,
      developerCountry: 'FR',
      parameterCount: 70_000_000_123n,
      releaseDate: new Date('2023-02-28T00:00:00.000Z'),
      modalities: ['AUDIO'],
      intendedUse: null,
      verified: false,
      effectiveOrigin: ['FR'],
      version: before.version + 1,
    });
    expect(stored.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const retired = await api.prisma.modelVersion.findFirstOrThrow({ where: { versionName: 'model-3' } });
    expect(retired).toMatchObject({ familyName: 'Renamed family', retiredAt: expect.any(Date) });
    const derivative = await api.prisma.modelVersion.findFirstOrThrow({ where: { versionName: 'model-45' } });
    expect(derivative.effectiveOrigin).toEqual(['FR', 'US']);

    const events = await api.prisma.auditEvent.findMany({ where: { seq: { gt: head.seq } }, orderBy: { seq: 'asc' } });
    // In file order: files are written sorted by provider, so Google's model-3 comes before Meta's model-0.
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ['model_version.update', retired.id],
      ['model_version.update', before.id],
      ['inventory.import', null],
    ]);
    expect(events[1]!.before).toMatchObject({ developerCountry: 'US', parameterCount: 1_000_000, modalities: ['TEXT', 'CODE'] });
    expect(events[1]!.after).toMatchObject({ developerCountry: 'FR', parameterCount: 70_000_000_123, modalities: ['AUDIO'] });

    const verification = await api.graphql<{ auditTrailVerification: { ok: boolean } }>(VERIFY, {}, compliance);
    expect(verification.body.data!.auditTrailVerification.ok).toBe(true);
  });

  it('refuses retirement through import for engineers, naming the row and column', async () => {
    const retiring = [{ ...records[2]!, retired: true }];
    const result = await importFile(serializeInventory(retiring, 'CSV'), 'CSV', true, engineer);
    expect(result.errors).toEqual([{ row: 2, column: 'retired', reason: 'only compliance officers may retire model versions' }]);
  });

  it(
    'exports the same format back: importing an export into an empty inventory exports identically',
    async () => {
      const exported = await api.graphql<{ inventoryExport: { rowCount: number; content: string; fileName: string } }>(
        EXPORT,
        { format: 'CSV' },
        engineer,
      );
      const file = exported.body.data!.inventoryExport;
      expect(file.rowCount).toBe(10_000);
      expect(file.fileName).toMatch(/^modelgate-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
      // The formula-looking text is neutralised for spreadsheets and still round-trips.
      expect(file.content).toContain(`"'=HYPERLINK(""https://example.com"")"`);

      const other = await startTestApp();
      try {
        const officer = await other.signInAs(Role.ComplianceOfficer);
        const imported = await other.graphql<{ importInventory: ImportResult }>(
          IMPORT,
          { input: { content: file.content, format: 'CSV', dryRun: false } },
          officer,
        );
        expect(imported.body.data!.importInventory).toMatchObject({ ok: true, created: 10_000 });
        for (const format of ['CSV', 'JSON'] as const) {
          const [mine, theirs] = await Promise.all([
            api.graphql<{ inventoryExport: { content: string } }>(EXPORT, { format }, engineer),
            other.graphql<{ inventoryExport: { content: string } }>(EXPORT, { format }, officer),
          ]);
          expect(theirs.body.data!.inventoryExport.content).toBe(mine.body.data!.inventoryExport.content);
        }
      } finally {
        await other.close();
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

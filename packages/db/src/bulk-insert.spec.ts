import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bulkInsert, columnOf } from './bulk-insert.js';
import { createPrismaClient } from './client.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from './testing/test-database.js';

describe('bulkInsert', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let providerId: string;

  beforeAll(async () => {
    db = await createTestDatabase(testPostgresAdminUrl());
    prisma = createPrismaClient({ url: db.appUrl });
    providerId = (
      await prisma.provider.create({ data: { key: 'acme', name: 'Acme', headquartersCountry: 'US', type: 'COMPANY' } })
    ).id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('maps field names to columns', () => {
    expect(columnOf('weightsSha256')).toBe('weights_sha256');
    expect(columnOf('key')).toBe('key');
  });

  it('stores enums, arrays, JSON, dates and big numbers by the column types, and applies defaults to fields left out', async () => {
    const updatedAt = new Date('2026-01-02T03:04:05.678Z');
    const rows = Array.from({ length: 12_001 }, (_, i) => ({
      key: `bulk-${i}`,
      providerId,
      familyName: 'Bulk',
      versionName: `Bulk-${i}`,
      developerCountry: 'FR',
      supplier: 'Acme',
      distribution: 'OPEN_WEIGHTS',
      modalities: ['TEXT', 'CODE'],
      effectiveOrigin: ['FR', 'US'],
      obligations: { commercialUse: 'ALLOWED', nested: { list: [1, 2] } },
      parameterCount: 70_000_000_000n,
      releaseDate: i === 0 ? new Date('2025-05-06T00:00:00.000Z') : undefined,
      updatedAt,
    }));
    await expect(bulkInsert(prisma, 'model_version', rows)).resolves.toBe(12_001);

    const first = await prisma.modelVersion.findUniqueOrThrow({ where: { key: 'bulk-0' } });
    expect(first).toMatchObject({
      distribution: 'OPEN_WEIGHTS',
      modalities: ['TEXT', 'CODE'],
      effectiveOrigin: ['FR', 'US'],
      obligations: { commercialUse: 'ALLOWED', nested: { list: [1, 2] } },
      parameterCount: 70_000_000_000n,
      releaseDate: new Date('2025-05-06T00:00:00.000Z'),
      updatedAt,
      // Defaults of the columns no row named.
      verified: false,
      version: 1,
      licenseClass: 'UNKNOWN',
    });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    const later = await prisma.modelVersion.findUniqueOrThrow({ where: { key: 'bulk-12000' } });
    expect(later.releaseDate).toBeNull();
  });

  it('writes a big number inside a JSON value as text, among rows of different shapes', async () => {
    const row = (key: string, extra: Record<string, unknown>) => ({
      key,
      providerId,
      familyName: 'Nested',
      versionName: key,
      developerCountry: 'US',
      supplier: 'Acme',
      distribution: 'OPEN_WEIGHTS',
      updatedAt: new Date(),
      ...extra,
    });
    const rows = [
      row('nested-1', { obligations: { userCap: 700_000_000n } }),
      row('nested-2', { task: 'chat' }),
      row('nested-3', { obligations: { userCap: 1n } }),
    ];
    await expect(bulkInsert(prisma, 'model_version', rows)).resolves.toBe(3);
    const stored = await prisma.modelVersion.findMany({
      where: { familyName: 'Nested' },
      select: { key: true, obligations: true, task: true },
      orderBy: { key: 'asc' },
    });
    expect(stored).toEqual([
      { key: 'nested-1', obligations: { userCap: '700000000' }, task: null },
      { key: 'nested-2', obligations: {}, task: 'chat' },
      { key: 'nested-3', obligations: { userCap: '1' }, task: null },
    ]);
  });

  it('fails as a whole on a bad row and writes nothing of that statement', async () => {
    const before = await prisma.modelVersion.count();
    const rows = [
      {
        key: 'ok-1',
        providerId,
        familyName: 'F',
        versionName: 'ok-1',
        developerCountry: 'US',
        supplier: 'S',
        distribution: 'OPEN_WEIGHTS',
        updatedAt: new Date(),
      },
      {
        key: 'bad-1',
        providerId,
        familyName: 'F',
        versionName: 'bad-1',
        developerCountry: 'US',
        supplier: 'S',
        distribution: 'NOT_A_DISTRIBUTION',
        updatedAt: new Date(),
      },
    ];
    await expect(bulkInsert(prisma, 'model_version', rows)).rejects.toThrow();
    expect(await prisma.modelVersion.count()).toBe(before);
  });

  it('refuses names that are not plain identifiers', async () => {
    await expect(bulkInsert(prisma, 'model_version; DROP TABLE x', [{ key: 'x' }])).rejects.toThrow('not a table name');
    await expect(bulkInsert(prisma, 'model_version', [{ 'key") --': 'x' }])).rejects.toThrow('not a field name');
  });
});

import { Injectable } from '@nestjs/common';
import { bulkInsert, columnOf, type Prisma } from '@modelgate/db';
import type { Tx } from '../../audit/audit.repository.js';
import { PrismaService } from '../../database/prisma.service.js';
import { modelVersionSelect, providerSelect } from '../inventory.selects.js';

/** A version as files hold it: with its provider and its bases named by provider and version name. */
export const transferVersionSelect = {
  ...modelVersionSelect,
  provider: { select: providerSelect },
  bases: {
    select: {
      relation: true,
      baseModelVersionId: true,
      base: { select: { versionName: true, provider: { select: { name: true } } } },
    },
  },
} satisfies Prisma.ModelVersionSelect;
export type TransferVersionRow = Prisma.ModelVersionGetPayload<{ select: typeof transferVersionSelect }>;

// PostgreSQL takes at most 65,535 parameters per statement: Prisma writes (providers, deletes) go in chunks.
const CHUNK = 1000;
const ROWS_PER_UPDATE = 5000;

/** What an import rewrites of a stored version: the file's facts, who edited it, and the facts derived from them. */
const IMPORTED_VERSION_FIELDS = [
  'providerId',
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
  'lastEditedById',
  'verified',
  'retiredAt',
  'effectiveOrigin',
  'licenseClass',
  'obligations',
  'lineageProblem',
  'updatedAt',
] as const satisfies readonly (keyof Prisma.ModelVersionUncheckedCreateInput)[];

export type ImportedVersionUpdate = { id: string } & Required<
  Pick<Prisma.ModelVersionUncheckedCreateInput, (typeof IMPORTED_VERSION_FIELDS)[number]>
>;

const importedVersionColumns = IMPORTED_VERSION_FIELDS.map(columnOf);
const updateVersionsStatement = `UPDATE "model_version" AS mv
  SET ${importedVersionColumns.map((column) => `"${column}" = d."${column}"`).join(', ')},
    "version" = mv."version" + 1
  FROM jsonb_populate_recordset(NULL::"model_version", $1::jsonb) AS d
  WHERE mv."id" = d."id"`;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

@Injectable()
export class InventoryTransferRepository {
  constructor(private readonly prisma: PrismaService) {}

  findAllVersions(): Promise<TransferVersionRow[]> {
    return this.prisma.modelVersion.findMany({ select: transferVersionSelect });
  }

  findProvidersByNames(tx: Tx, names: readonly string[]) {
    return tx.provider.findMany({ where: { name: { in: [...names] } }, select: providerSelect });
  }

  findProviderKeys(tx: Tx): Promise<string[]> {
    return tx.provider.findMany({ select: { key: true } }).then((rows) => rows.map((row) => row.key));
  }

  /** The stored version keys a new key made from one of these bases could run into: the base, or the base and `-N`. */
  async findModelVersionKeysFrom(tx: Tx, bases: readonly string[]): Promise<string[]> {
    if (bases.length === 0) return [];
    const rows = await tx.$queryRaw<{ key: string }[]>`
      SELECT key FROM model_version
      WHERE key = ANY(${bases}::text[]) OR regexp_replace(key, '-[0-9]+$', '') = ANY(${bases}::text[])`;
    return rows.map((row) => row.key);
  }

  /** Every version whose provider or version name appears in the file (a superset of the matches). */
  findVersionsNamed(tx: Tx, providerNames: readonly string[], versionNames: readonly string[]): Promise<TransferVersionRow[]> {
    return tx.modelVersion.findMany({
      where: { provider: { name: { in: [...providerNames] } }, versionName: { in: [...versionNames] } },
      select: transferVersionSelect,
    });
  }

  createProviders(tx: Tx, rows: Prisma.ProviderCreateManyInput[]) {
    return inChunks(rows, (data) => tx.provider.createMany({ data }));
  }

  async updateProvider(tx: Tx, id: string, data: Prisma.ProviderUpdateManyMutationInput) {
    await tx.provider.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
  }

  /** Imports create thousands of versions at once: one JSON-fed statement per 5,000 rows, not Prisma's createMany. */
  async createVersions(tx: Tx, rows: Prisma.ModelVersionCreateManyInput[]) {
    const now = new Date();
    await bulkInsert(
      tx,
      'model_version',
      rows.map((row) => ({ ...row, updatedAt: row.updatedAt ?? now })),
    );
  }

  /**
   * Rewrites many versions at once: one statement per 5,000 rows, fed by JSON that PostgreSQL reads as rows of
   * the table's own type (so enums, arrays, dates and JSON convert as in `bulkInsert`).
   */
  async updateVersions(tx: Tx, rows: readonly ImportedVersionUpdate[]) {
    for (let start = 0; start < rows.length; start += ROWS_PER_UPDATE) {
      const chunk = rows.slice(start, start + ROWS_PER_UPDATE).map((row) => {
        const columns: Record<string, unknown> = { id: row.id };
        IMPORTED_VERSION_FIELDS.forEach((field, index) => {
          const value = row[field];
          columns[importedVersionColumns[index]!] = typeof value === 'bigint' ? value.toString() : value;
        });
        return columns;
      });
      await tx.$executeRawUnsafe(updateVersionsStatement, JSON.stringify(chunk));
    }
  }

  async replaceBases(tx: Tx, versionIds: readonly string[], rows: Prisma.ModelVersionBaseCreateManyInput[]) {
    await inChunks(versionIds, (ids) => tx.modelVersionBase.deleteMany({ where: { modelVersionId: { in: ids } } }));
    await bulkInsert(tx, 'model_version_base', rows);
  }

  async addLicenseEntries(tx: Tx, rows: Prisma.ModelVersionLicenseCreateManyInput[]) {
    await bulkInsert(tx, 'model_version_license', rows);
  }

  countActiveDeployments(tx: Tx, versionIds: readonly string[]) {
    return tx.deployment.groupBy({
      by: ['modelVersionId'],
      where: { modelVersionId: { in: [...versionIds] }, status: 'ACTIVE' },
      _count: { _all: true },
    });
  }
}

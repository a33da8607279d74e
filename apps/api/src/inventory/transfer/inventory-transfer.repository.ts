import { Injectable } from '@nestjs/common';
import { bulkInsert, type Prisma } from '@modelgate/db';
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

  findModelVersionKeys(tx: Tx): Promise<string[]> {
    return tx.modelVersion.findMany({ select: { key: true } }).then((rows) => rows.map((row) => row.key));
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

  async updateVersion(tx: Tx, id: string, data: Prisma.ModelVersionUncheckedUpdateInput) {
    await tx.modelVersion.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
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

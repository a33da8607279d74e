import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { InventoryModel } from '@modelgate/discovery';
import { PrismaService } from '../database/prisma.service.js';

const inventoryModelSelect = {
  id: true,
  key: true,
  familyName: true,
  versionName: true,
  huggingFaceRepo: true,
  weightsSha256: true,
  weightFiles: { select: { sha256: true } },
  retiredAt: true,
  provider: { select: { key: true, name: true } },
} satisfies Prisma.ModelVersionSelect;

@Injectable()
export class DiscoveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * What matching needs of every model version, retired ones included (a retired model in code is a
   * finding too): one statement, a few short columns per version.
   */
  async findInventoryModels(): Promise<InventoryModel[]> {
    const rows = await this.prisma.modelVersion.findMany({ select: inventoryModelSelect, orderBy: { key: 'asc' } });
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      familyName: row.familyName,
      versionName: row.versionName,
      huggingFaceRepo: row.huggingFaceRepo,
      weightsSha256: row.weightsSha256,
      weightFileSha256s: row.weightFiles.map((file) => file.sha256),
      providerKey: row.provider.key,
      providerName: row.provider.name,
      retired: row.retiredAt !== null,
    }));
  }

  /** Whether a license with this identifier (any version) is in the catalog and not retired. */
  async licenseExists(identifier: string): Promise<boolean> {
    const row = await this.prisma.license.findFirst({ where: { identifier, retiredAt: null }, select: { id: true } });
    return row !== null;
  }

  findProviderByName(name: string): Promise<{ id: string; name: string } | null> {
    return this.prisma.provider.findFirst({ where: { name, retiredAt: null }, select: { id: true, name: true } });
  }
}

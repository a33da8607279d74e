import { Injectable } from '@nestjs/common';
import { SettingKey } from '@modelgate/domain/settings';
import { PrismaService } from '../database/prisma.service.js';

export const DEMO_ORGANIZATION_NAME = 'Northwind Financial (demo)';

/**
 * Demo data for the embedded/demo mode. Seeds once per database: the `demo.seeded_at` marker is
 * inserted first in the same transaction, so two servers starting at once cannot both seed.
 */
@Injectable()
export class DemoDataSeeder {
  constructor(private readonly prisma: PrismaService) {}

  /** Returns true when this call seeded, false when the database already had demo data. */
  seedOnce(now = new Date()): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const marker = await tx.appSetting.createMany({
        data: [{ key: SettingKey.DemoDataSeededAt, value: { at: now.toISOString() } }],
        skipDuplicates: true,
      });
      if (marker.count === 0) return false;
      await tx.appSetting.createMany({
        data: [{ key: SettingKey.OrganizationName, value: { text: DEMO_ORGANIZATION_NAME } }],
        skipDuplicates: true,
      });
      return true;
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { MigrationRecord } from '@modelgate/domain/system';
import { PrismaService } from '../database/prisma.service.js';

@Injectable()
export class MigrationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** `_prisma_migrations` rows; none when the database was never migrated. */
  async findAllRecords(): Promise<MigrationRecord[]> {
    const [table] = await this.prisma.$queryRaw<Array<{ present: boolean }>>`
      SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
    if (!table?.present) return [];
    const rows = await this.prisma.$queryRaw<Array<{ name: string; finishedAt: Date | null; rolledBackAt: Date | null }>>`
      SELECT migration_name AS "name", finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
      FROM _prisma_migrations ORDER BY started_at`;
    return rows;
  }

  async findServerVersion(): Promise<string> {
    const [row] = await this.prisma.$queryRaw<Array<{ version: string }>>`SELECT current_setting('server_version') AS version`;
    return row?.version ?? 'unknown';
  }
}

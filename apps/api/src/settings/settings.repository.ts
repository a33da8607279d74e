import { Injectable } from '@nestjs/common';
import { appSettingSelect, type AppSettingRow } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';

@Injectable()
export class SettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByKey(key: string): Promise<AppSettingRow | null> {
    return this.prisma.appSetting.findUnique({ where: { key }, select: appSettingSelect });
  }

  findAll(): Promise<AppSettingRow[]> {
    return this.prisma.appSetting.findMany({ select: appSettingSelect, orderBy: { key: 'asc' } });
  }
}

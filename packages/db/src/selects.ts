import type { Prisma } from './generated/prisma/client.js';

export const appSettingSelect = {
  key: true,
  value: true,
  updatedAt: true,
} satisfies Prisma.AppSettingSelect;

export type AppSettingRow = Prisma.AppSettingGetPayload<{ select: typeof appSettingSelect }>;

import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '../client.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Unique per call, so tests that share a database never collide. */
export const uniqueSuffix = () => randomBytes(4).toString('hex');

export function buildAppSetting(overrides: { key?: string; value?: unknown } = {}) {
  return {
    key: overrides.key ?? `test.setting_${uniqueSuffix()}`,
    value: overrides.value ?? { text: 'value' },
  };
}

export async function createAppSetting(prisma: PrismaClient, overrides: { key?: string; value?: unknown } = {}) {
  return prisma.appSetting.create({ data: buildAppSetting(overrides) });
}

/** A Prisma client for arranging test data directly in a test database. */
export function createPrismaClientForTests(databaseUrl: string): PrismaClient {
  return createPrismaClient({ url: databaseUrl, poolSize: 2 });
}

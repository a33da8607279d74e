import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export type DatabaseConnectionOptions = {
  url: string;
  /** Largest number of pooled connections. */
  poolSize?: number;
  /** Milliseconds to wait for a connection before failing the query. */
  connectionTimeoutMs?: number;
};

/** The `pg` driver adapter: Prisma 7 runs its query compiler in wasm and needs no native engine. */
export function createPrismaAdapter(options: DatabaseConnectionOptions): PrismaPg {
  return new PrismaPg({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
  });
}

export function createPrismaClient(options: DatabaseConnectionOptions): PrismaClient {
  return new PrismaClient({ adapter: createPrismaAdapter(options) });
}

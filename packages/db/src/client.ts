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
    // Connecting forks a backend and runs SCRAM: on a saturated machine that alone can pass 5 s.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000,
  });
}

/**
 * Interactive transactions wait up to 10 s for a pooled connection (Prisma's default, 2 s, fails requests that a
 * busy moment queues: 50 concurrent decisions on a 10-connection pool) and may run 15 s unless they set their own
 * limit. Past either, the error is P2028, answered as SERVICE_UNAVAILABLE: try again.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export function createPrismaClient(options: DatabaseConnectionOptions): PrismaClient {
  return new PrismaClient({ adapter: createPrismaAdapter(options), transactionOptions: TRANSACTION_OPTIONS });
}

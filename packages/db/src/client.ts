import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export type DatabaseConnectionOptions = {
  url: string;
  /** Largest number of pooled connections. */
  poolSize?: number;
  /** Milliseconds to wait for a connection before failing the query. */
  connectionTimeoutMs?: number;
};

/**
 * A raw statement that starts with this comment is prepared once per connection and keeps its plan (PostgreSQL picks
 * a generic plan after five executions when it is no worse): for hot statements that cost more to plan than to run,
 * such as the CI gate's one statement of decision facts. Everything else stays unnamed and is planned each time,
 * since Prisma's own SQL varies with its arguments (IN lists) and named statements live as long as the connection.
 */
export const PREPARED_STATEMENT = '/* prepared */';

const preparedName = (sql: string) =>
  sql.startsWith(PREPARED_STATEMENT) ? `mg_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}` : '';

/** The `pg` driver adapter: Prisma 7 runs its query compiler in wasm and needs no native engine. */
export function createPrismaAdapter(options: DatabaseConnectionOptions): PrismaPg {
  return new PrismaPg(
    {
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Connecting forks a backend and runs SCRAM: on a saturated machine that alone can pass 5 s.
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000,
    },
    { statementNameGenerator: (query) => preparedName(query.sql) },
  );
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

import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
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

/** Marked statements are fixed texts, few and hot: each name is hashed once, not on every execution. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED_NAMES = 1_000;

/** The name a statement is prepared under on each connection, or '' for an unnamed (planned each time) statement. */
export function preparedStatementName(sql: string): string {
  if (!sql.startsWith(PREPARED_STATEMENT)) return '';
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = `mg_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
    if (preparedNames.size >= MAX_PREPARED_NAMES) preparedNames.clear();
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * How long an idle connection is kept. `pg` closes them after 10 s by default, so every burst after a pause (a CI run
 * after a quiet minute) reconnected (a backend fork and SCRAM) and planned its prepared statements again on each
 * connection: its first hundred milliseconds of decisions waited tens of milliseconds each.
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

const UTC_SESSION = '-c TimeZone=UTC';

/**
 * How the app connects: every session in UTC, whatever the server's `timezone`. Prisma 7's `pg` adapter reads and
 * writes timestamptz as if the session were in UTC (prisma/orm#26786, #28629): on a server set to another zone, each
 * time it read or wrote would be off by the zone's offset. Startup options override the server's and the database's
 * settings; any `options` the URL carries are kept.
 */
export function connectionConfig(options: DatabaseConnectionOptions): pg.ClientConfig {
  const url = new URL(options.url);
  url.searchParams.set('options', [url.searchParams.get('options'), UTC_SESSION].filter(Boolean).join(' '));
  return { connectionString: url.toString(), connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000 };
}

/** The `pg` pool under Prisma; connecting forks a backend and runs SCRAM: on a saturated machine that alone can pass 5 s. */
export function createDatabasePool(options: DatabaseConnectionOptions): pg.Pool {
  const pool = new pg.Pool({
    ...connectionConfig(options),
    max: options.poolSize ?? 10,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
  });
  // An idle connection that dies (a server restart) is dropped by the pool; the next query reports the outage.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The `pg` driver adapter: Prisma 7 runs its query compiler in wasm and needs no native engine. Given a pool, Prisma
 * shares it (and ends it on `$disconnect`), so the few statements run on the driver directly use the same connections.
 */
export function createPrismaAdapter(options: DatabaseConnectionOptions, pool?: pg.Pool): PrismaPg {
  return new PrismaPg(pool ?? createDatabasePool(options), {
    statementNameGenerator: (query) => preparedStatementName(query.sql),
    disposeExternalPool: true,
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

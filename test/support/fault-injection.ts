import { createPrismaClient, type PrismaClient } from '@modelgate/db';

/**
 * Fault injection from a second connection: hold a lock the application's transaction needs, so that the
 * transaction is provably in flight (blocked inside PostgreSQL, with its writes made and not committed) at the
 * moment the test kills the application; then watch its backend end.
 */

/** The audit chain lock (`AUDIT_CHAIN_LOCK` in apps/api/src/audit/audit.repository.ts, "MGAU"): every audited change takes it. */
export const AUDIT_CHAIN_LOCK = 0x4d47_4155;

export type HeldLocks = {
  /** Ends the holding transaction (rolling it back): whoever waits gets the locks. */
  release(): Promise<void>;
};

export type BlockedBackend = { pid: number; xid: string | null; query: string };

export type DatabaseProbe = {
  query<T>(sql: string, ...values: unknown[]): Promise<T[]>;
  /** Runs the statements (e.g. `SELECT pg_advisory_xact_lock(...)`, `LOCK TABLE ...`) in a transaction kept open until release. */
  holdLocks(statements: string[]): Promise<HeldLocks>;
  /**
   * Waits for a backend that waits for the given lock (an advisory key, or a table), and, with `writing`, holds a
   * write lock on that table (its transaction has written to it).
   */
  waitForBlockedBackend(
    lock: { advisoryKey: number } | { table: string },
    writing?: string,
    timeoutMs?: number,
  ): Promise<BlockedBackend>;
  /** Waits until none of the backends is connected any more (their transactions ended). */
  waitForBackendsGone(pids: number[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A connection (as the owner) for arranging faults and reading what the application left. */
export function openProbe(ownerUrl: string): DatabaseProbe {
  const prisma: PrismaClient = createPrismaClient({ url: ownerUrl, poolSize: 4 });
  const holders = new Set<() => Promise<void>>();
  const query = <T>(sql: string, ...values: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...values);

  return {
    query,
    holdLocks: async (statements) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const transaction = prisma
        .$transaction(
          async (tx) => {
            for (const statement of statements) await tx.$executeRawUnsafe(statement);
            holding();
            await released;
            throw new Error('released'); // roll back: nothing the holder did stays
          },
          { timeout: 600_000, maxWait: 10_000 },
        )
        .catch((error: unknown) => {
          if ((error as Error).message !== 'released') throw error;
        });
      await Promise.race([held, transaction]);
      const end = async () => {
        holders.delete(end);
        release();
        await transaction;
      };
      holders.add(end);
      return { release: end };
    },
    waitForBlockedBackend: async (lock, writing, timeoutMs = 60_000) => {
      const waitingFor =
        'advisoryKey' in lock
          ? `w.locktype = 'advisory' AND w.classid = ${Math.floor(lock.advisoryKey / 2 ** 32)} AND w.objid = ${lock.advisoryKey % 2 ** 32}`
          : `w.locktype = 'relation' AND w.relation = to_regclass('${lock.table}')`;
      const writes = writing
        ? `AND EXISTS (SELECT 1 FROM pg_locks h WHERE h.pid = a.pid AND h.granted AND h.locktype = 'relation'
                       AND h.relation = to_regclass('${writing}') AND h.mode = 'RowExclusiveLock')`
        : '';
      let found: BlockedBackend | undefined;
      await waitUntil(
        `a backend${writing ? ` writing ${writing}` : ''} to wait for ${JSON.stringify(lock)}`,
        async () => {
          [found] = await query<BlockedBackend>(
            `SELECT a.pid, a.backend_xid::text AS xid, left(a.query, 200) AS query FROM pg_stat_activity a
             WHERE a.datname = current_database()
               AND EXISTS (SELECT 1 FROM pg_locks w WHERE w.pid = a.pid AND NOT w.granted AND ${waitingFor})
               ${writes}`,
          );
          return found !== undefined;
        },
        timeoutMs,
      );
      return found!;
    },
    waitForBackendsGone: async (pids, timeoutMs = 30_000) => {
      if (pids.length === 0) return;
      await waitUntil(
        `backends ${pids.join(', ')} to end`,
        async () =>
          (await query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])`, pids)).length === 0,
        timeoutMs,
      );
    },
    close: async () => {
      await Promise.all([...holders].map((end) => end().catch(() => undefined)));
      await prisma.$disconnect();
    },
  };
}

/** What went wrong talking to PostgreSQL, read from a Prisma / driver-adapter error without its message. */
type DriverCause = { kind?: string; originalCode?: string };

const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
  'AuthenticationFailed',
]);
// P1001 can't reach server, P1002 timed out, P1003 no database, P1008 operation timeout, P1017 server closed the connection
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);

/** The adapter's cause: inside a Prisma error's `meta`, or on a DriverAdapterError that Prisma passes through as is (commit). */
function driverCause(error: unknown): DriverCause | undefined {
  const e = error as { name?: unknown; cause?: DriverCause; meta?: { driverAdapterError?: { cause?: DriverCause } } } | undefined;
  return e?.meta?.driverAdapterError?.cause ?? (e?.name === 'DriverAdapterError' ? e.cause : undefined);
}

/**
 * SQLSTATEs PostgreSQL sends while it shuts down, restarts or recovers: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now ("the database system is starting up").
 */
function isUnavailableSqlState(sqlState: string | undefined): boolean {
  return sqlState !== undefined && (sqlState.startsWith('08') || ['57P01', '57P02', '57P03'].includes(sqlState));
}

/**
 * Errors the `pg` driver raises without a code when a connection dies or cannot be had in time; the
 * driver adapter passes them through as they are (e.g. a server restarted in the middle of a transaction).
 */
const DRIVER_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * Socket errors Node raises on a connection to the server (`code` and `syscall` set): the `pg` driver passes them on
 * as they are when PostgreSQL goes away under a statement run on the driver directly (PrismaService.driverQuery);
 * through Prisma they arrive as a driver adapter error of kind ConnectionClosed or DatabaseNotReachable instead.
 */
const SOCKET_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function isSocketError(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && typeof syscall === 'string' && SOCKET_ERROR_CODES.has(code);
}

/** P2028 is Prisma's transaction API error; these two mean the pool or the database was too busy, not a bug. */
const BUSY_TRANSACTION_MESSAGES = ['Unable to start a transaction in the given time', 'Transaction already closed'];

function isUnavailableOnce(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const cause = driverCause(error);
  return (
    (typeof code === 'string' && UNAVAILABLE_PRISMA_CODES.has(code)) ||
    (code === 'P2028' && error instanceof Error && BUSY_TRANSACTION_MESSAGES.some((text) => error.message.includes(text))) ||
    (cause?.kind !== undefined && UNAVAILABLE_KINDS.has(cause.kind)) ||
    (cause?.kind === 'postgres' && isUnavailableSqlState(cause.originalCode)) ||
    isSocketError(error) ||
    (error instanceof Error && (DRIVER_CONNECTION_MESSAGES.has(error.message) || isUnavailableSqlState(postgresCode(error))))
  );
}

/** The SQLSTATE of an error straight from `pg` (a DatabaseError carries `code` and `severity`). */
function postgresCode(error: Error): string | undefined {
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  return typeof code === 'string' && typeof severity === 'string' ? code : undefined;
}

/** True when the failure is the database being unreachable, restarting or overloaded, not a bug: retrying may work. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Follow `cause` a few steps: the pool wraps a connect timeout around the socket error.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (isUnavailableOnce(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A short cause fit for a health report: no host names, credentials or SQL. */
export function describeDatabaseError(error: unknown): string {
  const cause = driverCause(error);
  if (cause?.kind === 'postgres' && cause.originalCode) return `database error ${cause.originalCode}`; // a SQLSTATE such as 57P03
  const kind = cause?.kind;
  if (kind) return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(); // "DatabaseNotReachable" -> "database not reachable"
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `database error ${code}` : 'database unavailable';
}

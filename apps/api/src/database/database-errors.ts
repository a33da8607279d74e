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

function driverCause(error: unknown): DriverCause | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } } | undefined)?.meta?.driverAdapterError?.cause;
}

/** True when the failure is the database being unreachable or overloaded, not a bug: retrying may work. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const kind = driverCause(error)?.kind;
  return (typeof code === 'string' && UNAVAILABLE_PRISMA_CODES.has(code)) || (kind !== undefined && UNAVAILABLE_KINDS.has(kind));
}

/** A short cause fit for a health report: no host names, credentials or SQL. */
export function describeDatabaseError(error: unknown): string {
  const kind = driverCause(error)?.kind;
  if (kind) return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(); // "DatabaseNotReachable" -> "database not reachable"
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `database error ${code}` : 'database unavailable';
}

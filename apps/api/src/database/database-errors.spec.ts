import net from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { findFreePort } from '@modelgate/db/testing';
import { describeDatabaseError, isDatabaseUnavailable } from './database-errors.js';

/** The shape Prisma 7 gives a driver-adapter failure (PrismaClientKnownRequestError with the adapter's cause). */
function prismaError(code: string, cause: Record<string, unknown>): Error {
  return Object.assign(new Error('Invalid `prisma.session.findFirst()` invocation'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}

/** The shape of a `pg` DatabaseError: a SQLSTATE code and a severity. */
function pgDatabaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  it('is true for an unreachable server, as the driver adapter reports it', () => {
    expect(isDatabaseUnavailable(prismaError('P1001', { kind: 'DatabaseNotReachable' }))).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2010', { kind: 'ConnectionClosed' }))).toBe(true);
  });

  it('is true when a transaction could not get a pooled connection or outlived its limit on a busy server (P2028)', () => {
    const busy = (message: string) => Object.assign(new Error(`Transaction API error: ${message}`), { code: 'P2028' });
    expect(isDatabaseUnavailable(busy('Unable to start a transaction in the given time.'))).toBe(true);
    expect(
      isDatabaseUnavailable(busy('Transaction already closed: A commit cannot be executed on an expired transaction.')),
    ).toBe(true);
    expect(isDatabaseUnavailable(busy('Transaction not found.'))).toBe(false);
  });

  it('is true while PostgreSQL starts up, recovers or shuts down (SQLSTATE 57P01-57P03, class 08)', () => {
    const startingUp = prismaError('P2039', {
      kind: 'postgres',
      originalCode: '57P03',
      originalMessage: 'the database system is starting up',
    });
    expect(isDatabaseUnavailable(startingUp)).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2039', { kind: 'postgres', originalCode: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2039', { kind: 'postgres', originalCode: '08006' }))).toBe(true);
    expect(
      isDatabaseUnavailable(pgDatabaseError('57P02', 'terminating connection because of crash of another server process')),
    ).toBe(true);
  });

  it('is true for a connection the pg driver lost mid-transaction, which reaches the app unwrapped', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const timeout = new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') });
    expect(isDatabaseUnavailable(timeout)).toBe(true);
  });

  it('is true for a socket error the pg driver passes on unwrapped (a statement run on the driver directly)', async () => {
    const nothingListens = await findFreePort();
    const refused = await new Promise<Error>((resolve) => net.connect(nothingListens, '127.0.0.1').once('error', resolve));
    expect(isDatabaseUnavailable(refused)).toBe(true);
    // What the pool rejects with when the server resets a connection in use (PostgreSQL's immediate shutdown).
    const reset = Object.assign(new Error('read ECONNRESET'), { errno: -104, code: 'ECONNRESET', syscall: 'read' });
    expect(isDatabaseUnavailable(reset)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(false);
  });

  it('is true for the driver-adapter error Prisma passes through unwrapped when a commit loses its connection', () => {
    const atCommit = Object.assign(new Error('ConnectionClosed'), {
      name: 'DriverAdapterError',
      cause: { kind: 'ConnectionClosed' },
    });
    expect(isDatabaseUnavailable(atCommit)).toBe(true);
    expect(describeDatabaseError(atCommit)).toBe('connection closed');
  });

  it('follows the cause of a wrapped failure', () => {
    expect(
      isDatabaseUnavailable(new Error('could not run the job', { cause: new Error('Connection terminated unexpectedly') })),
    ).toBe(true);
  });

  it('is false for errors that are bugs or bad input, not an outage', () => {
    expect(isDatabaseUnavailable(prismaError('P2002', { kind: 'UniqueConstraintViolation' }))).toBe(false);
    expect(isDatabaseUnavailable(prismaError('P2039', { kind: 'postgres', originalCode: '42P01' }))).toBe(false);
    expect(isDatabaseUnavailable(pgDatabaseError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly by a typo in our own code?'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('no severity'), { code: '57P03' }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
  });
});

describe('describeDatabaseError', () => {
  it('names the cause without host, credentials or SQL', () => {
    expect(describeDatabaseError(prismaError('P1001', { kind: 'DatabaseNotReachable', host: '10.0.0.5' }))).toBe(
      'database not reachable',
    );
    expect(describeDatabaseError(prismaError('P2039', { kind: 'postgres', originalCode: '57P03' }))).toBe('database error 57P03');
    expect(describeDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('database unavailable');
  });
});

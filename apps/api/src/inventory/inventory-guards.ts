import { NotFoundError, StaleVersionError } from '@modelgate/domain/errors';

/** Optimistic concurrency: the row must exist and still be at the version the caller edited. */
export function requireVersion<T extends { version: number }>(
  row: T | null,
  entity: string,
  id: string,
  expectedVersion: number,
): T {
  if (!row) throw new NotFoundError(entity, id);
  if (row.version !== expectedVersion) throw new StaleVersionError(entity, expectedVersion, row.version);
  return row;
}

/** The row a guarded update returned; null means a concurrent change won the race for that version. */
export function updated<T>(row: T | null, entity: string, expectedVersion: number): T {
  if (!row) throw new StaleVersionError(entity, expectedVersion, null);
  return row;
}

/** What an audit event records of a row: no timestamps the change itself did not set. */
export function auditView<T extends object>(row: T): Omit<T, 'createdAt' | 'updatedAt'> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = row as T & { createdAt?: unknown; updatedAt?: unknown };
  return rest;
}

import { DomainError, ErrorCode } from '@modelgate/domain/errors';

/**
 * For background passes over many records: when another instance or person changed a record first
 * (a CONFLICT), leave it to them or to the next pass instead of failing the whole pass. Returns null then.
 */
export async function skipOnConflict<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.Conflict) return null;
    throw error;
  }
}

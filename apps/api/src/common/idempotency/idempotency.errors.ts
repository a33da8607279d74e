import { DomainError, ErrorCode } from '@modelgate/domain/errors';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key.js';

/** The header's value is not a key (empty, too long, not printable ASCII, sent twice). */
export class InvalidIdempotencyKeyError extends DomainError {
  constructor(reason: string) {
    super(
      ErrorCode.BadRequest,
      `The Idempotency-Key header ${reason}. A key is 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, for example a UUID.`,
    );
    this.name = 'InvalidIdempotencyKeyError';
  }
}

/** A key was sent where it cannot apply: a mutation that is not a registration, or several mutations at once. */
export class IdempotencyKeyNotApplicableError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.BadRequest, message);
    this.name = 'IdempotencyKeyNotApplicableError';
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor(operation: string) {
    super(
      ErrorCode.IdempotencyKeyReused,
      `This Idempotency-Key was already used for ${operation} with other arguments in the last 24 hours; nothing was changed. Send a new request with a new key.`,
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}

export class IdempotencyKeyInUseError extends DomainError {
  constructor(operation: string) {
    super(
      ErrorCode.IdempotencyKeyInUse,
      `The first ${operation} request with this Idempotency-Key is still running; nothing was changed by this one. Retry with the same key shortly.`,
    );
    this.name = 'IdempotencyKeyInUseError';
  }
}

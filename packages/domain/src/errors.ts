/**
 * Stable error codes shared by the API (as `extensions.code`) and the admin app, which branches on
 * the code and never on the message.
 */
export const ErrorCode = {
  /** Input failed validation; `extensions.fields` says which field and why. */
  ValidationFailed: 'VALIDATION_FAILED',
  /** The GraphQL document is not valid against the schema (unknown field, wrong argument type...). */
  GraphqlValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  /** The GraphQL document could not be parsed. */
  GraphqlParseFailed: 'GRAPHQL_PARSE_FAILED',
  /** The request itself was malformed (not JSON, wrong content type, missing query). */
  BadRequest: 'BAD_REQUEST',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** The workflow does not allow this step from the record's current state; nothing changed. */
  IllegalTransition: 'ILLEGAL_TRANSITION',
  /** The policy in force denies this use (and no exception waives it); `fields` carry the reasons. */
  PolicyDenied: 'POLICY_DENIED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  /**
   * The GraphQL document is over a limit (depth, aliases, directives or cost) and was refused before
   * execution; the message names the limit. Simplify the operation instead of retrying it.
   */
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  /** Too many requests from this caller in the current window (HTTP 429); retry after `retry-after` seconds. */
  RateLimited: 'RATE_LIMITED',
  /** A dependency (the database) is unavailable; retrying later may succeed. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /**
   * The `Idempotency-Key` was already used by this caller for this mutation with other arguments (in the last
   * 24 hours). Nothing ran; send the new request with a new key.
   */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /**
   * The first request with this `Idempotency-Key` is still running (or its server stopped mid-way and its
   * claim has not lapsed yet). Nothing ran; retry with the same key shortly.
   */
  IdempotencyKeyInUse: 'IDEMPOTENCY_KEY_IN_USE',
  /** Anything unexpected. The client gets no detail; the log has it, keyed by request id. */
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type FieldError = {
  /** Dotted path of the offending input field, e.g. `input.name` or `key`. */
  field: string;
  /** Human-readable reason, fit to show beside the form field. */
  reason: string;
};

/** Base class for errors that are safe to show to a client: the message is written for people. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(fields: readonly FieldError[]) {
    super(ErrorCode.ValidationFailed, describeFieldErrors(fields), fields);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, key: string) {
    super(ErrorCode.NotFound, `${entity} "${key}" was not found.`);
    this.name = 'NotFoundError';
  }
}

export function describeFieldErrors(fields: readonly FieldError[]): string {
  if (fields.length === 0) return 'The input is not valid.';
  return `The input is not valid: ${fields.map((f) => `${f.field}: ${f.reason}`).join('; ')}.`;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to do this.') {
    super(ErrorCode.Unauthenticated, message);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super(ErrorCode.Forbidden, message);
    this.name = 'ForbiddenError';
  }
}

/** Optimistic concurrency: someone changed the record since the caller read it. */
export class StaleVersionError extends DomainError {
  /** `currentVersion` is null when another change won a race and its version is not known here. */
  constructor(entity: string, expectedVersion: number, currentVersion: number | null) {
    const now = currentVersion === null ? 'it has a newer version' : `now at version ${currentVersion}`;
    super(
      ErrorCode.Conflict,
      `${entity} was changed by someone else (${now}; you edited version ${expectedVersion}). Reload it and apply your change again.`,
      [
        {
          field: 'input.expectedVersion',
          reason: `is ${expectedVersion}, but ${currentVersion === null ? 'the record has changed since' : `the record is now at version ${currentVersion}`}`,
        },
      ],
    );
    this.name = 'StaleVersionError';
  }
}

/** A workflow step that the current state does not allow, e.g. approving a withdrawn request. */
export class IllegalTransitionError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.IllegalTransition, message);
    this.name = 'IllegalTransitionError';
  }
}

/** The policy in force denies what was asked; each reason names the rule. */
export class PolicyDeniedError extends DomainError {
  constructor(reasons: readonly string[]) {
    super(
      ErrorCode.PolicyDenied,
      `The policy denies this: ${reasons.join(' ')}`,
      reasons.map((reason) => ({ field: 'input', reason })),
    );
    this.name = 'PolicyDeniedError';
  }
}

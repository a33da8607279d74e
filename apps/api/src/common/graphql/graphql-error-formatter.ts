import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldError } from '@modelgate/domain/errors';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { isDatabaseUnavailable } from '../../database/database-errors.js';

export type FormattedError = {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { code: ErrorCode; fields?: readonly FieldError[]; requestId?: string };
};

type ErrorLogger = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  503: ErrorCode.ServiceUnavailable,
};

/** Errors whose message Fastify or Mercurius wrote for clients (bad JSON, wrong content type, CSRF...). */
function isClientRequestError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error)) return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function positionOf(error: GraphQLError) {
  return { ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
}

/**
 * Turns one GraphQL error into what a client sees: a stable `extensions.code`, a readable message, and
 * never a stack trace, SQL or an internal message. Returns the HTTP status the error calls for.
 */
export function formatGraphqlError(
  error: GraphQLError,
  log: ErrorLogger,
  requestId?: string,
): { status: number; errors: FormattedError[] } {
  const original = error.originalError;

  // Mercurius wraps parse and validation failures (unknown field, bad variables, limits) in one error.
  const nested = (original as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(nested)) {
    return {
      status: 400,
      errors: nested.map((inner: GraphQLError | Error) => {
        // The parser recurses into nested values; a document nested deep enough (within the token limit)
        // exhausts the stack. The engine's message is no help to a client.
        if (inner instanceof RangeError) {
          return { message: 'The document is nested too deeply.', extensions: { code: ErrorCode.QueryTooComplex } };
        }
        const gqlError = inner instanceof GraphQLError ? inner : new GraphQLError(inner.message);
        const code =
          gqlError.extensions.code === ErrorCode.QueryTooComplex
            ? ErrorCode.QueryTooComplex
            : gqlError.message.startsWith('Syntax Error')
              ? ErrorCode.GraphqlParseFailed
              : ErrorCode.GraphqlValidationFailed;
        return { message: gqlError.message, ...positionOf(gqlError), extensions: { code } };
      }),
    };
  }

  // graphql-js errors with no path come before execution: with graphql-jit, variables that do not fit
  // their declared types are reported this way (not wrapped like validation errors) on compiled queries.
  // graphql-jit keeps what a scalar threw (e.g. "JSON must not nest more than 64 levels deep") as the
  // original error, and says only "Expected type JSON." itself.
  if (!error.path && (!original || original instanceof GraphQLError)) {
    const message =
      original && !error.message.includes(original.message) ? `${error.message} ${original.message}` : error.message;
    return {
      status: 400,
      errors: [{ message, ...positionOf(error), extensions: { code: ErrorCode.GraphqlValidationFailed } }],
    };
  }

  if (original instanceof DomainError) {
    const extensions = { code: original.code, ...(original.fields.length ? { fields: original.fields } : {}) };
    return { status: 200, errors: [{ message: original.message, ...positionOf(error), extensions }] };
  }

  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code = HTTP_STATUS_CODES[status] ?? (status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal);
    if (code !== ErrorCode.Internal) {
      return { status: 200, errors: [{ message: original.message, ...positionOf(error), extensions: { code } }] };
    }
  }

  if (isDatabaseUnavailable(original)) {
    log.warn({ err: { message: 'database unavailable' }, path: error.path }, 'GraphQL request failed: database unavailable');
    const message = 'The database is unavailable. Try again shortly.';
    return {
      status: 200,
      errors: [
        {
          message,
          ...positionOf(error),
          extensions: { code: ErrorCode.ServiceUnavailable, ...(requestId ? { requestId } : {}) },
        },
      ],
    };
  }

  if (isClientRequestError(original)) {
    const code = original.statusCode === 429 ? ErrorCode.RateLimited : ErrorCode.BadRequest;
    return { status: original.statusCode, errors: [{ message: original.message, extensions: { code } }] };
  }

  if (!original) {
    // Raised by graphql-js itself during execution (e.g. a non-null field resolved to null).
    log.warn({ err: { message: error.message, path: error.path } }, 'GraphQL execution error');
  } else {
    log.error({ err: original, path: error.path }, 'Unexpected error while handling a GraphQL request');
  }
  return {
    status: 200,
    errors: [
      {
        message: 'Internal server error. The request id identifies it in the server log.',
        ...positionOf(error),
        extensions: { code: ErrorCode.Internal, ...(requestId ? { requestId } : {}) },
      },
    ],
  };
}

/** Mercurius `errorFormatter`: formats every error and picks the response status. */
export function graphqlErrorFormatter(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  context: MercuriusContext,
) {
  const request = context.reply?.request;
  const log: ErrorLogger = request?.log ?? context.app.log;
  const results = execution.errors.map((error) => formatGraphqlError(error, log, request?.id));
  const errors = results.flatMap((r) => r.errors);
  // With partial data the answer is 200, as GraphQL over HTTP asks; without, the most specific status.
  const statusCode = execution.data ? 200 : Math.max(200, ...results.map((r) => r.status));
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

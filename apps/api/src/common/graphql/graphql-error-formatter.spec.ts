import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { ErrorCode, NotFoundError, ValidationError } from '@modelgate/domain/errors';
import { GraphQLError } from 'graphql';
import { formatGraphqlError } from './graphql-error-formatter.js';

const logged: Array<{ level: string; obj: object }> = [];
const log = {
  warn: (obj: object) => logged.push({ level: 'warn', obj }),
  error: (obj: object) => logged.push({ level: 'error', obj }),
};
const fromResolver = (original: Error) => new GraphQLError(original.message, { path: ['field'], originalError: original });

describe('formatGraphqlError', () => {
  it('masks an unexpected error: generic message, INTERNAL_SERVER_ERROR, request id, and logs the real one', () => {
    const secret = new Error('relation "app_setting" does not exist: SELECT * FROM app_setting');
    const { status, errors } = formatGraphqlError(fromResolver(secret), log, 'req-1');
    expect(status).toBe(200);
    expect(errors).toEqual([
      {
        message: 'Internal server error. The request id identifies it in the server log.',
        path: ['field'],
        extensions: { code: ErrorCode.Internal, requestId: 'req-1' },
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('SELECT');
    expect(logged.at(-1)).toMatchObject({ level: 'error', obj: { err: secret } });
  });

  it('keeps a domain error message and its fields', () => {
    const { errors } = formatGraphqlError(
      fromResolver(new ValidationError([{ field: 'input.name', reason: 'is required' }])),
      log,
    );
    expect(errors[0]).toMatchObject({
      message: 'The input is not valid: input.name: is required.',
      extensions: { code: ErrorCode.ValidationFailed, fields: [{ field: 'input.name', reason: 'is required' }] },
    });
    expect(formatGraphqlError(fromResolver(new NotFoundError('Model', 'x')), log).errors[0]?.extensions.code).toBe(
      ErrorCode.NotFound,
    );
  });

  it('maps Nest HTTP exceptions to stable codes', () => {
    expect(formatGraphqlError(fromResolver(new ForbiddenException()), log).errors[0]?.extensions.code).toBe(ErrorCode.Forbidden);
    expect(formatGraphqlError(fromResolver(new BadRequestException('no')), log).errors[0]?.extensions.code).toBe(
      ErrorCode.BadRequest,
    );
  });

  it('maps a database outage to SERVICE_UNAVAILABLE without details', () => {
    const outage = Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), {
      code: 'P1001',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    const { errors } = formatGraphqlError(fromResolver(outage), log, 'req-2');
    expect(errors[0]).toMatchObject({ extensions: { code: ErrorCode.ServiceUnavailable, requestId: 'req-2' } });
    expect(JSON.stringify(errors)).not.toContain('10.0.0.5');
  });

  it('expands wrapped validation errors, telling parse from validation failures', () => {
    const wrapped = Object.assign(new Error('Graphql validation error'), {
      statusCode: 400,
      errors: [new GraphQLError('Syntax Error: Unexpected <EOF>.'), new GraphQLError('Cannot query field "x" on type "Query".')],
    });
    const { status, errors } = formatGraphqlError(new GraphQLError(wrapped.message, { originalError: wrapped }), log);
    expect(status).toBe(400);
    expect(errors.map((e) => e.extensions.code)).toEqual([ErrorCode.GraphqlParseFailed, ErrorCode.GraphqlValidationFailed]);
  });

  it('reports what a scalar refused in a compiled query as a validation failure, with the scalar’s reason', () => {
    const fromScalar = new GraphQLError('JSON must not nest more than 64 levels deep');
    const jitError = new GraphQLError('Variable "$policy" got invalid value [[[Array]]]; Expected type JSON.', {
      originalError: fromScalar,
    });
    const { status, errors } = formatGraphqlError(jitError, log);
    expect(status).toBe(400);
    expect(errors).toEqual([
      {
        message:
          'Variable "$policy" got invalid value [[[Array]]]; Expected type JSON. JSON must not nest more than 64 levels deep',
        extensions: { code: ErrorCode.GraphqlValidationFailed },
      },
    ]);
  });

  it('reports a parser that ran out of stack as a document nested too deeply, not the engine message', () => {
    const wrapped = Object.assign(new Error('Graphql validation error'), {
      statusCode: 400,
      errors: [new RangeError('Maximum call stack size exceeded')],
    });
    const { status, errors } = formatGraphqlError(new GraphQLError(wrapped.message, { originalError: wrapped }), log);
    expect(status).toBe(400);
    expect(errors).toEqual([{ message: 'The document is nested too deeply.', extensions: { code: ErrorCode.QueryTooComplex } }]);
  });
});

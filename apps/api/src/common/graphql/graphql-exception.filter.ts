import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every error thrown in a resolver to GraphQL untouched. Nest's default filter would log
 * expected domain errors (validation, not found) as failures; the GraphQL error formatter decides
 * what is logged and what the client sees.
 */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  catch(exception: unknown): unknown {
    return exception;
  }
}

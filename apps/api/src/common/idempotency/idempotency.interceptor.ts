import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Actor } from '../auth/actor.js';
import {
  countRootFields,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  parseIdempotencyKey,
  requestFingerprint,
} from './idempotency-key.js';
import { IdempotencyKeyNotApplicableError, InvalidIdempotencyKeyError } from './idempotency.errors.js';
import { IdempotencyService } from './idempotency.service.js';
import { IDEMPOTENT_MUTATION, idempotentMutationNames } from './idempotent.decorator.js';

type IdempotencyContext = { req?: FastifyRequest; reply?: FastifyReply; actor: Actor };

function principalOf(actor: Actor): string | null {
  const { principal } = actor;
  if (principal.kind === 'user') return `user:${principal.userId}`;
  if (principal.kind === 'token') return `token:${principal.tokenId}`;
  return null;
}

/**
 * The `Idempotency-Key` header on GraphQL mutations (global; runs after the authorization guard, before
 * input validation). Without the header, or on a query, it does nothing. With it, the operation must be
 * exactly one mutation field marked @Idempotent(): that mutation then runs at most once per caller, mutation
 * and key (see IdempotencyService), and every repeat answers with the first result. Anything else with a
 * key is refused before it runs, so a client never believes a retry is safe when it is not.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const request = gql.getContext<IdempotencyContext>().req;
    const header = request?.headers[IDEMPOTENCY_KEY_HEADER];
    const info = gql.getInfo<GraphQLResolveInfo>();
    const rootMutationField =
      info.operation.operation === OperationTypeNode.MUTATION && info.parentType === info.schema.getMutationType();
    if (header === undefined || !rootMutationField) return next.handle();
    const idempotent = this.reflector.get<boolean | undefined>(IDEMPOTENT_MUTATION, context.getHandler()) ?? false;
    return from(this.runOnce(gql, header, info, idempotent, next));
  }

  private async runOnce(
    gql: GqlExecutionContext,
    header: string | string[],
    info: GraphQLResolveInfo,
    idempotent: boolean,
    next: CallHandler,
  ): Promise<unknown> {
    const parsed = parseIdempotencyKey(header);
    if (!parsed.ok) throw new InvalidIdempotencyKeyError(parsed.reason);
    const operation = info.fieldName;
    const fields = countRootFields(info.operation.selectionSet, info.fragments);
    if (fields !== 1) {
      throw new IdempotencyKeyNotApplicableError(
        `An Idempotency-Key covers exactly one mutation, and this request has ${fields} mutation fields; nothing was run. Send each mutation in its own request with its own key.`,
      );
    }
    if (!idempotent) {
      throw new IdempotencyKeyNotApplicableError(
        `${operation} does not take an Idempotency-Key (only ${idempotentMutationNames().join(', ')} do); nothing was run. Send it without the header.`,
      );
    }
    const { actor, req, reply } = gql.getContext<IdempotencyContext>();
    const principal = principalOf(actor);
    if (!principal) {
      throw new IdempotencyKeyNotApplicableError('An Idempotency-Key needs a signed-in caller or an API token; nothing was run.');
    }
    const fingerprint = requestFingerprint(operation, gql.getArgs<Record<string, unknown>>());
    const outcome = await this.idempotency.run({ principal, operation, key: parsed.key }, fingerprint, () =>
      lastValueFrom(next.handle()),
    );
    if (outcome.replayed) {
      // Not a change, so not audited; logged so that operators can tell retries from registrations.
      req?.log.info({ operation, idempotentReplay: true }, 'idempotent request answered with the stored result');
      void reply?.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    }
    return outcome.value;
  }
}

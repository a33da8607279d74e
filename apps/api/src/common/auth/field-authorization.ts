import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { refusalError, refusalReason, type AccessRefusals } from './access-refusals.js';
import { FIELD_ACCESS_EXTENSION, type GraphqlContext, type RequiredAbility } from './authorization.decorators.js';

/** A field's rule as `@Allow` or `@Public` put it in the schema; none means the field is denied. */
type FieldAccess = RequiredAbility | true | undefined;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Authorises every field resolver (`@ResolveField`) below the root operations, which the AuthorizationGuard covers: a
 * field runs only when its rule allows the caller, and a field resolver without a rule never runs. This replaces
 * Nest's guard on field resolvers, which ran its whole pipeline (execution context, guard consumer, a promise) for
 * every field of every row: about 7% of the inventory list's CPU at 50 rows. A refusal is audited once per request
 * and field, and each row's field fails with it.
 */
export function authorizeFieldResolvers<Resolvers extends object>(
  resolvers: Resolvers | Resolvers[],
  refusals: AccessRefusals,
): Resolvers | Resolvers[] {
  return Array.isArray(resolvers)
    ? resolvers.map((map) => authorizeResolverMap(map, refusals))
    : authorizeResolverMap(resolvers, refusals);
}

function authorizeResolverMap<Resolvers extends object>(resolvers: Resolvers, refusals: AccessRefusals): Resolvers {
  return Object.fromEntries(
    Object.entries(resolvers).map(([type, fields]: [string, unknown]) => [
      type,
      // Object types' resolvers come as plain objects; scalars as GraphQLScalarType instances, left as they are.
      ROOT_TYPES.has(type) || !isPlainObject(fields)
        ? fields
        : Object.fromEntries(
            Object.entries(fields).map(([field, resolve]) => [
              field,
              typeof resolve === 'function' && !field.startsWith('__')
                ? authorized(resolve as GraphQLFieldResolver<unknown, GraphqlContext>, refusals)
                : resolve,
            ]),
          ),
    ]),
  ) as Resolvers;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** The rule is read from the schema, where `@Allow` left it as the field's extension. */
function accessOf(info: GraphQLResolveInfo): FieldAccess {
  return info.parentType.getFields()[info.fieldName]?.extensions[FIELD_ACCESS_EXTENSION] as FieldAccess;
}

function authorized(
  resolve: GraphQLFieldResolver<unknown, GraphqlContext>,
  refusals: AccessRefusals,
): GraphQLFieldResolver<unknown, GraphqlContext> {
  return (source, args, context, info) => {
    const access = accessOf(info);
    return access === true || (access && context.actor.ability.can(access.action, access.subject))
      ? resolve(source, args, context, info)
      : refusalOf(context, info, access, refusals);
  };
}

/** Each request's refusals, by field: a list's rows share one (and one audit event). */
const refusalsOfRequest = new WeakMap<object, Map<string, Promise<never>>>();

function refusalOf(
  context: GraphqlContext,
  info: GraphQLResolveInfo,
  access: RequiredAbility | undefined,
  refusals: AccessRefusals,
): Promise<never> {
  const field = `${info.parentType.name}.${info.fieldName}`;
  let ofRequest = refusalsOfRequest.get(context);
  if (!ofRequest) refusalsOfRequest.set(context, (ofRequest = new Map<string, Promise<never>>()));
  let refusal = ofRequest.get(field);
  if (!refusal) {
    refusal = refusals.refuse(context.actor, field, refusalReason(access), refusalError(context.actor));
    ofRequest.set(field, refusal);
  }
  return refusal;
}

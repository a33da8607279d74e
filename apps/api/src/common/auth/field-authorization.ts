import { MetadataScanner } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import type { GraphQLFieldResolver } from 'graphql';
import { refusalError, refusalReason, type AccessRefusals } from './access-refusals.js';
import { accessRuleOf, type GraphqlContext, type RequiredAbility } from './authorization.decorators.js';

/** A field resolver's rule: `@Allow`'s ability, `true` for `@Public`, none (denied) when it has neither. */
export type FieldAccess = RequiredAbility | true | undefined;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The rule of every field resolver (`@ResolveField`) of these classes, by `Type.field`, read from their decorators as
 * the guard reads them: the method's first, else the class's. Call it once Nest has built the schema's metadata.
 */
export function fieldRulesOf(classes: Iterable<unknown>): Map<string, FieldAccess> {
  const rules = new Map<string, FieldAccess>();
  const scanner = new MetadataScanner();
  for (const candidate of classes) {
    if (typeof candidate !== 'function' || !candidate.prototype) continue;
    const prototype = candidate.prototype as Record<string, object>;
    const typeOfClass = Reflect.getMetadata(RESOLVER_TYPE_METADATA, candidate) as unknown;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = prototype[methodName]!;
      if (!Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method)) continue;
      const type = (Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as unknown) ?? typeOfClass;
      if (typeof type !== 'string') continue;
      const field = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? methodName;
      const { isPublic, required } = accessRuleOf(method, candidate);
      rules.set(`${type}.${field}`, isPublic ? true : required);
    }
  }
  return rules;
}

/**
 * Authorises every field resolver below the root operations, which the AuthorizationGuard covers: a field runs only
 * when its rule (from `fieldRulesOf`) allows the caller, and a field resolver without a rule never runs. This
 * replaces Nest's guard on field resolvers, which ran its whole pipeline (execution context, guard consumer, a
 * promise) for every field of every row: about 7% of the inventory list's CPU at 50 rows. A refusal is audited once
 * per request and field, and each row's field fails with it.
 */
export function authorizeFieldResolvers<Resolvers extends object>(
  resolvers: Resolvers | Resolvers[],
  rules: ReadonlyMap<string, FieldAccess>,
  refusals: AccessRefusals,
): Resolvers | Resolvers[] {
  return Array.isArray(resolvers)
    ? resolvers.map((map) => authorizeResolverMap(map, rules, refusals))
    : authorizeResolverMap(resolvers, rules, refusals);
}

function authorizeResolverMap<Resolvers extends object>(
  resolvers: Resolvers,
  rules: ReadonlyMap<string, FieldAccess>,
  refusals: AccessRefusals,
): Resolvers {
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
                ? authorized(
                    resolve as GraphQLFieldResolver<unknown, GraphqlContext>,
                    rules.get(`${type}.${field}`),
                    `${type}.${field}`,
                    refusals,
                  )
                : resolve,
            ]),
          ),
    ]),
  ) as Resolvers;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function authorized(
  resolve: GraphQLFieldResolver<unknown, GraphqlContext>,
  access: FieldAccess,
  field: string,
  refusals: AccessRefusals,
): GraphQLFieldResolver<unknown, GraphqlContext> {
  if (access === true) return resolve;
  return (source, args, context, info) =>
    access && context.actor.ability.can(access.action, access.subject)
      ? resolve(source, args, context, info)
      : refusalOf(context, field, access, refusals);
}

/** Each request's refusals, by field: a list's rows share one (and one audit event). */
const refusalsOfRequest = new WeakMap<object, Map<string, Promise<never>>>();

function refusalOf(
  context: GraphqlContext,
  field: string,
  access: RequiredAbility | undefined,
  refusals: AccessRefusals,
): Promise<never> {
  let ofRequest = refusalsOfRequest.get(context);
  if (!ofRequest) refusalsOfRequest.set(context, (ofRequest = new Map<string, Promise<never>>()));
  let refusal = ofRequest.get(field);
  if (!refusal) {
    refusal = refusals.refuse(context.actor, field, refusalReason(access), refusalError(context.actor));
    ofRequest.set(field, refusal);
  }
  return refusal;
}

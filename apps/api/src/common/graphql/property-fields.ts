import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * `Type.field` of every resolver the resolver classes define (`@Query`, `@Mutation`, `@ResolveField`), from the
 * resolver map Nest hands to `transformResolvers`.
 */
export function definedResolversOf(resolvers: object | readonly object[]): Set<string> {
  const defined = new Set<string>();
  for (const map of Array.isArray(resolvers) ? resolvers : [resolvers]) {
    for (const [type, fields] of Object.entries(map as Record<string, unknown>)) {
      if (typeof fields !== 'object' || fields === null || Object.getPrototypeOf(fields) !== Object.prototype) continue;
      for (const [field, resolve] of Object.entries(fields)) {
        if (typeof resolve === 'function') defined.add(`${type}.${field}`);
      }
    }
  }
  return defined;
}

/**
 * Lets graphql-jit read plain `@Field` properties inline. Nest's code-first schema gives every such field a resolver
 * that returns its parent's property; to graphql-jit any resolver makes a field "deferred", which costs a resolve info,
 * a response path and three closures per field of every row: a quarter of what an inventory list request allocated.
 *
 * Only resolvers outside `defined` (see `definedResolversOf`) are candidates, and one is removed only when a probe shows
 * it reads nothing but the parent's property of the field's own name and returns it as it is, defined or not. A
 * renamed property, a default value or a field middleware keeps its resolver. Changes the schema in place.
 */
export function readPropertiesInline(schema: GraphQLSchema, defined: ReadonlySet<string>): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve && !defined.has(`${type.name}.${field.name}`) && onlyReadsProperty(field.resolve, field.name)) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}

function onlyReadsProperty(resolve: GraphQLFieldResolver<unknown, unknown>, name: string): boolean {
  const present = {};
  try {
    return answersWith(resolve, name, present) === present && answersWith(resolve, name, undefined) === undefined;
  } catch {
    return false;
  }
}

const NOT_THE_PROPERTY = Symbol('read another property');

/** What `resolve` answers for a parent whose every property reads `value`, or NOT_THE_PROPERTY if it read another. */
function answersWith(resolve: GraphQLFieldResolver<unknown, unknown>, name: string, value: unknown): unknown {
  let readOther = false;
  const parent = new Proxy(
    {},
    {
      get: (_, key) => {
        if (key !== name) readOther = true;
        return value;
      },
    },
  );
  const answer = resolve(parent, {}, {}, undefined as never);
  // A resolver that answers with a promise is kept; one that fails later must not become an unhandled rejection.
  if (answer instanceof Promise) answer.catch(() => undefined);
  return readOther ? NOT_THE_PROPERTY : answer;
}

import { MAX_INPUT_DEPTH } from '@modelgate/domain/validation';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const TOO_DEEP = `JSON must not nest more than ${MAX_INPUT_DEPTH} levels deep`;

function literalValue(node: ValueNode, depth = 0): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      if (depth === MAX_INPUT_DEPTH) throw new GraphQLError(TOO_DEEP);
      return node.values.map((value) => literalValue(value, depth + 1));
    case Kind.OBJECT:
      if (depth === MAX_INPUT_DEPTH) throw new GraphQLError(TOO_DEEP);
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value, depth + 1)]));
    default:
      throw new TypeError(`JSON cannot represent a ${node.kind} literal`);
  }
}

/** The value, refused when nested deeper than MAX_INPUT_DEPTH; walked without recursion, however deep. */
function jsonValue(value: unknown): unknown {
  const pending: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { item, depth } = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth === MAX_INPUT_DEPTH) throw new GraphQLError(TOO_DEEP);
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push({ item: child, depth: depth + 1 });
  }
  return value;
}

/** Arbitrary JSON values (settings, evidence metadata), at most MAX_INPUT_DEPTH levels deep. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: jsonValue,
  parseLiteral: (node) => literalValue(node),
});

import { createHash } from 'node:crypto';
import { canonicalJson } from '@modelgate/domain/audit';
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The pure rules of `Idempotency-Key` (no Nest, no Prisma): what a valid key is, what makes two requests
 * "the same", and how a result is kept so that replaying it gives back the very same values.
 */

/** The header as Fastify presents it (lower-cased). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on a response that replays a stored result instead of running the mutation again. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export type ParsedIdempotencyKey = { ok: true; key: string } | { ok: false; reason: string };

/**
 * A key is 1 to 255 printable ASCII characters (space to `~`), as sent (`Idempotency-Key: 5f1c...`) or as the
 * IETF draft's quoted string (`Idempotency-Key: "5f1c..."`, where `\"` and `\\` are escapes). Both forms of
 * the same characters are the same key.
 */
export function parseIdempotencyKey(header: unknown): ParsedIdempotencyKey {
  if (typeof header !== 'string') return { ok: false, reason: 'must be sent once, as one value' };
  let key = header;
  if (header.startsWith('"')) {
    const quoted = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(header);
    if (!quoted) return { ok: false, reason: 'is a quoted string that is not closed or has an escape other than \\" and \\\\' };
    key = quoted[1]!.replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0) return { ok: false, reason: 'is empty' };
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    return { ok: false, reason: `is ${key.length} characters long (at most ${MAX_IDEMPOTENCY_KEY_LENGTH})` };
  if (!PRINTABLE_ASCII.test(key)) return { ok: false, reason: 'may contain printable ASCII characters only' };
  return { ok: true, key };
}

/**
 * What makes two requests the same: SHA-256 (hex) of the canonical JSON of the mutation's name and its
 * arguments as the client sent them (after variables are substituted), so neither the document's layout,
 * the variable names nor the order of object members matter, but every value does.
 */
export function requestFingerprint(operation: string, args: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ operation, arguments: args ?? {} }))
    .digest('hex');
}

/**
 * The root fields an operation selects, counting those in fragments. An `Idempotency-Key` covers exactly one.
 * Fields are counted as written: two selections of the same field count twice.
 */
export function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  visited: Set<string> = new Set(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, fragments, visited);
    else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) count += countRootFields(fragment.selectionSet, fragments, visited);
    }
  }
  return count;
}

/** JSON that keeps what plain JSON loses in a mutation's result: dates, big integers and bytes. */
export type StoredResult = null | boolean | number | string | StoredResult[] | { [member: string]: StoredResult };

/**
 * Tags are objects with a `$mg` member. A result object that has a `$mg` member of its own is wrapped
 * (`{ "$mg": "object", "v": {...} }`), so no stored value is ever mistaken for a tag.
 */
const TAG = '$mg';

/** Encodes a resolver's return value for a JSON column; `decodeResult` gives back an equal value. */
export function encodeResult(value: unknown): StoredResult {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null; // what JSON (and GraphQL) make of NaN and Infinity
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'object':
      break;
    default:
      return null; // functions and symbols are not data
  }
  if (value instanceof Date) return { [TAG]: 'date', v: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  if (value instanceof Uint8Array) return { [TAG]: 'bytes', v: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeResult);
  const members: Record<string, StoredResult> = {};
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    if (member !== undefined)
      Object.defineProperty(members, name, { value: encodeResult(member), enumerable: true, writable: true, configurable: true });
  }
  return Object.hasOwn(members, TAG) ? { [TAG]: 'object', v: members } : members;
}

export function decodeResult(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object') return stored;
  if (Array.isArray(stored)) return stored.map(decodeResult);
  const object = stored as Record<string, unknown>;
  if (Object.hasOwn(object, TAG)) {
    const tagged = object.v;
    switch (object[TAG]) {
      case 'date':
        return new Date(typeof tagged === 'string' ? tagged : Number.NaN);
      case 'bigint':
        return BigInt(tagged as string);
      case 'bytes':
        return new Uint8Array(Buffer.from(tagged as string, 'base64'));
      case 'object':
        return decodeMembers(tagged as Record<string, unknown>);
      default:
        throw new TypeError(`unknown stored result tag ${String(object[TAG])}`);
    }
  }
  return decodeMembers(object);
}

function decodeMembers(object: Record<string, unknown>): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(object)) {
    Object.defineProperty(members, name, { value: decodeResult(member), enumerable: true, writable: true, configurable: true });
  }
  return members;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined` members dropped.
 * Two equal values always give the same text, which is what a hash over them needs. Audit hashes and
 * signed checkpoints are computed over this text: its output must never change (hash-format.spec.ts
 * holds it to the first implementation).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('cannot hash a non-finite number');
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return arrayJson(value);
  return objectJson(value as Record<string, unknown>);
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, and lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its cost for the common string that needs no escaping. */
function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function arrayJson(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) text += ',';
    const item = items[index];
    // A hole in a sparse array prints as nothing, as Array.prototype.join did in the first implementation.
    text += item === undefined ? (index in items ? 'null' : '') : canonicalJson(item);
  }
  return `${text}]`;
}

function objectJson(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  // Without a comparator, sort orders strings by UTF-16 code unit, as `<` does. Keys often come sorted already.
  for (let index = 1; index < keys.length; index++) {
    if (keys[index - 1]! > keys[index]!) {
      keys.sort();
      break;
    }
  }
  let text = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quote(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/**
 * What a JSON column gives back for a value: plain JSON, no `undefined`, no Dates, no NUL characters
 * (PostgreSQL's jsonb refuses \u0000). Hash this form, so a value hashes the same before storing and
 * after reading it back.
 */
export function toStorableJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_key, member: unknown) =>
      typeof member === 'string' ? member.replaceAll('\u0000', '\uFFFD') : member,
    ),
  ) as unknown;
}

import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors.js';

/** Converts zod issues into field errors whose paths are prefixed with the argument name. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], root?: string): FieldError[] {
  return issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '');
    return { field: path.length > 0 ? path.join('.') : '(input)', reason: issue.message };
  });
}

/**
 * Paths of every text in `value` that holds a NUL character. PostgreSQL cannot store one in text or
 * JSON, and no person types it: such input is refused up front, naming the field.
 */
export function nulCharacterPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterPaths(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes('\u0000') ? [[...path, key].join('.')] : []),
      ...nulCharacterPaths(item, [...path, key]),
    ]);
  }
  return [];
}

/** Parses `value` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const withNul = nulCharacterPaths(value, root ? [root] : []);
  if (withNul.length) {
    throw new ValidationError(withNul.map((field) => ({ field: field || '(input)', reason: 'must not contain NUL characters' })));
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error.issues, root));
  return result.data;
}

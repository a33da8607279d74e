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
 * How deeply input values may nest (each object or array is a level). No input of ours comes near it; deeper
 * JSON would exhaust the stack of whatever walks it, so it is refused before anything does.
 */
export const MAX_INPUT_DEPTH = 64;

/** At most this many problems are reported for one input, however many it holds. */
const MAX_INPUT_PROBLEMS = 20;

/**
 * What is wrong with `value` whatever its schema: text holding a NUL character (PostgreSQL cannot store one in
 * text or JSON, and no person types it) and nesting deeper than MAX_INPUT_DEPTH (not looked into). Each problem
 * names its field; such input is refused up front.
 */
export function unsafeInputProblems(value: unknown, path: string[] = []): FieldError[] {
  const problems: FieldError[] = [];
  // One path, extended and shortened as the walk goes: lists of a million items are walked in milliseconds.
  const at = [...path];
  const report = (reason: string) => problems.push({ field: at.join('.') || '(input)', reason });
  const child = (key: string, item: unknown, depth: number) => {
    at.push(key);
    if (key.includes('\u0000')) report('must not contain NUL characters');
    visit(item, depth);
    at.pop();
  };
  const visit = (item: unknown, depth: number): void => {
    if (problems.length >= MAX_INPUT_PROBLEMS) return;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) report('must not contain NUL characters');
      return;
    }
    if (item === null || typeof item !== 'object') return;
    if (depth === MAX_INPUT_DEPTH) {
      report(`must not nest more than ${MAX_INPUT_DEPTH} levels deep`);
      return;
    }
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length && problems.length < MAX_INPUT_PROBLEMS; index += 1) {
        // Strings and numbers, the usual items, need no path unless they hold a NUL.
        const element: unknown = item[index];
        if (typeof element === 'object' || (typeof element === 'string' && element.includes('\u0000'))) {
          child(String(index), element, depth + 1);
        }
      }
      return;
    }
    for (const [key, entry] of Object.entries(item)) {
      if (problems.length >= MAX_INPUT_PROBLEMS) return;
      child(key, entry, depth + 1);
    }
  };
  visit(value, 0);
  return problems.slice(0, MAX_INPUT_PROBLEMS);
}

/** Parses `value` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const unsafe = unsafeInputProblems(value, root ? [root] : []);
  if (unsafe.length) throw new ValidationError(unsafe);
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error.issues, root));
  return result.data;
}

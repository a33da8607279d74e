import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors.js';

/** Converts zod issues into field errors whose paths are prefixed with the argument name. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], root?: string): FieldError[] {
  return issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '');
    return { field: path.length > 0 ? path.join('.') : '(input)', reason: issue.message };
  });
}

/** Parses `value` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error.issues, root));
  return result.data;
}

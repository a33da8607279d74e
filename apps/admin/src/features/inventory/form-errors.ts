import { GraphqlRequestError } from '../../lib/graphql-client';
import { translateDomainText } from '../../i18n/domain-text';

/** Field errors keyed by dotted path without the `input.` prefix, e.g. `familyName` or `bases.0.modelVersionId`. */
export type FieldErrors = Record<string, string>;

/** The issues of a failed `safeParse` of a shared zod schema. */
type ValidationIssues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

export function zodFieldErrors(error: ValidationIssues): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join('.')] ??= translateDomainText(issue.message);
  return errors;
}

export function serverFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof GraphqlRequestError)) return {};
  const errors: FieldErrors = {};
  for (const field of error.fields) errors[field.field.replace(/^input\./, '')] ??= field.reason;
  return errors;
}

/**
 * An error to show above the form: one that no field explains. A refusal of the input as a whole (a policy denial
 * names the field `input`) belongs to no field, so it is shown here too, not swallowed (WCAG 3.3.1).
 */
export function formLevelError(error: unknown): Error | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof GraphqlRequestError && error.fields.some((field) => field.field.startsWith('input.'))) return null;
  return error;
}

export function isConflict(error: unknown): boolean {
  return error instanceof GraphqlRequestError && error.code === 'CONFLICT';
}

/** '' and whitespace become null, so optional text fields are left out rather than sent empty. */
export function blankToNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

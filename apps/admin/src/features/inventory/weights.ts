import { GRANTED_STATES, RequestState } from '@modelgate/domain/approvals';
import { weightsDigestInput, type ChecksumListing } from '@modelgate/domain/inventory';
import type { FieldErrors } from './form-errors';
import { t } from './messages';

/** One file as a pasted `sha256sum` listing names it. */
export type ListedWeightFile = ChecksumListing['files'][number];

/**
 * The checksum the API gives a version for these files (`weightsDigestInput`): one file's own SHA-256, else
 * the SHA-256 of the sorted `sha256sum` lines. Null when there is nothing to hash, or when the browser cannot
 * hash (Web Crypto exists only on HTTPS and localhost).
 */
export async function weightsDigest(files: readonly ListedWeightFile[]): Promise<string | null> {
  if (files.length === 0) return null;
  const input = weightsDigestInput(files);
  if ('single' in input) return input.single;
  if (!window.isSecureContext) return null;
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input.manifest));
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether two lists name the same files with the same checksums, in any order (then the digest stays too). */
export function sameWeightFiles(a: readonly ListedWeightFile[], b: readonly ListedWeightFile[]): boolean {
  if (a.length !== b.length) return false;
  const line = (file: ListedWeightFile) => `${file.sha256}  ${file.path}`;
  const listed = new Set(a.map(line));
  return b.every((file) => listed.has(line(file)));
}

/** Requests bound to the checksum they were submitted with that still count: granted, suspended, or being decided. */
const WEIGHTS_BOUND_STATES: readonly string[] = [
  ...GRANTED_STATES,
  RequestState.Suspended,
  RequestState.Submitted,
  RequestState.InReview,
];

/**
 * The approval requests that cover the version's weights now and would no longer cover them with the
 * checksum `next` (null: not known before saving, so every one that covers now).
 */
export function requestsLosingCover<T extends { state: string; weightsSha256?: string | null }>(
  requests: readonly T[],
  current: string | null,
  next: string | null,
): T[] {
  return requests.filter(
    (request) =>
      WEIGHTS_BOUND_STATES.includes(request.state) &&
      (request.weightsSha256 ?? null) === current &&
      (next === null || request.weightsSha256 !== next),
  );
}

/** A line of the listing that is not read, in a sentence: "Line 3 is not a checksum line…", "Line 4: the path…". */
export function describeListingProblem(problem: ChecksumListing['problems'][number]): string {
  return problem.reason.startsWith('is ')
    ? t('inventory.weights.problem.is', { line: problem.line, reason: problem.reason })
    : t('inventory.weights.problem.other', { line: problem.line, reason: problem.reason });
}

const FILE_FIELD = /^files(?:\.(\d+)(?:\.(path|sha256|sizeBytes))?)?$/;
const fileFieldLabel = (part: 'path' | 'sha256' | 'sizeBytes') => t(`inventory.weights.field.${part}`);

/**
 * Field errors of the shared schema or the server, keyed as `serverFieldErrors` gives them, in sentences:
 * those about the listing (`files`, `files.2.path`, told by the file's path) apart from the rest (`id`, e.g. a
 * version offered only through an API), which `subject` (the version's title) begins.
 */
export function weightsErrorMessages(
  errors: FieldErrors,
  files: readonly ListedWeightFile[],
  subject: string,
): { listing: string[]; other: string[] } {
  const listing: string[] = [];
  const other: string[] = [];
  for (const [field, reason] of Object.entries(errors)) {
    const match = FILE_FIELD.exec(field);
    if (!match) {
      other.push(t('inventory.weights.error.sentence', { subject: field === 'id' ? subject : field, reason }));
      continue;
    }
    const [, index, part] = match;
    if (index === undefined) {
      listing.push(t('inventory.weights.error.listing', { reason }));
      continue;
    }
    const name = files[Number(index)]?.path ?? t('inventory.weights.error.fileNumber', { number: Number(index) + 1 });
    listing.push(
      part
        ? t('inventory.weights.error.fileField', { name, field: fileFieldLabel(part as 'path' | 'sha256' | 'sizeBytes'), reason })
        : t('inventory.weights.error.sentence', { subject: name, reason }),
    );
  }
  return { listing, other };
}

const SHELL_SAFE = /^[A-Za-z0-9_./:@%+=,-]+$/;
const shellWord = (word: string) => (SHELL_SAFE.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The CLI command that hashes a downloaded weights folder and attaches its checksums to the version `key`. */
export function weightsAttachCommand(key: string, url: string): string {
  return `modelgate weights attach path/to/weights --model ${shellWord(key)} --url ${shellWord(url)}`;
}

import { z } from 'zod';
import { sha256Schema } from './schemas.js';

/** A folder of weights rarely has more than a few hundred shards; this bounds one request. */
export const MAX_WEIGHT_FILES = 2_000;
export const MAX_WEIGHT_FILE_PATH = 500;

/** A path inside the weights folder: relative, forward slashes, no `.`/`..` segments, no control characters. */
export const weightFilePathSchema = z
  .string({ error: 'must be the file path inside the weights folder' })
  .min(1, 'must not be empty')
  .max(MAX_WEIGHT_FILE_PATH, `must be at most ${MAX_WEIGHT_FILE_PATH} characters`)
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function pathProblem(path: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'must not contain control characters';
  if (path.includes('\\')) return 'must use forward slashes';
  if (path.startsWith('/')) return 'must be relative to the weights folder';
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))
    return 'must not contain empty, "." or ".." segments';
  return null;
}

export const weightFileSchema = z.object({
  path: weightFilePathSchema,
  sha256: sha256Schema,
  sizeBytes: z
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .nullish()
    .transform((value) => value ?? null),
});
export type WeightFile = z.output<typeof weightFileSchema>;

/**
 * Attaches a weights folder's checksums to a model version: the files replace any attached before, and the
 * version's weights checksum becomes their digest (`weightsDigestInput`).
 */
export const attachModelWeightsInputSchema = z.object({
  id: z.uuid('must be a model version id'),
  expectedVersion: z
    .number({ error: 'must be the record version you edited' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
  files: z
    .array(weightFileSchema, { error: 'must be a list of files' })
    .min(1, 'must name at least one weight file')
    .max(MAX_WEIGHT_FILES, `must name at most ${MAX_WEIGHT_FILES} files`)
    .superRefine((files, ctx) => {
      const seen = new Set<string>();
      files.forEach((file, index) => {
        if (seen.has(file.path)) ctx.addIssue({ code: 'custom', path: [index, 'path'], message: 'is listed twice' });
        seen.add(file.path);
      });
    }),
});
export type AttachModelWeightsInput = z.output<typeof attachModelWeightsInputSchema>;

/**
 * What the version's weights checksum is computed over: one file is its own SHA-256; for several, the
 * SHA-256 of this text, the lines `sha256sum` prints (`<sha256>  <path>`), sorted by path. Anyone can
 * recompute it with `sha256sum <files> | sort -k2 | sha256sum` when paths have no spaces.
 */
export function weightsDigestInput(
  files: readonly Pick<WeightFile, 'path' | 'sha256'>[],
): { single: string } | { manifest: string } {
  if (files.length === 1) return { single: files[0]!.sha256 };
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.sha256}  ${file.path}\n`);
  return { manifest: lines.join('') };
}

export type ChecksumListing = {
  files: { path: string; sha256: string }[];
  problems: { line: number; reason: string }[];
};

const GNU_LINE = /^\\?([0-9a-fA-F]{64}) [ *](.+)$/;
const BSD_LINE = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/;

/**
 * Reads what `sha256sum` (GNU, text or binary mode) or `shasum -a 256 --tag` / BSD `sha256` print, as
 * pasted into the admin app. Leading `./` is dropped; blank lines and `#` comments are skipped.
 */
export function parseChecksumListing(text: string): ChecksumListing {
  const files: ChecksumListing['files'] = [];
  const problems: ChecksumListing['problems'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const gnu = GNU_LINE.exec(line);
    const bsd = gnu ? null : BSD_LINE.exec(line);
    const sha256 = gnu?.[1] ?? bsd?.[2];
    const path = (gnu?.[2] ?? bsd?.[1])?.replace(/^(?:\.\/)+/, '');
    if (!sha256 || !path) {
      problems.push({ line: index + 1, reason: 'is not a checksum line: expected "<sha256>  <file>"' });
      return;
    }
    const problem =
      path.length > MAX_WEIGHT_FILE_PATH ? `the path is longer than ${MAX_WEIGHT_FILE_PATH} characters` : pathProblem(path);
    if (problem) problems.push({ line: index + 1, reason: `the path ${problem}` });
    else if (files.some((file) => file.path === path)) problems.push({ line: index + 1, reason: `${path} is listed twice` });
    else files.push({ path, sha256: sha256.toLowerCase() });
  });
  return { files, problems };
}

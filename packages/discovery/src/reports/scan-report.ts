import { dataClassificationSchema, environmentSchema, sha256Schema } from '@modelgate/domain/inventory';
import { z } from 'zod';
import { FINDING_KINDS, type Finding } from '../findings.js';

/** Findings one upload may carry; a scan with more is refused rather than cut short. */
export const MAX_FINDINGS_PER_REPORT = 10_000;

/** What a finding's status can be in a stored report: a match status, or INFORMATIONAL (never matched). */
export const SCAN_FINDING_STATUSES = ['APPROVED', 'REGISTERED_NOT_APPROVED', 'UNKNOWN', 'INFORMATIONAL'] as const;
export type ScanFindingStatus = (typeof SCAN_FINDING_STATUSES)[number];

const text = (max: number, message = `must be at most ${max} characters`) => z.string().trim().max(max, message);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => value || null);
const lineNumber = z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000_000, 'is too large');

/** One finding as `modelgate scan --format json` writes it; statuses the uploader sends are ignored. */
export const scanFindingInputSchema = z
  .object({
    kind: z.enum(FINDING_KINDS, { error: `must be one of ${FINDING_KINDS.join(', ')}` }),
    reference: text(500).min(1, 'must not be empty'),
    provider: optionalText(100),
    file: text(1000).min(1, 'must not be empty'),
    line: lineNumber,
    column: lineNumber,
    // Snippets are display text cut to 200 characters by the scanner; longer ones are cut, not refused.
    snippet: z
      .string()
      .max(10_000, 'must be at most 10000 characters')
      .transform((value) => value.trim().slice(0, 400)),
    sha256: sha256Schema.nullish().transform((value) => value ?? null),
    bytes: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(Number.MAX_SAFE_INTEGER, 'is too large')
      .nullish()
      .transform((value) => value ?? null),
    inComment: z.boolean().default(false),
    informational: z.boolean().default(false),
  })
  .superRefine((finding, ctx) => {
    if (finding.kind === 'WEIGHTS_FILE' && !finding.sha256) {
      ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'a weights file needs its SHA-256' });
    }
  });
export type ScanFindingInput = z.output<typeof scanFindingInputSchema>;

/** A scan's results for one repository, and the use it was checked for. */
export const submitScanReportInputSchema = z.object({
  repository: text(300).min(1, 'must name the repository, e.g. github.com/acme/support-bot'),
  branch: optionalText(200),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{7,64}$/, 'must be a commit hash')
    .nullish()
    .transform((value) => value?.toLowerCase() ?? null),
  environment: environmentSchema,
  dataClassification: dataClassificationSchema.nullish().transform((value) => value ?? 'INTERNAL'),
  personalData: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  hostingTarget: optionalText(200),
  teamId: z
    .uuid('must be a team id')
    .nullish()
    .transform((value) => value ?? null),
  filesScanned: z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(100_000_000, 'is too large')
    .nullish()
    .transform((value) => value ?? null),
  findings: z
    .array(scanFindingInputSchema, { error: 'must be a list of findings' })
    .max(MAX_FINDINGS_PER_REPORT, `must be at most ${MAX_FINDINGS_PER_REPORT} findings`),
});
export type SubmitScanReportInput = z.output<typeof submitScanReportInputSchema>;

/** The finding fields an upload carries, from a scan's own finding. */
export function toFindingInput(finding: Finding) {
  return {
    kind: finding.kind,
    reference: finding.reference,
    provider: finding.provider,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    snippet: finding.snippet,
    sha256: finding.sha256,
    bytes: finding.bytes,
    inComment: finding.inComment,
    informational: finding.informational,
  };
}

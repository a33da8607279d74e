import { dataClassificationSchema, environmentSchema, sha256Schema } from '@modelgate/domain/inventory';
import { z } from 'zod';
import { FINDING_KINDS } from '../findings.js';

/** References one request may ask about; the command line sends several requests for more. */
export const MAX_REFERENCES_PER_REQUEST = 2000;

export const MATCH_STATUSES = ['APPROVED', 'REGISTERED_NOT_APPROVED', 'UNKNOWN'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** How a reference was tied to a model version of the inventory. */
export const MATCH_METHODS = [
  'HUGGING_FACE_REPO',
  'API_MODEL_NAME',
  'WEIGHTS_SHA256',
  'GGUF_FILE_NAME',
  'OLLAMA_TAG',
  'LOCAL_PATH_NAME',
] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

const optionalId = (what: string) =>
  z
    .uuid(`must be a ${what} id`)
    .nullish()
    .transform((value) => value ?? null);

export const modelReferenceSchema = z
  .object({
    kind: z.enum(FINDING_KINDS),
    reference: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    sha256: sha256Schema.nullish().transform((value) => value ?? null),
    /** Weight files: the file's name, for the GGUF name heuristic when the checksum is not registered. */
    fileName: z
      .string()
      .trim()
      .max(300, 'must be at most 300 characters')
      .nullish()
      .transform((value) => value || null),
  })
  .superRefine((reference, ctx) => {
    if (reference.kind === 'WEIGHTS_FILE' && !reference.sha256) {
      ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'a weights file needs its SHA-256' });
    }
  });
export type ModelReference = z.output<typeof modelReferenceSchema>;

/**
 * "Which of these references are registered, and approved for this use?" The use is an environment and a
 * data classification (default INTERNAL), optionally a hosting target (by id or name) and a team.
 */
export const matchModelReferencesInputSchema = z
  .object({
    references: z
      .array(modelReferenceSchema)
      .min(1, 'must name at least one reference')
      .max(MAX_REFERENCES_PER_REQUEST, `must be at most ${MAX_REFERENCES_PER_REQUEST} references; send several requests`),
    environment: environmentSchema,
    dataClassification: dataClassificationSchema.nullish().transform((value) => value ?? 'INTERNAL'),
    personalData: z
      .boolean()
      .nullish()
      .transform((value) => value ?? false),
    hostingTargetId: optionalId('hosting target'),
    hostingTarget: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .nullish()
      .transform((value) => value ?? null),
    teamId: optionalId('team'),
  })
  .superRefine((input, ctx) => {
    if (input.hostingTargetId && input.hostingTarget) {
      ctx.addIssue({ code: 'custom', path: ['hostingTarget'], message: 'give the hosting target by id or by name, not both' });
    }
  });
export type MatchModelReferencesInput = z.output<typeof matchModelReferencesInputSchema>;

/** The answer for one reference, as the API returns it and the scanner's outputs use it. */
export type ReferenceMatch = {
  kind: (typeof FINDING_KINDS)[number];
  reference: string;
  sha256: string | null;
  status: MatchStatus;
  matchedBy: MatchMethod | null;
  modelVersion: { id: string; key: string; versionName: string; familyName: string; provider: string; retired: boolean } | null;
  /** Why it is not approved (the approval situation, policy rules that deny it). */
  reasons: string[];
  /** A pointer for people when nothing matched, e.g. the dated snapshots of an API alias. */
  hint: string | null;
};

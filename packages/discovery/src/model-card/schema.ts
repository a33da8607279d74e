import { lineageRelationSchema, modalitySchema } from '@modelgate/domain/inventory';
import { z } from 'zod';

/** A pasted card or README.md larger than this is refused: real cards are a few kilobytes to a few dozen. */
export const MAX_MODEL_CARD_LENGTH = 200_000;

export const modelCardInputSchema = z.object({
  text: z
    .string({ error: 'must be the text of a model card' })
    .max(MAX_MODEL_CARD_LENGTH, `must be at most ${MAX_MODEL_CARD_LENGTH} characters`),
  /** The Hugging Face repository the card comes from, `owner/name`, when known. */
  repoId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Hugging Face repository written owner/name')
    .max(300, 'must be at most 300 characters')
    .nullish()
    .transform((value) => value || null),
});
export type ModelCardInput = z.output<typeof modelCardInputSchema>;

export const modelCardBaseSchema = z.object({
  /** The base model's Hugging Face repository, as the card names it. */
  repo: z.string(),
  /** Null when the card does not say and no tag tells. */
  relation: lineageRelationSchema.nullable(),
});
export type ModelCardBase = z.output<typeof modelCardBaseSchema>;

/**
 * What a model card says, in the inventory's terms: the `fields` are a partial of the create-model-version
 * input (the admin form is prefilled with them); the rest needs a person or a lookup (provider, base versions).
 */
export const modelCardDraftSchema = z.object({
  fields: z.object({
    familyName: z.string().optional(),
    versionName: z.string().optional(),
    supplier: z.string().optional(),
    distribution: z.literal('OPEN_WEIGHTS').optional(),
    huggingFaceRepo: z.string().optional(),
    sourceUrl: z.string().optional(),
    modelCardUrl: z.string().optional(),
    parameterCount: z.number().int().positive().optional(),
    modalities: z.array(modalitySchema).optional(),
    task: z.string().optional(),
    declaredLicense: z.string().optional(),
  }),
  /** The provider's name as the catalog spells it when the repository owner is known, else the owner. */
  providerName: z.string().nullable(),
  /** The license as the card wrote it (`license`, or `license_name` for `other`). */
  cardLicense: z.string().nullable(),
  licenseLink: z.string().nullable(),
  bases: z.array(modelCardBaseSchema),
  languages: z.array(z.string()),
  datasets: z.array(z.string()),
  tags: z.array(z.string()),
  /** What could not be mapped, or was guessed: each one sentence for the person confirming. */
  notes: z.array(z.string()),
});
export type ModelCardDraft = z.output<typeof modelCardDraftSchema>;

import { z } from 'zod';
import { dataClassificationSchema, environmentSchema, euAiActCategorySchema } from '../inventory/enums.js';
import { sha256Schema } from '../inventory/schemas.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => value ?? null);

/**
 * "May I use this model here?" as a pipeline asks it. The model is named by its id, its key (e.g.
 * "qwen2.5-7b-instruct"), provider and version name, or the SHA-256 of the weights; the hosting target
 * by id or name, as registered in the inventory.
 */
export const policyQuestionSchema = z
  .object({
    modelVersionId: z
      .uuid('must be a model version id')
      .nullish()
      .transform((value) => value ?? null),
    model: optionalText(200),
    provider: optionalText(200),
    weightsSha256: sha256Schema.nullish().transform((value) => value ?? null),
    environment: environmentSchema,
    hostingTargetId: z
      .uuid('must be a hosting target id')
      .nullish()
      .transform((value) => value ?? null),
    hostingTarget: optionalText(200),
    dataClassification: dataClassificationSchema,
    personalData: z.boolean().default(false),
    euAiActCategory: euAiActCategorySchema.nullish().transform((value) => value ?? null),
    teamId: z
      .uuid('must be a team id')
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine((question, ctx) => {
    if (!question.modelVersionId && !question.model && !question.weightsSha256) {
      ctx.addIssue({
        code: 'custom',
        path: ['model'],
        message: 'name the model: its id, key, provider and name, or weights SHA-256',
      });
    }
    if (question.provider && !question.model) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: 'must give the version name to go with the provider' });
    }
    if (!question.hostingTargetId && !question.hostingTarget) {
      ctx.addIssue({
        code: 'custom',
        path: ['hostingTarget'],
        message: 'name the hosting target, as registered in the inventory',
      });
    }
  });
export type PolicyQuestion = z.output<typeof policyQuestionSchema>;

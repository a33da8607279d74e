import { z } from 'zod';
import { policySetSchema } from './language.js';

const note = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .nullish()
  .transform((value) => (value ? value : null));
const expectedVersion = z.number({ error: 'must be the version you read' }).int().min(1, 'must be at least 1');

export const draftPolicyInputSchema = z.object({ policy: policySetSchema, note });
export const updatePolicyDraftInputSchema = z.object({
  id: z.uuid('must be a policy version id'),
  expectedVersion,
  policy: policySetSchema,
  note,
});
export const policyVersionStepInputSchema = z.object({ id: z.uuid('must be a policy version id'), expectedVersion });

import { z } from 'zod';
import { emailSchema, passwordSchema } from './password.js';
import { roleSchema } from './roles.js';

const displayName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const roles = z
  .array(roleSchema)
  .max(5)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a role');
const teamIds = z
  .array(z.uuid('must be a team id'))
  .max(50)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a team');
const reviewCategories = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case word such as "security"'),
  )
  .max(20);

export const createUserInputSchema = z.object({
  email: emailSchema,
  displayName,
  roles,
  teamIds: teamIds.default([]),
  reviewCategories: reviewCategories.default([]),
  /** Omit for single sign-on users, who never use a password here. */
  password: passwordSchema.nullish(),
});

export const updateUserInputSchema = z.object({
  id: z.uuid('must be a user id'),
  displayName: displayName.nullish(),
  roles: roles.nullish(),
  teamIds: teamIds.nullish(),
  reviewCategories: reviewCategories.nullish(),
  disabled: z.boolean().nullish(),
});

export const createTeamInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2 to 63 lower-case letters, digits or dashes, starting with a letter'),
  name: displayName,
});

export type CreateUserInput = z.output<typeof createUserInputSchema>;
export type UpdateUserInput = z.output<typeof updateUserInputSchema>;
export type CreateTeamInput = z.output<typeof createTeamInputSchema>;

import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'must be at most 256 characters');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'must be at most 320 characters')
  .pipe(z.email('must be an e-mail address'));

export const signInInputSchema = z.object({
  email: emailSchema,
  // Sign-in checks only presence: the stored hash decides, and old passwords may predate the policy.
  password: z.string().min(1, 'is required').max(256, 'must be at most 256 characters'),
});

/** After this many failed sign-ins in a row, the account is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export function lockoutAfterFailure(failedCount: number, now: Date): { failedCount: number; lockedUntil: Date | null } {
  const next = failedCount + 1;
  return next >= MAX_FAILED_SIGN_INS
    ? { failedCount: next, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) }
    : { failedCount: next, lockedUntil: null };
}

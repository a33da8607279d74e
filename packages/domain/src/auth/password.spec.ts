import { describe, expect, it } from '@jest/globals';
import { LOCKOUT_MINUTES, lockoutAfterFailure, MAX_FAILED_SIGN_INS, passwordSchema, signInInputSchema } from './password.js';

describe('sign-in rules', () => {
  it('locks the account for a while after too many failures in a row', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(lockoutAfterFailure(0, now)).toEqual({ failedCount: 1, lockedUntil: null });
    const locked = lockoutAfterFailure(MAX_FAILED_SIGN_INS - 1, now);
    expect(locked.failedCount).toBe(MAX_FAILED_SIGN_INS);
    expect(locked.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MINUTES * 60_000);
  });

  it('normalises the e-mail and requires a password', () => {
    expect(signInInputSchema.parse({ email: '  Ada@Example.COM ', password: 'x' })).toEqual({
      email: 'ada@example.com',
      password: 'x',
    });
    expect(signInInputSchema.safeParse({ email: 'not-an-email', password: '' }).success).toBe(false);
  });

  it('requires new passwords to be long enough', () => {
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(passwordSchema.safeParse('a long enough passphrase').success).toBe(true);
  });
});

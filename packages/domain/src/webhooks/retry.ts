/** The longest wait between two attempts, however many have failed. */
export const MAX_RETRY_DELAY_SECONDS = 86_400;

/**
 * Seconds to wait after the `attempts`-th failed attempt: `baseDelaySeconds × 2^(attempts−1)`
 * (30 s, 60 s, 120 s, ... for a base of 30 s), at most a day.
 */
export function retryDelaySeconds(attempts: number, baseDelaySeconds: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be a whole number of at least 1');
  return Math.min(baseDelaySeconds * 2 ** (attempts - 1), MAX_RETRY_DELAY_SECONDS);
}

export type FailedAttemptOutcome = { status: 'PENDING'; nextAttemptAt: Date } | { status: 'FAILED'; nextAttemptAt: null };

/**
 * What happens to a delivery after a failed attempt: another attempt after the backoff, or FAILED
 * once `attempts` (this one included) reaches `maxAttempts`.
 */
export function afterFailedAttempt(options: {
  attempts: number;
  maxAttempts: number;
  baseDelaySeconds: number;
  now: Date;
}): FailedAttemptOutcome {
  const { attempts, maxAttempts, baseDelaySeconds, now } = options;
  if (attempts >= maxAttempts) return { status: 'FAILED', nextAttemptAt: null };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, baseDelaySeconds) * 1000) };
}

/** A receiver accepted the delivery only with a 2xx status; redirects are not followed and count as failures. */
export const isSuccessfulStatus = (status: number): boolean => status >= 200 && status < 300;

import { describe, expect, it } from '@jest/globals';
import { afterFailedAttempt, isSuccessfulStatus, MAX_RETRY_DELAY_SECONDS, retryDelaySeconds } from './retry.js';

describe('webhook retries', () => {
  it('doubles the wait after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelaySeconds(attempts, 30))).toEqual([30, 60, 120, 240, 480]);
  });

  it('never waits longer than a day', () => {
    expect(retryDelaySeconds(20, 3_600)).toBe(MAX_RETRY_DELAY_SECONDS);
  });

  it('refuses a count of attempts below one', () => {
    expect(() => retryDelaySeconds(0, 30)).toThrow(RangeError);
  });

  it('schedules the next attempt after the backoff until the attempts run out', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(afterFailedAttempt({ attempts: 1, maxAttempts: 3, baseDelaySeconds: 10, now })).toEqual({
      status: 'PENDING',
      nextAttemptAt: new Date('2026-01-01T00:00:10.000Z'),
    });
    expect(afterFailedAttempt({ attempts: 2, maxAttempts: 3, baseDelaySeconds: 10, now })).toEqual({
      status: 'PENDING',
      nextAttemptAt: new Date('2026-01-01T00:00:20.000Z'),
    });
    expect(afterFailedAttempt({ attempts: 3, maxAttempts: 3, baseDelaySeconds: 10, now })).toEqual({
      status: 'FAILED',
      nextAttemptAt: null,
    });
    expect(afterFailedAttempt({ attempts: 1, maxAttempts: 1, baseDelaySeconds: 10, now }).status).toBe('FAILED');
  });

  it('counts only 2xx answers as delivered', () => {
    expect([200, 201, 204, 299].every(isSuccessfulStatus)).toBe(true);
    expect([100, 199, 300, 301, 302, 400, 410, 500, 503].some(isSuccessfulStatus)).toBe(false);
  });
});

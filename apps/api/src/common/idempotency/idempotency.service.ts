import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../jobs/clock.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { decodeResult, encodeResult } from './idempotency-key.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './idempotency.errors.js';
import { IdempotencyRepository, type IdempotencyClaim, type IdempotencyScope } from './idempotency.repository.js';

export const IDEMPOTENCY_CLEANUP_JOB = 'idempotency.cleanup';

export type IdempotentOutcome<T> = { value: T; replayed: boolean };

const HOUR_MS = 60 * 60 * 1000;

const scopeId = ({ principal, operation, key }: IdempotencyScope) => JSON.stringify([principal, operation, key]);

/**
 * Runs a registration at most once per key. The first request with a key inserts a claim row (the unique
 * index on caller, mutation and key picks one winner among concurrent requests, across instances), runs
 * the mutation and, when it succeeds, stores the result on the row. Requests that lose wait for the row
 * to complete and return its stored result; if the first request fails, its claim is deleted and the next
 * waiter runs the mutation itself. Waiting holds no database connection: waiters poll the row (and, on
 * the same instance, wake as soon as the first request settles).
 */
@Injectable()
export class IdempotencyService implements OnModuleInit {
  private readonly logger = new Logger(IdempotencyService.name);
  /** Requests running with a claim on this instance, by scope: waiters here wake when one settles. */
  private readonly running = new Map<string, Promise<unknown>>();

  /**
   * Keys are kept for `retentionMs`. A first request holds its claim for `leaseMs`; a claim older than that
   * belongs to a request whose server stopped mid-way, and the next request with the key runs it again.
   * A waiter gives up after `waitLimitMs` with IDEMPOTENCY_KEY_IN_USE. Tests shorten these.
   */
  readonly timing = {
    retentionMs: 24 * HOUR_MS,
    leaseMs: 2 * 60 * 1000,
    waitLimitMs: 60 * 1000,
    firstPollMs: 10,
    maxPollMs: 250,
  };

  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define({
      name: IDEMPOTENCY_CLEANUP_JOB,
      schedule: '17 * * * *',
      retryLimit: 1,
      handler: async () => {
        const deleted = await this.deleteExpired();
        if (deleted) this.logger.log({ deleted }, 'expired idempotency keys deleted');
      },
    });
  }

  /** Deletes keys past their retention (hourly job; an expired key is also treated as absent when read). */
  deleteExpired(): Promise<number> {
    return this.keys.deleteExpired(this.clock.now());
  }

  /**
   * Runs `work` unless a request with this scope already succeeded (then returns its stored result) or is
   * running (then waits for it). Throws IDEMPOTENCY_KEY_REUSED when the key was used with another fingerprint.
   */
  async run<T>(scope: IdempotencyScope, fingerprint: string, work: () => Promise<T>): Promise<IdempotentOutcome<T>> {
    const giveUpAt = Date.now() + this.timing.waitLimitMs;
    let pollMs = this.timing.firstPollMs;
    for (;;) {
      const now = this.clock.now();
      const claim: IdempotencyClaim = {
        fingerprint,
        claimToken: randomUUID(),
        lockedUntil: new Date(now.getTime() + this.timing.leaseMs),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.timing.retentionMs),
      };
      if (await this.keys.insertClaim(scope, claim))
        return { value: await this.execute(scope, claim.claimToken, work), replayed: false };

      const row = await this.keys.findByScope(scope);
      if (!row) continue; // the first request failed and dropped its claim in between: claim it again
      const live = row.expiresAt > now;
      if (live && row.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(scope.operation);
      if (live && row.completedAt) return { value: decodeResult(row.result) as T, replayed: true };
      if (!live || (row.lockedUntil && row.lockedUntil <= now)) {
        if (await this.keys.takeOver(scope, row.claimToken, claim, now)) {
          if (live)
            this.logger.warn({ operation: scope.operation }, 'took over a lapsed idempotency claim: running the mutation again');
          return { value: await this.execute(scope, claim.claimToken, work), replayed: false };
        }
        continue; // someone else changed the row first: look again
      }
      if (Date.now() >= giveUpAt) throw new IdempotencyKeyInUseError(scope.operation);
      await this.pause(scope, Math.min(pollMs, Math.max(0, giveUpAt - Date.now())));
      pollMs = Math.min(pollMs * 2, this.timing.maxPollMs);
    }
  }

  private async execute<T>(scope: IdempotencyScope, claimToken: string, work: () => Promise<T>): Promise<T> {
    const id = scopeId(scope);
    const settled = this.runAndStore(scope, claimToken, work);
    this.running.set(id, settled);
    try {
      return await settled;
    } finally {
      if (this.running.get(id) === settled) this.running.delete(id);
    }
  }

  private async runAndStore<T>(scope: IdempotencyScope, claimToken: string, work: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await work();
    } catch (error) {
      // Only successes are kept: a refused or failed attempt must not bind the key to its error.
      await this.keys.release(scope, claimToken).catch((releaseError: unknown) => {
        this.logger.warn(
          { err: releaseError, operation: scope.operation },
          'could not release an idempotency claim; it lapses on its own',
        );
      });
      throw error;
    }
    try {
      const stored = await this.keys.complete(scope, claimToken, encodeResult(value), this.clock.now());
      if (!stored)
        this.logger.warn({ operation: scope.operation }, 'idempotency claim was taken over before the result was stored');
    } catch (error) {
      // The change is committed: answer it. A retry after the lease would run it again; say so in the log.
      this.logger.error({ err: error, operation: scope.operation }, 'could not store an idempotent result');
    }
    return value;
  }

  /** Waits before looking at the row again: the poll interval, or less when the first request runs here and settles. */
  private async pause(scope: IdempotencyScope, ms: number): Promise<void> {
    const first = this.running.get(scopeId(scope));
    const timer = new AbortController();
    const waits: Promise<unknown>[] = [sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)];
    if (first) waits.push(first.catch(() => undefined));
    await Promise.race(waits);
    timer.abort();
  }
}

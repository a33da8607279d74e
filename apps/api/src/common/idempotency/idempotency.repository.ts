import { Injectable } from '@nestjs/common';
import { Prisma } from '@modelgate/db';
import { PrismaService } from '../../database/prisma.service.js';
import type { StoredResult } from './idempotency-key.js';

/** One key of one caller for one mutation. */
export type IdempotencyScope = { principal: string; operation: string; key: string };

/** What a request writes when it claims a key (first, or taking over an expired or lapsed claim). */
export type IdempotencyClaim = {
  fingerprint: string;
  claimToken: string;
  lockedUntil: Date;
  createdAt: Date;
  expiresAt: Date;
};

export const idempotencyKeySelect = {
  fingerprint: true,
  claimToken: true,
  lockedUntil: true,
  result: true,
  completedAt: true,
  expiresAt: true,
} satisfies Prisma.IdempotencyKeySelect;
export type IdempotencyKeyRow = Prisma.IdempotencyKeyGetPayload<{ select: typeof idempotencyKeySelect }>;

const byScope = ({ principal, operation, key }: IdempotencyScope) => ({ principal, operation, key });

/**
 * Every database access of idempotency keys. Each method is one statement that cannot half-apply, and each
 * change names the claim it expects, so two requests (or instances) never both believe they own a key.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the claim unless the key exists (the unique index decides between concurrent requests); true when inserted. */
  async insertClaim(scope: IdempotencyScope, claim: IdempotencyClaim): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.createMany({
      data: [{ ...byScope(scope), ...claim }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  findByScope(scope: IdempotencyScope): Promise<IdempotencyKeyRow | null> {
    return this.prisma.idempotencyKey.findUnique({
      where: { principal_operation_key: byScope(scope) },
      select: idempotencyKeySelect,
    });
  }

  /**
   * Claims a row that expired, or whose first request never finished (its claim lapsed), unless another
   * request changed it since `expectedClaimToken` was read; true when this call now owns the key.
   */
  async takeOver(scope: IdempotencyScope, expectedClaimToken: string, claim: IdempotencyClaim, now: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.updateMany({
      where: {
        ...byScope(scope),
        claimToken: expectedClaimToken,
        OR: [{ expiresAt: { lte: now } }, { completedAt: null, lockedUntil: { lte: now } }],
      },
      data: { ...claim, result: Prisma.DbNull, completedAt: null },
    });
    return count === 1;
  }

  /** Stores the result of the claim's successful request; false when the claim is no longer this request's. */
  async complete(scope: IdempotencyScope, claimToken: string, result: StoredResult, completedAt: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.updateMany({
      where: { ...byScope(scope), claimToken, completedAt: null },
      data: { result: result ?? Prisma.JsonNull, completedAt, lockedUntil: null },
    });
    return count === 1;
  }

  /** Drops the claim of a request that failed, so the key is free for a corrected retry. */
  async release(scope: IdempotencyScope, claimToken: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { ...byScope(scope), claimToken, completedAt: null } });
  }

  async deleteExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
    return count;
  }
}

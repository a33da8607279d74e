import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { WebhookDeliveryStatus } from '@modelgate/domain/webhooks';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { afterPosition, type KeysetPosition } from './keyset-cursor.js';

/** Everything about a subscription except its secret, which never leaves the service that signs. */
export const webhookSubscriptionSelect = {
  id: true,
  name: true,
  url: true,
  events: true,
  active: true,
  createdById: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookSubscriptionSelect;
export type WebhookSubscriptionRow = Prisma.WebhookSubscriptionGetPayload<{ select: typeof webhookSubscriptionSelect }>;

export const webhookDeliverySelect = {
  id: true,
  subscriptionId: true,
  event: true,
  payload: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} satisfies Prisma.WebhookDeliverySelect;
export type WebhookDeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof webhookDeliverySelect }>;

/** A delivery a worker has claimed for one attempt, with what it needs to send it. */
export type ClaimedDelivery = {
  id: string;
  subscriptionId: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
};

/** What the worker writes after an attempt. */
export type AttemptRecord = {
  status: WebhookDeliveryStatus;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
};

const MAX_SUBSCRIPTIONS = 500;

@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  findSubscriptions(): Promise<WebhookSubscriptionRow[]> {
    return this.prisma.webhookSubscription.findMany({
      select: webhookSubscriptionSelect,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: MAX_SUBSCRIPTIONS,
    });
  }

  findSubscription(tx: Tx, id: string): Promise<WebhookSubscriptionRow | null> {
    return tx.webhookSubscription.findUnique({ where: { id }, select: webhookSubscriptionSelect });
  }

  createSubscription(tx: Tx, data: Prisma.WebhookSubscriptionUncheckedCreateInput): Promise<WebhookSubscriptionRow> {
    return tx.webhookSubscription.create({ data, select: webhookSubscriptionSelect });
  }

  /** Changes the row only at `expectedVersion` and bumps it; null when another change got there first. */
  async updateSubscription(
    tx: Tx,
    id: string,
    expectedVersion: number,
    data: Prisma.WebhookSubscriptionUncheckedUpdateManyInput,
  ): Promise<WebhookSubscriptionRow | null> {
    const [row] = await tx.webhookSubscription.updateManyAndReturn({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
      select: webhookSubscriptionSelect,
    });
    return row ?? null;
  }

  /** Deletes the subscription and, by cascade, its delivery log; returns how many deliveries went with it. */
  async deleteSubscription(tx: Tx, id: string): Promise<number> {
    const deliveries = await tx.webhookDelivery.count({ where: { subscriptionId: id } });
    await tx.webhookSubscription.delete({ where: { id } });
    return deliveries;
  }

  /** Which active subscriptions want which events (empty = all): what publishing routes by. */
  findActiveRoutes(tx: Tx): Promise<{ id: string; events: string[] }[]> {
    return tx.webhookSubscription.findMany({ where: { active: true }, select: { id: true, events: true } });
  }

  async insertDeliveries(tx: Tx, rows: Prisma.WebhookDeliveryCreateManyInput[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1_000) {
      await tx.webhookDelivery.createMany({ data: rows.slice(start, start + 1_000) });
    }
  }

  findDelivery(tx: Tx, id: string): Promise<WebhookDeliveryRow | null> {
    return tx.webhookDelivery.findUnique({ where: { id }, select: webhookDeliverySelect });
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  findDeliveryPage(
    subscriptionId: string,
    status: WebhookDeliveryStatus | null,
    after: KeysetPosition | null,
    take: number,
  ): Promise<WebhookDeliveryRow[]> {
    return this.prisma.webhookDelivery.findMany({
      select: webhookDeliverySelect,
      where: { subscriptionId, ...(status ? { status } : {}), ...afterPosition(after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /**
   * Claims up to `limit` PENDING deliveries of active subscriptions that are due at `now`, skipping rows
   * another worker holds, and moves their next attempt to `leaseUntil` in the same statement (one
   * short transaction). Until the lease ends no other worker claims them; if this worker dies
   * mid-attempt, they become due again when it does.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    return this.prisma.$queryRaw<ClaimedDelivery[]>`
      UPDATE webhook_delivery AS d
      SET next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
      FROM (
        SELECT due.id, s.url, s.secret
        FROM webhook_delivery AS due
        JOIN webhook_subscription AS s ON s.id = due.subscription_id
        WHERE due.status = 'PENDING' AND due.next_attempt_at <= ${now.toISOString()}::timestamptz AND s.active
        ORDER BY due.next_attempt_at, due.id
        LIMIT ${limit}::int
        FOR UPDATE OF due SKIP LOCKED
      ) AS claimed
      WHERE d.id = claimed.id
      RETURNING d.id::text AS id, d.subscription_id::text AS "subscriptionId", d.event, d.payload, d.attempts,
        claimed.url, claimed.secret`;
  }

  /**
   * Records one attempt, counting it, if the claim still holds (same attempt count and lease): a worker
   * whose lease ran out and was overtaken records nothing. Returns whether it recorded.
   */
  async recordAttempt(claim: { id: string; attempts: number; leaseUntil: Date }, outcome: AttemptRecord): Promise<boolean> {
    const { count } = await this.prisma.webhookDelivery.updateMany({
      where: { id: claim.id, status: 'PENDING', attempts: claim.attempts, nextAttemptAt: claim.leaseUntil },
      data: { ...outcome, attempts: claim.attempts + 1 },
    });
    return count === 1;
  }
}

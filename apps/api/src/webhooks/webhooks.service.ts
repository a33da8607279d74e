import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, NotFoundError, StaleVersionError, ValidationError } from '@modelgate/domain/errors';
import {
  WebhookDeliveryStatus,
  type CreateWebhookSubscriptionInput,
  type UpdateWebhookSubscriptionInput,
  type WebhookDeliveriesQuery,
} from '@modelgate/domain/webhooks';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { decodeKeysetCursor, keysetPage, type KeysetPage } from './keyset-cursor.js';
import { WebhookOutbox } from './webhook-outbox.service.js';
import { WebhooksRepository, type WebhookDeliveryRow, type WebhookSubscriptionRow } from './webhooks.repository.js';

/** 32 random bytes, base64url, with a prefix that tells what it is when it turns up in a config file or a leak scan. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** What the audit trail keeps of a subscription: never its secret. */
const auditView = (row: WebhookSubscriptionRow) => ({
  name: row.name,
  url: row.url,
  events: row.events,
  active: row.active,
  version: row.version,
});

/** Whether any given field differs from the row (a save without changes writes and audits nothing). */
function changes(row: WebhookSubscriptionRow, fields: Omit<UpdateWebhookSubscriptionInput, 'id' | 'expectedVersion'>): boolean {
  return (
    (fields.name !== undefined && fields.name !== row.name) ||
    (fields.url !== undefined && fields.url !== row.url) ||
    (fields.active !== undefined && fields.active !== row.active) ||
    (fields.events !== undefined && fields.events.join(',') !== [...row.events].sort().join(','))
  );
}

const personOf = (actor: Actor): string | null =>
  actor.principal.kind === 'user' ? actor.principal.userId : actor.principal.kind === 'token' ? actor.principal.userId : null;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: WebhookOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<WebhookSubscriptionRow[]> {
    return this.webhooks.findSubscriptions();
  }

  async get(id: string): Promise<WebhookSubscriptionRow> {
    return this.require(this.prisma, id);
  }

  async create(
    input: CreateWebhookSubscriptionInput,
    actor: Actor,
  ): Promise<{ secret: string; subscription: WebhookSubscriptionRow }> {
    const secret = newWebhookSecret();
    const subscription = await this.prisma.$transaction(async (tx) => {
      const created = await this.webhooks.createSubscription(tx, { ...input, secret, createdById: personOf(actor) });
      await this.audit.record(tx, actor, {
        action: 'webhook.create',
        entityType: 'WebhookSubscription',
        entityId: created.id,
        after: auditView(created),
      });
      return created;
    });
    return { secret, subscription };
  }

  update(input: UpdateWebhookSubscriptionInput, actor: Actor): Promise<WebhookSubscriptionRow> {
    const { id, expectedVersion, ...fields } = input;
    return this.prisma.$transaction(async (tx) => {
      const before = await this.require(tx, id);
      if (before.version !== expectedVersion)
        throw new StaleVersionError('Webhook subscription', expectedVersion, before.version);
      if (!changes(before, fields)) return before;
      const after = await this.webhooks.updateSubscription(tx, id, expectedVersion, fields);
      if (!after) throw new StaleVersionError('Webhook subscription', expectedVersion, null);
      await this.audit.record(tx, actor, {
        action: 'webhook.update',
        entityType: 'WebhookSubscription',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
  }

  /** A new secret at once; the old one stops signing with the next attempt. */
  async rotateSecret(id: string, actor: Actor): Promise<{ secret: string; subscription: WebhookSubscriptionRow }> {
    const secret = newWebhookSecret();
    const subscription = await this.prisma.$transaction(async (tx) => {
      const before = await this.require(tx, id);
      const after = await this.webhooks.updateSubscription(tx, id, before.version, { secret });
      if (!after) throw new StaleVersionError('Webhook subscription', before.version, null);
      await this.audit.record(tx, actor, {
        action: 'webhook.rotate_secret',
        entityType: 'WebhookSubscription',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
    return { secret, subscription };
  }

  /** Deletes the subscription, its secret and its delivery log; the audit trail keeps what it was. */
  delete(id: string, actor: Actor): Promise<WebhookSubscriptionRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.require(tx, id);
      const deliveriesRemoved = await this.webhooks.deleteSubscription(tx, id);
      await this.audit.record(tx, actor, {
        action: 'webhook.delete',
        entityType: 'WebhookSubscription',
        entityId: id,
        before: auditView(before),
        after: { deleted: true, deliveriesRemoved },
      });
      return before;
    });
  }

  async deliveries(args: WebhookDeliveriesQuery): Promise<KeysetPage<WebhookDeliveryRow>> {
    const after = args.after === null ? null : decodeKeysetCursor(args.after);
    if (args.after !== null && !after) throw new ValidationError([{ field: 'after', reason: 'is not a cursor from this list' }]);
    await this.require(this.prisma, args.subscriptionId);
    const rows = await this.webhooks.findDeliveryPage(args.subscriptionId, args.status, after, args.first + 1);
    return keysetPage(rows, args.first);
  }

  /** Queues a `webhook.test` delivery to an active subscription and wakes the sender. */
  async sendTest(subscriptionId: string, actor: Actor): Promise<WebhookDeliveryRow> {
    const delivery = await this.prisma.$transaction(async (tx) => {
      const subscription = await this.require(tx, subscriptionId);
      if (!subscription.active) {
        throw new ValidationError([{ field: 'subscriptionId', reason: 'is not active; activate it to send to it' }]);
      }
      const queued = await this.outbox.enqueueTest(tx, subscriptionId, this.clock.now());
      await this.audit.record(tx, actor, {
        action: 'webhook.send_test',
        entityType: 'WebhookSubscription',
        entityId: subscriptionId,
        after: { deliveryId: queued.id, event: queued.event },
      });
      return queued;
    });
    this.outbox.nudge();
    return delivery;
  }

  /** Sends a finished delivery's event again, as a new delivery (new id, fresh attempts), to the same subscription. */
  async redeliver(deliveryId: string, actor: Actor): Promise<WebhookDeliveryRow> {
    const delivery = await this.prisma.$transaction(async (tx) => {
      const original = await this.webhooks.findDelivery(tx, deliveryId);
      if (!original) throw new NotFoundError('Webhook delivery', deliveryId);
      if (original.status === WebhookDeliveryStatus.Pending) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This delivery is still being attempted; redeliver it once it has been delivered or has failed.',
        );
      }
      const subscription = await this.require(tx, original.subscriptionId);
      if (!subscription.active) {
        throw new ValidationError([{ field: 'deliveryId', reason: 'belongs to an inactive subscription; activate it first' }]);
      }
      const copy = await this.outbox.enqueueCopy(tx, original, this.clock.now());
      await this.audit.record(tx, actor, {
        action: 'webhook.redeliver',
        entityType: 'WebhookDelivery',
        entityId: copy.id,
        after: { redeliveryOf: original.id, subscriptionId: original.subscriptionId, event: original.event },
      });
      return copy;
    });
    this.outbox.nudge();
    return delivery;
  }

  private async require(tx: Tx, id: string): Promise<WebhookSubscriptionRow> {
    const row = await this.webhooks.findSubscription(tx, id);
    if (!row) throw new NotFoundError('Webhook subscription', id);
    return row;
  }
}

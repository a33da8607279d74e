import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { subscribesTo, WEBHOOK_TEST_EVENT, WebhookDeliveryStatus } from '@modelgate/domain/webhooks';
import type { Tx } from '../audit/audit.repository.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import type { WorkflowEvent } from '../notifications/workflow-events.js';
import { WebhooksRepository, type WebhookDeliveryRow } from './webhooks.repository.js';

/** The job that sends due deliveries; nudged after commits, and every minute as a backstop. */
export const WEBHOOK_DELIVERY_JOB = 'webhooks.deliver';

/** The JSON body of every delivery; `id` is the delivery id, also sent as `Modelgate-Delivery`. */
export type WebhookPayload = {
  id: string;
  event: string;
  occurredAt: string;
  request: WorkflowEvent['request'] | null;
  subject: WorkflowEvent['subject'] | null;
  details: Record<string, unknown>;
  title: string;
};

/** What becomes a delivery: a workflow event, or the test event. */
export type OutgoingEvent = Pick<WorkflowEvent, 'title' | 'details'> & {
  type: string;
  request?: WorkflowEvent['request'] | null;
  subject?: WorkflowEvent['subject'] | null;
};

function deliveryRow(subscriptionId: string, event: OutgoingEvent, occurredAt: Date): Prisma.WebhookDeliveryCreateManyInput {
  const id = randomUUID();
  const payload: WebhookPayload = {
    id,
    event: event.type,
    occurredAt: occurredAt.toISOString(),
    request: event.request ?? null,
    subject: event.subject ?? null,
    details: event.details ?? {},
    title: event.title,
  };
  return {
    id,
    subscriptionId,
    event: event.type,
    payload: payload as unknown as Prisma.InputJsonValue,
    status: WebhookDeliveryStatus.Pending,
    nextAttemptAt: occurredAt,
    createdAt: occurredAt,
  };
}

/**
 * Writes deliveries inside the caller's transaction (so an event goes out if and only if its change
 * commits) and wakes the delivery job once the caller has committed.
 */
@Injectable()
export class WebhookOutbox {
  private readonly logger = new Logger(WebhookOutbox.name);

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly queue: JobQueue,
  ) {}

  /** One PENDING delivery per event and active subscription that wants it; returns how many. */
  async enqueue(tx: Tx, events: readonly OutgoingEvent[], occurredAt: Date): Promise<number> {
    if (events.length === 0) return 0;
    const routes = await this.webhooks.findActiveRoutes(tx);
    const rows = events.flatMap((event) =>
      routes.filter((route) => subscribesTo(route.events, event.type)).map((route) => deliveryRow(route.id, event, occurredAt)),
    );
    await this.webhooks.insertDeliveries(tx, rows);
    return rows.length;
  }

  /** A `webhook.test` delivery to one subscription, whatever events it lists. */
  async enqueueTest(tx: Tx, subscriptionId: string, occurredAt: Date): Promise<WebhookDeliveryRow> {
    const row = deliveryRow(
      subscriptionId,
      { type: WEBHOOK_TEST_EVENT, title: 'Test delivery from Modelgate', request: null, details: {} },
      occurredAt,
    );
    await this.webhooks.insertDeliveries(tx, [row]);
    return (await this.webhooks.findDelivery(tx, row.id!))!;
  }

  /** A new delivery of an earlier one's event (same body, new id), due at once. */
  async enqueueCopy(tx: Tx, original: WebhookDeliveryRow, occurredAt: Date): Promise<WebhookDeliveryRow> {
    const id = randomUUID();
    const payload = { ...(original.payload as Record<string, unknown>), id };
    await this.webhooks.insertDeliveries(tx, [
      {
        id,
        subscriptionId: original.subscriptionId,
        event: original.event,
        payload,
        status: WebhookDeliveryStatus.Pending,
        nextAttemptAt: occurredAt,
        createdAt: occurredAt,
      },
    ]);
    return (await this.webhooks.findDelivery(tx, id))!;
  }

  /** Fire and forget, after the caller's commit: the job's schedule picks up anything a lost nudge leaves. */
  nudge(): void {
    this.queue.nudge(WEBHOOK_DELIVERY_JOB).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not nudge the webhook delivery job; the schedule will send the deliveries');
    });
  }
}

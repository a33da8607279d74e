import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import type { WorkflowEvent } from './workflow-events.js';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Where the approval workflow announces what happened: in-app notifications for the people concerned
 * and deliveries for the webhooks that want the event. Both are written in the caller's transaction,
 * so they exist exactly when the change that caused them commits. It writes no audit events: the
 * caller audits the change itself.
 */
@Injectable()
export class WorkflowEventsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  /**
   * Inside the caller's transaction: one notification per distinct recipient per event, and one
   * PENDING webhook delivery per event and active subscription that lists its type (or lists none),
   * due at `occurredAt`. Call `afterCommit()` once the transaction has committed.
   */
  async publish(tx: Prisma.TransactionClient, events: WorkflowEvent | readonly WorkflowEvent[], occurredAt: Date): Promise<void> {
    const list: readonly WorkflowEvent[] = Array.isArray(events) ? events : [events as WorkflowEvent];
    if (list.length === 0) return;
    const notifications = list.flatMap((event) =>
      [...new Set(event.recipientIds.filter((id): id is string => id !== null))].map(
        (userId): Prisma.NotificationCreateManyInput => ({
          userId,
          event: event.type,
          // The columns' limits: a long model name must not make the caller's transaction fail.
          title: clip(event.title, 300),
          body: event.body ? clip(event.body, 2000) : null,
          requestId: event.request?.id ?? null,
          createdAt: occurredAt,
        }),
      ),
    );
    await this.notifications.insertMany(tx, notifications);
    await this.outbox.enqueue(tx, list, occurredAt);
  }

  /** Wakes the webhook sender; fire and forget (failures are logged, the job's schedule catches up). */
  afterCommit(): void {
    this.outbox.nudge();
  }
}

import { z } from 'zod';

/**
 * The workflow events a webhook may subscribe to. The API defines the same list as `WorkflowEventType`
 * (apps/api/src/notifications/workflow-events.ts) and checks at compile time that both agree.
 */
export const WEBHOOK_WORKFLOW_EVENTS = [
  'request.submitted',
  'review.assigned',
  'review.overdue',
  'decision.made',
  'approval.expiring',
  'approval.expired',
  'request.state_changed',
  'approval.review_needed',
  'exception.requested',
  'exception.state_changed',
  'violation.detected',
  'violation.resolved',
] as const;
export type WebhookWorkflowEvent = (typeof WEBHOOK_WORKFLOW_EVENTS)[number];

/** Sent by `sendTestWebhook` only; never published by the workflow. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Every event type a delivery may carry and a subscription may list. */
export const WEBHOOK_EVENT_TYPES = [...WEBHOOK_WORKFLOW_EVENTS, WEBHOOK_TEST_EVENT] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: () => `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});

/** A subscription with no events listed receives every event. */
export function subscribesTo(subscribedEvents: readonly string[], event: string): boolean {
  return subscribedEvents.length === 0 || subscribedEvents.includes(event);
}

export const WebhookDeliveryStatus = { Pending: 'PENDING', Delivered: 'DELIVERED', Failed: 'FAILED' } as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];
export const webhookDeliveryStatusSchema = z.enum(
  Object.values(WebhookDeliveryStatus) as [WebhookDeliveryStatus, ...WebhookDeliveryStatus[]],
  {
    error: () => `must be one of ${Object.values(WebhookDeliveryStatus).join(', ')}`,
  },
);

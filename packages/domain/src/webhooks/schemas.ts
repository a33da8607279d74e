import { z } from 'zod';
import { webhookDeliveryStatusSchema, webhookEventTypeSchema } from './events.js';

export const WEBHOOK_URL_MAX_LENGTH = 2000;
/** The most rows one page of a webhook or notification list returns. */
export const MAX_WEBHOOK_PAGE_SIZE = 100;
export const DEFAULT_WEBHOOK_PAGE_SIZE = 20;

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

const webhookName = z
  .string({ error: required('text') })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** Where deliveries are POSTed: http or https only (no file:, ftp:, javascript: ...). */
export const webhookUrlSchema = z
  .string({ error: required('an http(s) URL') })
  .trim()
  .max(WEBHOOK_URL_MAX_LENGTH, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }));

/** Known event types, without duplicates, in a stable order; empty means every event. */
export const webhookEventsSchema = z
  .array(webhookEventTypeSchema, { error: required('a list of event types') })
  .max(50, 'must list at most 50 event types')
  .transform((events) => [...new Set(events)].sort());

export const createWebhookSubscriptionInputSchema = z.object({
  name: webhookName,
  url: webhookUrlSchema,
  events: webhookEventsSchema.nullish().transform((events) => events ?? []),
});
export type CreateWebhookSubscriptionInput = z.output<typeof createWebhookSubscriptionInputSchema>;

/** Only the given fields change; the caller names the version it edited (optimistic concurrency). */
export const updateWebhookSubscriptionInputSchema = z.object({
  id: z.uuid('must be a webhook subscription id'),
  expectedVersion: z
    .number({ error: 'must be the record version you edited' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
  name: webhookName.nullish().transform((value) => value ?? undefined),
  url: webhookUrlSchema.nullish().transform((value) => value ?? undefined),
  events: webhookEventsSchema.nullish().transform((value) => value ?? undefined),
  active: z
    .boolean({ error: 'must be true or false' })
    .nullish()
    .transform((value) => value ?? undefined),
});
export type UpdateWebhookSubscriptionInput = z.output<typeof updateWebhookSubscriptionInputSchema>;

const pageSize = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_WEBHOOK_PAGE_SIZE, `must be at most ${MAX_WEBHOOK_PAGE_SIZE}`)
  .nullish()
  .transform((value) => value ?? DEFAULT_WEBHOOK_PAGE_SIZE);

const cursor = z
  .string()
  .max(200, 'is not a cursor from this list')
  .nullish()
  .transform((value) => value ?? null);

export const webhookDeliveriesArgsSchema = z.object({
  subscriptionId: z.uuid('must be a webhook subscription id'),
  first: pageSize,
  after: cursor,
  status: webhookDeliveryStatusSchema.nullish().transform((value) => value ?? null),
});
export type WebhookDeliveriesQuery = z.output<typeof webhookDeliveriesArgsSchema>;

/** In-app notifications (the other half of what workflow events produce). */
export const notificationsArgsSchema = z.object({
  first: pageSize,
  after: cursor,
  unreadOnly: z
    .boolean({ error: 'must be true or false' })
    .nullish()
    .transform((value) => value ?? false),
});
export type NotificationsQuery = z.output<typeof notificationsArgsSchema>;

export const MAX_NOTIFICATION_IDS = 500;

/** Either some notifications by id or all of one's unread ones, not both. */
export const markNotificationsReadInputSchema = z
  .object({
    ids: z
      .array(z.uuid('must be a notification id'), { error: 'must be a list of notification ids' })
      .min(1, 'must name at least one notification')
      .max(MAX_NOTIFICATION_IDS, `must name at most ${MAX_NOTIFICATION_IDS} notifications`)
      .nullish()
      .transform((ids) => (ids ? [...new Set(ids)] : null)),
    all: z
      .boolean({ error: 'must be true or false' })
      .nullish()
      .transform((value) => value ?? false),
  })
  .superRefine((input, context) => {
    if (input.ids && input.all) {
      context.addIssue({ code: 'custom', path: ['all'], message: 'must not be true when ids are given' });
    } else if (!input.ids && !input.all) {
      context.addIssue({ code: 'custom', path: ['ids'], message: 'is required unless all is true' });
    }
  });
export type MarkNotificationsReadInput = z.output<typeof markNotificationsReadInputSchema>;

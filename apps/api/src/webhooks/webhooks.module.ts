import { Module } from '@nestjs/common';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookOutbox } from './webhook-outbox.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksResolver } from './webhooks.resolver.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Outgoing webhooks: subscriptions, the delivery log and the worker that sends. Exports the outbox,
 * through which published workflow events become deliveries (see notifications/).
 */
@Module({
  providers: [WebhooksRepository, WebhooksService, WebhooksResolver, WebhookOutbox, WebhookSender, WebhookDeliveryWorker],
  exports: [WebhookOutbox, WebhookDeliveryWorker],
})
export class WebhooksModule {}

import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  afterFailedAttempt,
  signWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookDeliveryStatus,
} from '@modelgate/domain/webhooks';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../jobs/clock.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { WEBHOOK_DELIVERY_JOB } from './webhook-outbox.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksRepository, type AttemptRecord, type ClaimedDelivery } from './webhooks.repository.js';

/** Deliveries claimed and sent at once. */
const BATCH_SIZE = 10;
/** Attempts in one pass at most, so one job never runs for long; the next nudge or tick goes on. */
const MAX_ATTEMPTS_PER_PASS = 500;
/** How long a claim lasts beyond the request timeout, to record the outcome. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due deliveries: claims them (a lease, so no two workers send the same attempt), POSTs each
 * outside any transaction, then records the outcome: DELIVERED on 2xx, otherwise another attempt
 * after an exponential backoff, or FAILED after the last allowed attempt. At least once: a receiver
 * may see a delivery twice (a worker dying between sending and recording), so it should ignore
 * repeated `Modelgate-Delivery` ids.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.define({
      name: WEBHOOK_DELIVERY_JOB,
      schedule: '* * * * *',
      // The deliveries' own rows carry the retries; a failed pass is simply run again by the next tick.
      retryLimit: 0,
      handler: async () => {
        await this.deliverDue();
      },
    });
  }

  /**
   * One pass: attempts every delivery that is due now (each at most once), in batches. Returns the
   * number of attempts made. Tests call it directly, with the Clock moved forward.
   */
  async deliverDue(): Promise<number> {
    const dueAt = this.clock.now();
    let attempts = 0;
    while (attempts < MAX_ATTEMPTS_PER_PASS) {
      const leaseUntil = new Date(this.clock.now().getTime() + this.config.webhooks.timeoutMs + LEASE_MARGIN_MS);
      const claimed = await this.webhooks.claimDue(dueAt, leaseUntil, BATCH_SIZE);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((delivery) => this.attempt(delivery, leaseUntil)));
      attempts += claimed.length;
    }
    return attempts;
  }

  private async attempt(delivery: ClaimedDelivery, leaseUntil: Date): Promise<void> {
    try {
      const body = JSON.stringify(delivery.payload);
      const response = await this.sender.post({
        url: delivery.url,
        body,
        timeoutMs: this.config.webhooks.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Modelgate-Webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(delivery.secret, body, this.clock.now()),
          [WEBHOOK_EVENT_HEADER]: delivery.event,
          [WEBHOOK_DELIVERY_HEADER]: delivery.id,
        },
      });
      const now = this.clock.now();
      const attempts = delivery.attempts + 1;
      const outcome: AttemptRecord = response.ok
        ? {
            status: WebhookDeliveryStatus.Delivered,
            lastStatusCode: response.statusCode,
            lastError: null,
            nextAttemptAt: null,
            deliveredAt: now,
          }
        : {
            ...afterFailedAttempt({
              attempts,
              maxAttempts: this.config.webhooks.maxAttempts,
              baseDelaySeconds: this.config.webhooks.retryDelaySeconds,
              now,
            }),
            lastStatusCode: response.statusCode,
            lastError: response.error,
            deliveredAt: null,
          };
      const recorded = await this.webhooks.recordAttempt({ id: delivery.id, attempts: delivery.attempts, leaseUntil }, outcome);
      if (!recorded)
        this.logger.warn({ deliveryId: delivery.id }, 'webhook delivery lease expired before its outcome was recorded');
    } catch (error) {
      // The lease runs out and the delivery is attempted again; nothing else is lost.
      this.logger.error({ err: error, deliveryId: delivery.id }, 'webhook delivery attempt could not be recorded');
    }
  }
}

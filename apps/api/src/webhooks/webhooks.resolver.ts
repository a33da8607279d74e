import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  createWebhookSubscriptionInputSchema,
  updateWebhookSubscriptionInputSchema,
  WEBHOOK_EVENT_TYPES,
  webhookDeliveriesArgsSchema,
  type CreateWebhookSubscriptionInput as CreateValues,
  type UpdateWebhookSubscriptionInput as UpdateValues,
  type WebhookDeliveriesQuery,
} from '@modelgate/domain/webhooks';
import { z } from 'zod';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { WebhookDeliveriesArgs } from './dto/webhook-deliveries.args.js';
import { CreateWebhookSubscriptionInput, UpdateWebhookSubscriptionInput } from './dto/webhook-subscription.input.js';
import { WebhookDelivery, WebhookDeliveryConnection } from './models/webhook-delivery.model.js';
import { WebhookSubscription, WebhookSubscriptionWithSecret } from './models/webhook-subscription.model.js';
import { WebhooksService } from './webhooks.service.js';

const subscriptionIdSchema = z.uuid('must be a webhook subscription id');

@Resolver(() => WebhookSubscription)
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Query(() => [WebhookSubscription], { description: 'Every webhook subscription by name (at most 500).' })
  @Allow('read', 'Webhook')
  webhookSubscriptions(): Promise<WebhookSubscription[]> {
    return this.webhooks.list();
  }

  @Query(() => WebhookSubscription)
  @Allow('read', 'Webhook')
  webhookSubscription(
    @Args('id', { type: () => ID }, new ZodValidationPipe(subscriptionIdSchema, 'id')) id: string,
  ): Promise<WebhookSubscription> {
    return this.webhooks.get(id);
  }

  @Query(() => [String], { description: 'The event types a subscription may list.' })
  @Allow('read', 'Webhook')
  webhookEventTypes(): string[] {
    return [...WEBHOOK_EVENT_TYPES];
  }

  @Query(() => WebhookDeliveryConnection, { description: "A subscription's delivery log, newest first." })
  @Allow('read', 'Webhook')
  async webhookDeliveries(
    @Args({ type: () => WebhookDeliveriesArgs }, new ZodValidationPipe(webhookDeliveriesArgsSchema)) args: WebhookDeliveriesQuery,
  ): Promise<WebhookDeliveryConnection> {
    const page = await this.webhooks.deliveries(args);
    return {
      edges: page.rows.map(({ cursor, row }) => ({ cursor, node: row })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'Creates a subscription; the payload holds its secret, shown this once.',
  })
  @Allow('create', 'Webhook')
  createWebhookSubscription(
    @Args(
      'input',
      { type: () => CreateWebhookSubscriptionInput },
      new ZodValidationPipe(createWebhookSubscriptionInputSchema, 'input'),
    )
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookSubscriptionWithSecret> {
    return this.webhooks.create(input, actor);
  }

  @Mutation(() => WebhookSubscription)
  @Allow('update', 'Webhook')
  updateWebhookSubscription(
    @Args(
      'input',
      { type: () => UpdateWebhookSubscriptionInput },
      new ZodValidationPipe(updateWebhookSubscriptionInputSchema, 'input'),
    )
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookSubscription> {
    return this.webhooks.update(input, actor);
  }

  @Mutation(() => WebhookSubscriptionWithSecret, { description: 'Replaces the signing secret; the new one is shown this once.' })
  @Allow('update', 'Webhook')
  rotateWebhookSecret(
    @Args('id', { type: () => ID }, new ZodValidationPipe(subscriptionIdSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookSubscriptionWithSecret> {
    return this.webhooks.rotateSecret(id, actor);
  }

  @Mutation(() => WebhookSubscription, {
    description:
      'Deletes the subscription with its secret and delivery log and returns what it was. To pause it instead, set active to false.',
  })
  @Allow('delete', 'Webhook')
  deleteWebhookSubscription(
    @Args('id', { type: () => ID }, new ZodValidationPipe(subscriptionIdSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookSubscription> {
    return this.webhooks.delete(id, actor);
  }

  @Mutation(() => WebhookDelivery, { description: 'Queues a webhook.test delivery to an active subscription.' })
  @Allow('update', 'Webhook')
  sendTestWebhook(
    @Args('subscriptionId', { type: () => ID }, new ZodValidationPipe(subscriptionIdSchema, 'subscriptionId'))
    subscriptionId: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookDelivery> {
    return this.webhooks.sendTest(subscriptionId, actor);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivered or failed delivery again, as a new delivery with the same body and a new id.',
  })
  @Allow('update', 'Webhook')
  redeliverWebhook(
    @Args('deliveryId', { type: () => ID }, new ZodValidationPipe(z.uuid('must be a webhook delivery id'), 'deliveryId'))
    deliveryId: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(deliveryId, actor);
  }
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WebhookDeliveryStatus as DeliveryStatus } from '@modelgate/domain/webhooks';
import { JSONScalar } from '../../common/graphql/json.scalar.js';
import { PageInfo } from '../../common/graphql/page-info.model.js';

export const WebhookDeliveryStatusEnum = {
  PENDING: DeliveryStatus.Pending,
  DELIVERED: DeliveryStatus.Delivered,
  FAILED: DeliveryStatus.Failed,
};
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: waiting for its next attempt; DELIVERED: a 2xx answer; FAILED: no attempts left.',
});

@ObjectType({ description: 'One event sent (or to be sent) to one webhook, with the outcome of its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the payload `id` and the `Modelgate-Delivery` header.' })
  id!: string;

  @Field(() => ID)
  subscriptionId!: string;

  @Field({ description: 'e.g. decision.made, or webhook.test.' })
  event!: string;

  @Field(() => WebhookDeliveryStatusEnum)
  status!: string;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt; null if none came." })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (timeout, connection refused, HTTP 503...).' })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it is attempted next (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => JSONScalar, { description: 'The JSON body that is POSTed.' })
  payload!: unknown;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field()
  cursor!: string;

  @Field(() => WebhookDelivery)
  node!: WebhookDelivery;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge])
  edges!: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

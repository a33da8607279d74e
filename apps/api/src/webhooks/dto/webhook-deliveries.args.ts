import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { WebhookDeliveryStatusEnum } from '../models/webhook-delivery.model.js';

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID)
  subscriptionId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;

  @Field(() => WebhookDeliveryStatusEnum, { nullable: true, description: 'Only deliveries in this state.' })
  status?: string | null;
}

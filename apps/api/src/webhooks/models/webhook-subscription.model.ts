import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'An outgoing webhook: workflow events are POSTed to its URL, signed with its secret (never readable here).',
})
export class WebhookSubscription {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  url!: string;

  @Field(() => [String], { description: 'Event types sent to it; empty means every event.' })
  events!: string[];

  @Field({ description: 'Inactive subscriptions get no new deliveries, and their pending ones wait.' })
  active!: boolean;

  @Field(() => Int, { description: 'Pass as expectedVersion when updating.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'The person who created it.' })
  createdById!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'A subscription with its signing secret, which is shown this once.' })
export class WebhookSubscriptionWithSecret {
  @Field({ description: 'Verify `Modelgate-Signature` with it. Shown now and never again.' })
  secret!: string;

  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;
}

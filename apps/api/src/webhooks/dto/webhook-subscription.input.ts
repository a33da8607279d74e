import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field({ description: 'An http or https URL, at most 2000 characters.' })
  url!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Event types (see webhookEventTypes); empty or omitted means every event.',
  })
  events?: string[] | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you edited; a newer one makes this a CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'Empty means every event.' })
  events?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

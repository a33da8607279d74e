import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/page-info.model.js';

@ObjectType({ description: 'An in-app notification about the approval workflow, for one person.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The workflow event, e.g. review.assigned or decision.made.' })
  event!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  body!: string | null;

  @Field(() => ID, { nullable: true, description: 'The approval request it is about.' })
  requestId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was marked read; null while unread.' })
  readAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType()
export class NotificationEdge {
  @Field()
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

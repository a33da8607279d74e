import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only notifications not yet read.' })
  unreadOnly?: boolean | null;
}

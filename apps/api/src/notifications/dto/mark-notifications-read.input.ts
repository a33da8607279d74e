import { Field, ID, InputType } from '@nestjs/graphql';

@InputType({ description: 'Either ids or all: true.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Your notifications to mark read (at most 500).' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Mark every unread notification of yours read.' })
  all?: boolean | null;
}

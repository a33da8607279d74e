import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Relay-style pagination state.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

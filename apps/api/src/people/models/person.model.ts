import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Role } from '@modelgate/domain/auth';
import { RoleEnum, TeamSummary } from '../../auth/models/viewer.model.js';

@ObjectType({ description: 'A person who can sign in to Modelgate.' })
export class Person {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => [String])
  reviewCategories!: string[];

  @Field(() => [TeamSummary])
  teams!: TeamSummary[];

  @Field()
  disabled!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set while sign-in is locked after failed attempts.' })
  lockedUntil!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastSignInAt!: Date | null;

  @Field({ description: 'Signs in through single sign-on.' })
  singleSignOn!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType({ description: 'An engineering team; teams own deployments.' })
export class Team {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

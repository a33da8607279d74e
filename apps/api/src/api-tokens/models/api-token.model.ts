import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A token for CI pipelines and scripts. Its secret is shown only once, at creation.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The first 12 characters of the token, to tell tokens apart.' })
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => String, { nullable: true, description: 'The user the token acts for, when bound to a user.' })
  userId!: string | null;

  @Field(() => String, { nullable: true, description: 'The team the token acts for, when bound to a team.' })
  teamId!: string | null;

  @Field({ description: "The bound user's e-mail or the bound team's name." })
  boundTo!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt!: Date | null;
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field({ description: 'The token to send as `Authorization: Bearer <secret>`. Shown now and never again.' })
  secret!: string;

  @Field(() => ApiToken)
  token!: ApiToken;
}

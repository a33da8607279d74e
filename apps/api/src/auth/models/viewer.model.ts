import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@modelgate/domain/auth';

/** GraphQL enum values are the stored role names (ADMIN, AUDITOR, ...). */
export const RoleEnum = Object.fromEntries(Object.values(Role).map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(RoleEnum, { name: 'Role', description: 'What a person may do; a person may hold several roles.' });

@ObjectType()
export class TeamSummary {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'The signed-in person.' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => [String], { description: 'Risk review categories this person may review.' })
  reviewCategories!: string[];

  @Field(() => [TeamSummary])
  teams!: TeamSummary[];

  @Field({ description: 'Send as the x-csrf-token header with every mutation from this session.' })
  csrfToken!: string;
}

@ObjectType()
export class SignInPayload {
  @Field(() => Viewer)
  viewer!: Viewer;
}

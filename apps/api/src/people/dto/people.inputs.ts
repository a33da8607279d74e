import { Field, ID, InputType } from '@nestjs/graphql';
import type { Role } from '@modelgate/domain/auth';
import { RoleEnum } from '../../auth/models/viewer.model.js';

@InputType()
export class CreateUserInput {
  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  reviewCategories?: string[] | null;

  @Field(() => String, { nullable: true, description: 'At least 12 characters; omit for single sign-on users.' })
  password?: string | null;
}

@InputType({ description: 'Only the given fields change.' })
export class UpdateUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => [RoleEnum], { nullable: true })
  roles?: Role[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the memberships.' })
  teamIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  reviewCategories?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Disabling signs the person out everywhere.' })
  disabled?: boolean | null;
}

@InputType()
export class CreateTeamInput {
  @Field({ description: 'Lower-case identifier, e.g. "payments-platform".' })
  slug!: string;

  @Field()
  name!: string;
}

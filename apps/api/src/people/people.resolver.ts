import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  createTeamInputSchema,
  createUserInputSchema,
  updateUserInputSchema,
  type CreateTeamInput as CreateTeamValues,
  type CreateUserInput as CreateUserValues,
  type UpdateUserInput as UpdateUserValues,
} from '@modelgate/domain/auth';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateTeamInput, CreateUserInput, UpdateUserInput } from './dto/people.inputs.js';
import { Person, Team } from './models/person.model.js';
import type { PersonRow, TeamRow } from './people.repository.js';
import { PeopleService } from './people.service.js';

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  roles: row.roles,
  reviewCategories: row.reviewCategories,
  teams: row.memberships.map((m) => m.team),
  disabled: row.disabledAt !== null,
  lockedUntil: row.lockedUntil,
  lastSignInAt: row.lastSignInAt,
  singleSignOn: row.oidcSubject !== null,
  createdAt: row.createdAt,
});

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  memberCount: row._count.memberships,
  createdAt: row.createdAt,
});

@Resolver()
export class PeopleResolver {
  constructor(private readonly people: PeopleService) {}

  @Query(() => [Person], {
    description: 'People the caller may see: everyone for admins, compliance, reviewers and auditors; oneself otherwise.',
  })
  @Allow('read', 'User')
  async users(@CurrentActor() actor: Actor): Promise<Person[]> {
    return (await this.people.listUsers(actor)).map(toPerson);
  }

  @Query(() => [Team], { description: 'Teams the caller may see: all, or their own.' })
  @Allow('read', 'Team')
  async teams(@CurrentActor() actor: Actor): Promise<Team[]> {
    return (await this.people.listTeams(actor)).map(toTeam);
  }

  @Mutation(() => Person)
  @Allow('create', 'User')
  async createUser(
    @Args('input', { type: () => CreateUserInput }, new ZodValidationPipe(createUserInputSchema, 'input'))
    input: CreateUserValues,
    @CurrentActor() actor: Actor,
  ): Promise<Person> {
    return toPerson(await this.people.createUser(input, actor));
  }

  @Mutation(() => Person, { description: 'Changes roles, teams, name or review categories, or disables/enables the person.' })
  @Allow('update', 'User')
  async updateUser(
    @Args('input', { type: () => UpdateUserInput }, new ZodValidationPipe(updateUserInputSchema, 'input'))
    input: UpdateUserValues,
    @CurrentActor() actor: Actor,
  ): Promise<Person> {
    return toPerson(await this.people.updateUser(input, actor));
  }

  @Mutation(() => Team)
  @Allow('create', 'Team')
  async createTeam(
    @Args('input', { type: () => CreateTeamInput }, new ZodValidationPipe(createTeamInputSchema, 'input'))
    input: CreateTeamValues,
    @CurrentActor() actor: Actor,
  ): Promise<Team> {
    return toTeam(await this.people.createTeam(input, actor));
  }
}

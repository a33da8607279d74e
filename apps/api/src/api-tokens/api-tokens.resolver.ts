import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { createApiTokenSchema, type CreateApiTokenInput as CreateApiTokenValues } from '@modelgate/domain/auth';
import { z } from 'zod';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import type { ApiTokenRow } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';
import { CreateApiTokenInput } from './dto/create-api-token.input.js';
import { ApiToken, CreateApiTokenPayload } from './models/api-token.model.js';

const toModel = ({ user, team, createdById: _createdBy, ...row }: ApiTokenRow): ApiToken => ({
  ...row,
  boundTo: user?.email ?? team?.name ?? '',
});

@Resolver(() => ApiToken)
export class ApiTokensResolver {
  constructor(private readonly tokens: ApiTokensService) {}

  @Allow('read', 'ApiToken')
  @Query(() => [ApiToken], {
    description: "Your tokens and your teams' tokens (admins and auditors: every token), newest first; at most 500.",
  })
  async apiTokens(@CurrentActor() actor: Actor): Promise<ApiToken[]> {
    return (await this.tokens.list(actor)).map(toModel);
  }

  @Allow('create', 'ApiToken')
  @Mutation(() => CreateApiTokenPayload, { description: 'Creates a token; the payload holds its secret, shown this once.' })
  async createApiToken(
    @Args('input', { type: () => CreateApiTokenInput }, new ZodValidationPipe(createApiTokenSchema, 'input'))
    input: CreateApiTokenValues,
    @CurrentActor() actor: Actor,
  ): Promise<CreateApiTokenPayload> {
    const { secret, token } = await this.tokens.create(actor, input);
    return { secret, token: toModel(token) };
  }

  @Allow('delete', 'ApiToken')
  @Mutation(() => ApiToken, { description: 'Revokes a token at once; requests with it are refused from now on.' })
  async revokeApiToken(
    @Args('id', { type: () => ID }, new ZodValidationPipe(z.uuid('must be an API token id'), 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ApiToken> {
    return toModel(await this.tokens.revoke(actor, id));
  }
}

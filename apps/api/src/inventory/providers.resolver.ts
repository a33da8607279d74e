import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createProviderInputSchema,
  retireInputSchema,
  updateProviderInputSchema,
  type CreateProviderInput as CreateValues,
  type RetireInput as RetireValues,
  type UpdateProviderInput as UpdateValues,
} from '@modelgate/domain/inventory';
import { NotFoundError } from '@modelgate/domain/errors';
import { z } from 'zod';
import { RecordChange } from '../audit/models/audit-event.model.js';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateProviderInput, RetireInput, UpdateProviderInput } from './dto/inventory.inputs.js';
import { InventoryLoaders } from './inventory.loaders.js';
import { toProvider } from './inventory.mappers.js';
import { ProvidersService } from './providers.service.js';
import { Provider } from './models/provider.model.js';

const idSchema = z.uuid('must be a provider id');

@Resolver(() => Provider)
export class ProvidersResolver {
  constructor(
    private readonly writes: ProvidersService,
    private readonly loaders: InventoryLoaders,
  ) {}

  @Query(() => [Provider], { description: 'Providers by name.' })
  @Allow('read', 'Model')
  async providers(@Args('includeRetired', { defaultValue: false }) includeRetired: boolean): Promise<Provider[]> {
    return (await this.writes.list(includeRetired)).map(toProvider);
  }

  @Query(() => Provider)
  @Allow('read', 'Model')
  async provider(
    @Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string,
    @Context() context: object,
  ): Promise<Provider> {
    const row = await this.loaders.for(context).provider.load(id);
    if (!row) throw new NotFoundError('Provider', id);
    return toProvider(row);
  }

  @Mutation(() => Provider)
  @Allow('create', 'Model')
  async createProvider(
    @Args('input', { type: () => CreateProviderInput }, new ZodValidationPipe(createProviderInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<Provider> {
    return toProvider(await this.writes.create(input, actor));
  }

  @Mutation(() => Provider)
  @Allow('update', 'Model')
  async updateProvider(
    @Args('input', { type: () => UpdateProviderInput }, new ZodValidationPipe(updateProviderInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<Provider> {
    return toProvider(await this.writes.update(input, actor));
  }

  @Mutation(() => Provider, { description: 'Retires a provider that has no model versions left in the inventory.' })
  @Allow('delete', 'Model')
  async retireProvider(
    @Args('input', { type: () => RetireInput }, new ZodValidationPipe(retireInputSchema, 'input')) input: RetireValues,
    @CurrentActor() actor: Actor,
  ): Promise<Provider> {
    return toProvider(await this.writes.retire(input, actor));
  }

  @ResolveField(() => Int, { description: 'Model versions of this provider in the inventory (not retired).' })
  @Allow('read', 'Model')
  modelVersionCount(@Parent() provider: Provider, @Context() context: object): Promise<number> {
    return this.loaders.for(context).activeVersionCountOfProvider.load(provider.id);
  }

  @ResolveField(() => [RecordChange], { description: 'Who changed this provider and how, newest first (the latest 50).' })
  @Allow('read', 'Model')
  history(@Parent() provider: Provider, @Context() context: object): Promise<RecordChange[]> {
    return this.loaders.for(context).providerHistory.load(provider.id);
  }
}

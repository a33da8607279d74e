import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  createHostingTargetInputSchema,
  retireInputSchema,
  updateHostingTargetInputSchema,
  type CreateHostingTargetInput as CreateValues,
  type RetireInput as RetireValues,
  type UpdateHostingTargetInput as UpdateValues,
} from '@modelgate/domain/inventory';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateHostingTargetInput, RetireInput, UpdateHostingTargetInput } from './dto/inventory.inputs.js';
import { HostingTargetsService } from './hosting-targets.service.js';
import { toHostingTarget } from './inventory.mappers.js';
import { HostingTarget } from './models/hosting-target.model.js';

@Resolver(() => HostingTarget)
export class HostingTargetsResolver {
  constructor(private readonly targets: HostingTargetsService) {}

  @Query(() => [HostingTarget], { description: 'Where models run, by name.' })
  @Allow('read', 'Model')
  async hostingTargets(@Args('includeRetired', { defaultValue: false }) includeRetired: boolean): Promise<HostingTarget[]> {
    return (await this.targets.list(includeRetired)).map(toHostingTarget);
  }

  @Mutation(() => HostingTarget)
  @Allow('create', 'Model')
  async createHostingTarget(
    @Args('input', { type: () => CreateHostingTargetInput }, new ZodValidationPipe(createHostingTargetInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<HostingTarget> {
    return toHostingTarget(await this.targets.create(input, actor));
  }

  @Mutation(() => HostingTarget)
  @Allow('update', 'Model')
  async updateHostingTarget(
    @Args('input', { type: () => UpdateHostingTargetInput }, new ZodValidationPipe(updateHostingTargetInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<HostingTarget> {
    return toHostingTarget(await this.targets.update(input, actor));
  }

  @Mutation(() => HostingTarget, { description: 'Retires a hosting target that no active deployment uses.' })
  @Allow('delete', 'Model')
  async retireHostingTarget(
    @Args('input', { type: () => RetireInput }, new ZodValidationPipe(retireInputSchema, 'input')) input: RetireValues,
    @CurrentActor() actor: Actor,
  ): Promise<HostingTarget> {
    return toHostingTarget(await this.targets.retire(input, actor));
  }
}

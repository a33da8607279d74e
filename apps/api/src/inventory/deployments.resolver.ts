import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createDeploymentInputSchema,
  deploymentsArgsSchema,
  retireInputSchema,
  updateDeploymentInputSchema,
  type CreateDeploymentInput as CreateValues,
  type DeploymentsQuery,
  type RetireInput as RetireValues,
  type UpdateDeploymentInput as UpdateValues,
} from '@modelgate/domain/inventory';
import { NotFoundError } from '@modelgate/domain/errors';
import { z } from 'zod';
import { RecordChange } from '../audit/models/audit-event.model.js';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { DeploymentsService } from './deployments.service.js';
import { CreateDeploymentInput, DeploymentsArgs, RetireInput, UpdateDeploymentInput } from './dto/inventory.inputs.js';
import { InventoryLoaders } from './inventory.loaders.js';
import { toDeployment, toHostingTarget, toModelVersion } from './inventory.mappers.js';
import { InventoryQueriesService } from './inventory-queries.service.js';
import { Deployment, DeploymentConnection, PersonRef, TeamRef } from './models/deployment.model.js';
import { HostingTarget } from './models/hosting-target.model.js';
import { ModelVersion } from './models/model-version.model.js';

const idSchema = z.uuid('must be a deployment id');

@Resolver(() => Deployment)
export class DeploymentsResolver {
  constructor(
    private readonly writes: DeploymentsService,
    private readonly queries: InventoryQueriesService,
    private readonly loaders: InventoryLoaders,
  ) {}

  @Query(() => DeploymentConnection, { description: 'Deployments, active first, newest first.' })
  @Allow('read', 'Deployment')
  async deployments(
    @Args({ type: () => DeploymentsArgs }, new ZodValidationPipe(deploymentsArgsSchema)) args: DeploymentsQuery,
  ): Promise<DeploymentConnection> {
    const page = await this.queries.deployments(args);
    return {
      edges: page.rows.map(({ cursor, row }) => ({ cursor, node: toDeployment(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      filter: args.filter,
    };
  }

  @Query(() => Deployment)
  @Allow('read', 'Deployment')
  async deployment(@Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string): Promise<Deployment> {
    const [row] = await this.queries.deploymentsByIds([id]);
    if (!row) throw new NotFoundError('Deployment', id);
    return toDeployment(row);
  }

  @Mutation(() => Deployment, { description: 'Registers which model version runs where, for which team.' })
  @Allow('create', 'Deployment')
  @Idempotent()
  async createDeployment(
    @Args('input', { type: () => CreateDeploymentInput }, new ZodValidationPipe(createDeploymentInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<Deployment> {
    return toDeployment(await this.writes.create(input, actor));
  }

  @Mutation(() => Deployment)
  @Allow('update', 'Deployment')
  async updateDeployment(
    @Args('input', { type: () => UpdateDeploymentInput }, new ZodValidationPipe(updateDeploymentInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<Deployment> {
    return toDeployment(await this.writes.update(input, actor));
  }

  @Mutation(() => Deployment, { description: 'Marks a deployment as no longer running.' })
  @Allow('delete', 'Deployment')
  async retireDeployment(
    @Args('input', { type: () => RetireInput }, new ZodValidationPipe(retireInputSchema, 'input')) input: RetireValues,
    @CurrentActor() actor: Actor,
  ): Promise<Deployment> {
    return toDeployment(await this.writes.retire(input, actor));
  }

  @ResolveField(() => ModelVersion)
  @Allow('read', 'Deployment')
  async modelVersion(@Parent() deployment: Deployment, @Context() context: object): Promise<ModelVersion> {
    return toModelVersion((await this.loaders.for(context).modelVersion.load(deployment.modelVersionId))!);
  }

  @ResolveField(() => TeamRef)
  @Allow('read', 'Deployment')
  async team(@Parent() deployment: Deployment, @Context() context: object): Promise<TeamRef> {
    return (await this.loaders.for(context).team.load(deployment.teamId))!;
  }

  @ResolveField(() => HostingTarget)
  @Allow('read', 'Deployment')
  async hostingTarget(@Parent() deployment: Deployment, @Context() context: object): Promise<HostingTarget> {
    return toHostingTarget((await this.loaders.for(context).hostingTarget.load(deployment.hostingTargetId))!);
  }

  @ResolveField(() => PersonRef, { nullable: true, description: 'Who registered it (for a token: the person it acts for).' })
  @Allow('read', 'Deployment')
  async registeredBy(@Parent() deployment: Deployment, @Context() context: object): Promise<PersonRef | null> {
    return deployment.registeredById ? this.loaders.for(context).person.load(deployment.registeredById) : null;
  }

  @ResolveField(() => [RecordChange], { description: 'Who changed this deployment and how, newest first (the latest 50).' })
  @Allow('read', 'Deployment')
  history(@Parent() deployment: Deployment, @Context() context: object): Promise<RecordChange[]> {
    return this.loaders.for(context).deploymentHistory.load(deployment.id);
  }
}

@Resolver(() => DeploymentConnection)
export class DeploymentConnectionResolver {
  constructor(private readonly queries: InventoryQueriesService) {}

  @ResolveField(() => Int)
  @Allow('read', 'Deployment')
  totalCount(@Parent() connection: DeploymentConnection): Promise<number> {
    return this.queries.countDeployments(connection.filter as DeploymentsQuery['filter']);
  }
}

import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  decideExceptionInputSchema,
  exceptionStepInputSchema,
  requestExceptionInputSchema,
  type DecideExceptionInput as DecideValues,
  type ExceptionStepInput as StepValues,
  type RequestExceptionInput as RequestValues,
} from '@modelgate/domain/policy';
import { z } from 'zod';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { ApprovalLoaders } from '../approvals/approval.loaders.js';
import { InventoryLoaders } from '../inventory/inventory.loaders.js';
import { toDeployment, toModelVersion } from '../inventory/inventory.mappers.js';
import { Deployment, PersonRef, TeamRef } from '../inventory/models/deployment.model.js';
import { ModelVersion } from '../inventory/models/model-version.model.js';
import { DecideExceptionInput, ExceptionStepInput, RequestExceptionInput } from './dto/policy.inputs.js';
import { DriftService } from './drift.service.js';
import { ExceptionsService, referenceOfException } from './exceptions.service.js';
import { DriftSweepResult, PolicyException, PolicyViolation } from './models/policy.models.js';
import { PoliciesRepository, type ExceptionRow } from './policies.repository.js';
import { ViolationLoaders } from './violation.loaders.js';

const toException = (row: ExceptionRow): PolicyException => ({ ...row, reference: referenceOfException(row) });
const stateSchema = z
  .enum(['REQUESTED', 'GRANTED', 'REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'], { error: () => 'must be an exception state' })
  .nullish()
  .transform((value) => value ?? null);

@Resolver(() => PolicyException)
export class ExceptionsResolver {
  constructor(
    private readonly exceptions: ExceptionsService,
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly approvalLoaders: ApprovalLoaders,
  ) {}

  @Query(() => [PolicyException], { description: 'Exceptions, newest first.' })
  @Allow('read', 'Policy')
  async policyExceptions(
    @Args('state', { type: () => String, nullable: true }, new ZodValidationPipe(stateSchema, 'state')) state: string | null,
  ): Promise<PolicyException[]> {
    return (await this.exceptions.list(state)).map(toException);
  }

  @Mutation(() => PolicyException, { description: 'Asks for a time-boxed exception; two compliance officers must grant it.' })
  @Allow('create', 'Deployment')
  async requestPolicyException(
    @Args('input', { type: () => RequestExceptionInput }, new ZodValidationPipe(requestExceptionInputSchema, 'input'))
    input: RequestValues,
    @CurrentActor() actor: Actor,
  ): Promise<PolicyException> {
    return toException(await this.exceptions.request(input, actor));
  }

  @Mutation(() => PolicyException, { description: 'One of the two grants (four eyes), or a rejection.' })
  @Allow('manage', 'Policy')
  async decidePolicyException(
    @Args('input', { type: () => DecideExceptionInput }, new ZodValidationPipe(decideExceptionInputSchema, 'input'))
    input: DecideValues,
    @CurrentActor() actor: Actor,
  ): Promise<PolicyException> {
    return toException(await this.exceptions.decide(input, actor));
  }

  @Mutation(() => PolicyException, {
    description: 'Withdraws a request (its requester) or revokes a granted exception (a compliance officer).',
  })
  @Allow('create', 'Deployment')
  async changePolicyException(
    @Args('input', { type: () => ExceptionStepInput }, new ZodValidationPipe(exceptionStepInputSchema, 'input'))
    input: StepValues,
    @CurrentActor() actor: Actor,
  ): Promise<PolicyException> {
    return toException(await this.exceptions.step(input, actor));
  }

  @ResolveField(() => PersonRef, { nullable: true, description: 'Who asked for it; null for a pipeline token.' })
  @Allow('read', 'Policy')
  requestedBy(@Parent() exception: PolicyException, @Context() context: object): Promise<PersonRef | null> {
    return exception.requestedById
      ? this.approvalLoaders.for(context).person.load(exception.requestedById)
      : Promise.resolve(null);
  }

  @ResolveField(() => [PersonRef], { description: 'The compliance officers who granted it so far (two make it granted).' })
  @Allow('read', 'Policy')
  async grantedBy(@Parent() exception: PolicyException, @Context() context: object): Promise<PersonRef[]> {
    const ids = [exception.firstApproverId, exception.secondApproverId].filter((id): id is string => id !== null);
    const people = await Promise.all(ids.map((id) => this.approvalLoaders.for(context).person.load(id)));
    return people.filter((person): person is PersonRef => person !== null);
  }

  @ResolveField(() => TeamRef, { nullable: true })
  @Allow('read', 'Policy')
  team(@Parent() exception: PolicyException, @Context() context: object): Promise<TeamRef | null> {
    return exception.teamId ? this.inventoryLoaders.for(context).team.load(exception.teamId) : Promise.resolve(null);
  }

  @ResolveField(() => ModelVersion)
  @Allow('read', 'Policy')
  async modelVersion(@Parent() exception: PolicyException, @Context() context: object): Promise<ModelVersion> {
    return toModelVersion((await this.inventoryLoaders.for(context).modelVersion.load(exception.modelVersionId))!);
  }
}

@Resolver(() => PolicyViolation)
export class ViolationsResolver {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly drift: DriftService,
    private readonly loaders: ViolationLoaders,
  ) {}

  @Query(() => [PolicyViolation], { description: 'Deployments the policy or their approvals do not allow; open ones first.' })
  @Allow('read', 'Policy')
  async policyViolations(
    @Args('openOnly', { type: () => Boolean, defaultValue: true }) openOnly: boolean,
  ): Promise<PolicyViolation[]> {
    const rows = await this.policies.listViolations(openOnly ? { resolvedAt: null } : {});
    return rows.sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
  }

  @Mutation(() => DriftSweepResult, { description: 'Checks every active deployment against the policy and approvals now.' })
  @Allow('manage', 'Policy')
  runDriftSweep(): Promise<DriftSweepResult> {
    return this.drift.sweep();
  }

  @ResolveField(() => Deployment)
  @Allow('read', 'Policy')
  async deployment(@Parent() violation: PolicyViolation, @Context() context: object): Promise<Deployment> {
    return toDeployment((await this.loaders.for(context).deployment.load(violation.deploymentId))!);
  }
}

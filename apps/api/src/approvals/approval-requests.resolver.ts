import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  approvalRequestsArgsSchema,
  approvalStepInputSchema,
  createApprovalRequestInputSchema,
  decideInputSchema,
  requestStepInputSchema,
  updateApprovalRequestInputSchema,
  type ApprovalRequestsQuery,
  type ApprovalStepInput as StepValues,
  type CreateApprovalRequestInput as CreateValues,
  type DecideInput as DecideValues,
  type RequestStepInput as RequestStepValues,
  type ReviewCategory,
  type UpdateApprovalRequestInput as UpdateValues,
} from '@modelgate/domain/approvals';
import { NotFoundError } from '@modelgate/domain/errors';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { RecordChange } from '../audit/models/audit-event.model.js';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { InventoryLoaders } from '../inventory/inventory.loaders.js';
import { toModelVersion } from '../inventory/inventory.mappers.js';
import { PersonRef, TeamRef } from '../inventory/models/deployment.model.js';
import { selectedFieldNames } from '../inventory/requested-fields.js';
import { ModelVersion } from '../inventory/models/model-version.model.js';
import { Clock } from '../jobs/clock.js';
import {
  approvalRequestColumnsFor,
  toApprovalRequest,
  toListedApprovalRequest,
  toRiskReview,
  toVote,
  type ApprovalRequestColumn,
} from './approval-mappers.js';
import { ApprovalContext } from './approval-context.js';
import { ApprovalLoaders } from './approval.loaders.js';
import { ApprovalQueriesService } from './approval-queries.service.js';
import { ApprovalRequestsService } from './approval-requests.service.js';
import { DecisionsService } from './decisions.service.js';
import {
  ApprovalRequestsArgs,
  ApprovalStepInput,
  CreateApprovalRequestInput,
  DecideInput,
  RequestStepInput,
  UpdateApprovalRequestInput,
} from './dto/approval.inputs.js';
import {
  ApprovalRequest,
  ApprovalRequestConnection,
  ApprovalRequirements,
  ApprovalVote,
  RiskReview,
} from './models/approval.models.js';

const idSchema = z.uuid('must be a request id');

@Resolver(() => ApprovalRequest)
export class ApprovalRequestsResolver {
  constructor(
    private readonly requests: ApprovalRequestsService,
    private readonly decisions: DecisionsService,
    private readonly queries: ApprovalQueriesService,
    private readonly loaders: ApprovalLoaders,
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly context: ApprovalContext,
    private readonly clock: Clock,
  ) {}

  @Query(() => ApprovalRequestConnection, { description: 'Approval requests, most recently changed first.' })
  @Allow('read', 'ApprovalRequest')
  approvalRequests(
    @Args({ type: () => ApprovalRequestsArgs }, new ZodValidationPipe(approvalRequestsArgsSchema)) args: ApprovalRequestsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequestConnection> {
    return this.queries.page(args, personBehind(actor));
  }

  @Query(() => ApprovalRequest)
  @Allow('read', 'ApprovalRequest')
  async approvalRequest(
    @Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string,
    @Context() context: object,
  ): Promise<ApprovalRequest> {
    const row = await this.loaders.for(context).request.load(id);
    if (!row) throw new NotFoundError('Approval request', id);
    return toApprovalRequest(row);
  }

  @Mutation(() => ApprovalRequest, {
    description: 'Requests approval of a model version for a scope (a draft, or submitted at once).',
  })
  @Allow('create', 'ApprovalRequest')
  @Idempotent()
  async createApprovalRequest(
    @Args('input', { type: () => CreateApprovalRequestInput }, new ZodValidationPipe(createApprovalRequestInputSchema, 'input'))
    input: CreateValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'createApprovalRequest', input.modelVersionId, () =>
        this.requests.create(input, actor),
      ),
    );
  }

  @Mutation(() => ApprovalRequest, { description: 'Changes the scope of a draft or submitted request.' })
  @Allow('update', 'ApprovalRequest')
  async updateApprovalRequest(
    @Args('input', { type: () => UpdateApprovalRequestInput }, new ZodValidationPipe(updateApprovalRequestInputSchema, 'input'))
    input: UpdateValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'updateApprovalRequest', input.id, () => this.requests.update(input, actor)),
    );
  }

  @Mutation(() => ApprovalRequest)
  @Allow('update', 'ApprovalRequest')
  async submitApprovalRequest(
    @Args('input', { type: () => RequestStepInput }, new ZodValidationPipe(requestStepInputSchema, 'input'))
    input: RequestStepValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'submitApprovalRequest', input.id, () => this.requests.submit(input, actor)),
    );
  }

  @Mutation(() => ApprovalRequest, { description: 'Withdraws a request that is not decided yet.' })
  @Allow('update', 'ApprovalRequest')
  async withdrawApprovalRequest(
    @Args('input', { type: () => RequestStepInput }, new ZodValidationPipe(requestStepInputSchema, 'input'))
    input: RequestStepValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'withdrawApprovalRequest', input.id, () => this.requests.withdraw(input, actor)),
    );
  }

  @Mutation(() => ApprovalRequest, { description: 'Approves or rejects a request in review, as one of its approvers.' })
  @Allow('decide', 'ApprovalRequest')
  async decideApprovalRequest(
    @Args('input', { type: () => DecideInput }, new ZodValidationPipe(decideInputSchema, 'input')) input: DecideValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'decideApprovalRequest', input.requestId, () =>
        this.decisions.decide(input, actor),
      ),
    );
  }

  @Mutation(() => ApprovalRequest, { description: 'Suspends, reinstates or revokes a granted approval, with a reason.' })
  @Allow('manage', 'ApprovalRequest')
  async changeApproval(
    @Args('input', { type: () => ApprovalStepInput }, new ZodValidationPipe(approvalStepInputSchema, 'input')) input: StepValues,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(await this.requests.changeApproval(input, actor));
  }

  @Mutation(() => ApprovalRequest, { description: 'Opens a re-review: a new cycle for the same scope, linked to this one.' })
  @Allow('update', 'ApprovalRequest')
  async renewApproval(
    @Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalRequest> {
    return toApprovalRequest(
      await this.context.refusalsAudited(actor, 'renewApproval', id, () => this.requests.renew(id, actor)),
    );
  }

  @ResolveField(() => ModelVersion)
  @Allow('read', 'ApprovalRequest')
  async modelVersion(@Parent() request: ApprovalRequest, @Context() context: object): Promise<ModelVersion> {
    return toModelVersion((await this.inventoryLoaders.for(context).modelVersion.load(request.modelVersionId))!);
  }

  @ResolveField(() => Boolean, {
    description:
      "False when the model version's weights checksum changed since the request was submitted: an approval covers only the weights it was given for, so a new request is needed.",
  })
  @Allow('read', 'ApprovalRequest')
  async coversCurrentWeights(@Parent() request: ApprovalRequest, @Context() context: object): Promise<boolean> {
    if (!request.submittedAt) return true;
    const version = await this.inventoryLoaders.for(context).modelVersion.load(request.modelVersionId);
    return (version?.weightsSha256 ?? null) === request.weightsSha256;
  }

  @ResolveField(() => TeamRef, { nullable: true })
  @Allow('read', 'ApprovalRequest')
  team(@Parent() request: ApprovalRequest, @Context() context: object): Promise<TeamRef | null> {
    return request.teamId ? this.inventoryLoaders.for(context).team.load(request.teamId) : Promise.resolve(null);
  }

  @ResolveField(() => PersonRef, { nullable: true, description: 'Who asked (for a token: the person it acts for).' })
  @Allow('read', 'ApprovalRequest')
  requester(@Parent() request: ApprovalRequest, @Context() context: object): Promise<PersonRef | null> {
    return request.requesterId ? this.loaders.for(context).person.load(request.requesterId) : Promise.resolve(null);
  }

  @ResolveField(() => [RiskReview])
  @Allow('read', 'ApprovalRequest')
  async reviews(@Parent() request: ApprovalRequest, @Context() context: object): Promise<RiskReview[]> {
    const now = this.clock.now();
    return (await this.loaders.for(context).reviewsOf.load(request.id)).map((row) => toRiskReview(row, now));
  }

  @ResolveField(() => [ApprovalVote], { description: 'Each approval or rejection given, oldest first.' })
  @Allow('read', 'ApprovalRequest')
  async votes(@Parent() request: ApprovalRequest, @Context() context: object): Promise<ApprovalVote[]> {
    return (await this.loaders.for(context).votesOf.load(request.id)).map(toVote);
  }

  @ResolveField(() => ApprovalRequirements)
  @Allow('read', 'ApprovalRequest')
  async requirements(@Parent() request: ApprovalRequest, @Context() context: object): Promise<ApprovalRequirements> {
    const [reviews, votes] = await Promise.all([
      this.loaders.for(context).reviewsOf.load(request.id),
      this.loaders.for(context).votesOf.load(request.id),
    ]);
    const signedOff = new Set(reviews.filter((r) => r.status === 'SIGNED_OFF').map((r) => r.category));
    const categories = request.requiredCategories as ReviewCategory[];
    return {
      tier: request.riskTier ?? 'LOW',
      categories,
      missingReviews: categories.filter((category) => !signedOff.has(category)),
      approvers: request.requiredApprovers,
      complianceOfficerRequired: request.complianceOfficerRequired,
      approvalsGiven: votes.filter((vote) => vote.decision === 'APPROVE').length,
    };
  }

  @ResolveField(() => ApprovalRequest, { nullable: true, description: 'The cycle this one renews.' })
  @Allow('read', 'ApprovalRequest')
  async previousRequest(@Parent() request: ApprovalRequest, @Context() context: object): Promise<ApprovalRequest | null> {
    if (!request.previousRequestId) return null;
    const row = await this.loaders.for(context).request.load(request.previousRequestId);
    return row ? toApprovalRequest(row) : null;
  }

  @ResolveField(() => [RecordChange], { description: 'Every audited step of the request and its reviews, oldest first.' })
  @Allow('read', 'ApprovalRequest')
  async timeline(@Parent() request: ApprovalRequest, @Context() context: object): Promise<RecordChange[]> {
    const loaders = this.loaders.for(context);
    const reviews = await loaders.reviewsOf.load(request.id);
    const [own, ...ofReviews] = await Promise.all([
      loaders.requestHistory.load(request.id),
      ...reviews.map((review) => loaders.reviewHistory.load(review.id)),
    ]);
    return [...own, ...ofReviews.flat()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  }
}

/** The columns a selection of `approvalRequests` reads, worked out once per field of an operation, not once per row. */
const columnsOfSelection = new WeakMap<readonly FieldNode[], ApprovalRequestColumn[]>();

function selectedColumns(info: GraphQLResolveInfo): ApprovalRequestColumn[] {
  let columns = columnsOfSelection.get(info.fieldNodes);
  if (!columns) columnsOfSelection.set(info.fieldNodes, (columns = approvalRequestColumnsFor(selectedFieldNames(info, []))));
  return columns;
}

@Resolver(() => ModelVersion)
export class ModelVersionApprovalsResolver {
  constructor(
    private readonly loaders: ApprovalLoaders,
    private readonly inventoryLoaders: InventoryLoaders,
  ) {}

  // Runs once per row of an inventory list, so it takes no parameter decorators: Nest then passes GraphQL's own
  // (parent, args, context, info) and calls it directly. `authorizeFieldResolvers` still checks its rule.
  @ResolveField(() => [ApprovalRequest], { description: 'Every approval cycle of this version, newest first.' })
  @Allow('read', 'ApprovalRequest')
  approvalRequests(
    version: ModelVersion,
    _args: unknown,
    context: object,
    info: GraphQLResolveInfo,
  ): ApprovalRequest[] | Promise<ApprovalRequest[]> {
    const listed = this.inventoryLoaders.listedApprovalRequestsOf(version);
    if (listed) return listed.map(toListedApprovalRequest);
    return this.loaders
      .for(context)
      .ofModelVersion(selectedColumns(info))
      .load(version.id)
      .then((rows) => rows.map(toListedApprovalRequest));
  }
}

import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  draftPolicyInputSchema,
  policyQuestionSchema,
  policySetSchema,
  policyVersionStepInputSchema,
  updatePolicyDraftInputSchema,
  type PolicyQuestion,
  type PolicySet,
} from '@modelgate/domain/policy';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { JSONScalar } from '../common/graphql/json.scalar.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { toApprovalRequest } from '../approvals/approval-mappers.js';
import { ApprovalLoaders } from '../approvals/approval.loaders.js';
import { ApprovalRequest } from '../approvals/models/approval.models.js';
import { InventoryLoaders } from '../inventory/inventory.loaders.js';
import { toHostingTarget, toModelVersion } from '../inventory/inventory.mappers.js';
import { PersonRef } from '../inventory/models/deployment.model.js';
import { HostingTarget } from '../inventory/models/hosting-target.model.js';
import { ModelVersion } from '../inventory/models/model-version.model.js';
import { DraftPolicyInput, PolicyQuestionInput, PolicyVersionStepInput, UpdatePolicyDraftInput } from './dto/policy.inputs.js';
import { PolicyDecision, PolicyInForce, PolicyPreview, PolicyVersion } from './models/policy.models.js';
import { PolicyDecisionService, type PolicyDecisionOutcome } from './policy-decision.service.js';
import { PolicyPreviewService } from './policy-preview.service.js';
import { PolicyVersionsService } from './policy-versions.service.js';

export function toPolicyDecision(outcome: PolicyDecisionOutcome): PolicyDecision {
  return {
    id: outcome.logId,
    decision: outcome.decision,
    reasons: outcome.reasons.map((reason) => ({ source: reason.source, ruleId: reason.ruleId ?? null, message: reason.message })),
    policyVersion: outcome.policyVersion,
    decidedAt: outcome.decidedAt,
    modelVersionId: outcome.modelVersion.id,
    hostingTargetId: outcome.hostingTarget.id,
    approvalRequestId: outcome.coveringApproval?.id ?? null,
  };
}

@Resolver(() => PolicyDecision)
export class PolicyDecisionResolver {
  constructor(
    private readonly decisions: PolicyDecisionService,
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly approvalLoaders: ApprovalLoaders,
  ) {}

  @Query(() => PolicyDecision, {
    description:
      'The CI gate: may this model version be used in this environment, on this hosting, with this data? Every answer is logged.',
  })
  @Allow('read', 'Decision')
  async policyDecision(
    @Args('input', { type: () => PolicyQuestionInput }, new ZodValidationPipe(policyQuestionSchema, 'input'))
    input: PolicyQuestion,
    @CurrentActor() actor: Actor,
  ): Promise<PolicyDecision> {
    return toPolicyDecision(await this.decisions.decide(input, actor));
  }

  @ResolveField(() => ModelVersion)
  @Allow('read', 'Decision')
  async modelVersion(@Parent() decision: PolicyDecision, @Context() context: object): Promise<ModelVersion> {
    return toModelVersion((await this.inventoryLoaders.for(context).modelVersion.load(decision.modelVersionId))!);
  }

  @ResolveField(() => HostingTarget)
  @Allow('read', 'Decision')
  async hostingTarget(@Parent() decision: PolicyDecision, @Context() context: object): Promise<HostingTarget> {
    return toHostingTarget((await this.inventoryLoaders.for(context).hostingTarget.load(decision.hostingTargetId))!);
  }

  @ResolveField(() => ApprovalRequest, { nullable: true, description: 'The approval that allows the use, when one does.' })
  @Allow('read', 'Decision')
  async approval(@Parent() decision: PolicyDecision, @Context() context: object): Promise<ApprovalRequest | null> {
    if (!decision.approvalRequestId) return null;
    const row = await this.approvalLoaders.for(context).request.load(decision.approvalRequestId);
    return row ? toApprovalRequest(row) : null;
  }
}

@Resolver(() => PolicyVersion)
export class PolicyVersionsResolver {
  constructor(
    private readonly versions: PolicyVersionsService,
    private readonly previews: PolicyPreviewService,
    private readonly approvalLoaders: ApprovalLoaders,
  ) {}

  @Query(() => PolicyInForce, { description: 'The policy decisions use now.' })
  @Allow('read', 'Policy')
  async policyInForce(): Promise<PolicyInForce> {
    return this.versions.inForce();
  }

  @Query(() => [PolicyVersion], { description: 'Policy versions, newest first.' })
  @Allow('read', 'Policy')
  policyVersions(): Promise<PolicyVersion[]> {
    return this.versions.list();
  }

  @Query(() => PolicyPreview, { description: 'Which active deployments a proposed policy would decide differently.' })
  @Allow('read', 'Policy')
  policyPreview(
    @Args('policy', { type: () => JSONScalar }, new ZodValidationPipe(policySetSchema, 'policy')) policy: PolicySet,
  ): Promise<PolicyPreview> {
    return this.previews.preview(policy);
  }

  @Mutation(() => PolicyVersion, { description: 'Saves a new draft policy version; another compliance officer activates it.' })
  @Allow('create', 'Policy')
  draftPolicyVersion(
    @Args('input', { type: () => DraftPolicyInput }, new ZodValidationPipe(draftPolicyInputSchema, 'input'))
    input: { policy: PolicySet; note: string | null },
    @CurrentActor() actor: Actor,
  ): Promise<PolicyVersion> {
    return this.versions.draft(input.policy, input.note, actor);
  }

  @Mutation(() => PolicyVersion)
  @Allow('update', 'Policy')
  updatePolicyDraft(
    @Args('input', { type: () => UpdatePolicyDraftInput }, new ZodValidationPipe(updatePolicyDraftInputSchema, 'input'))
    input: { id: string; expectedVersion: number; policy: PolicySet; note: string | null },
    @CurrentActor() actor: Actor,
  ): Promise<PolicyVersion> {
    return this.versions.updateDraft(input.id, input.expectedVersion, input.policy, input.note, actor);
  }

  @Mutation(() => PolicyVersion, {
    description: 'Puts a draft in force (four eyes: not by its drafter); the active one is superseded.',
  })
  @Allow('update', 'Policy')
  activatePolicyVersion(
    @Args('input', { type: () => PolicyVersionStepInput }, new ZodValidationPipe(policyVersionStepInputSchema, 'input'))
    input: { id: string; expectedVersion: number },
    @CurrentActor() actor: Actor,
  ): Promise<PolicyVersion> {
    return this.versions.activate(input.id, input.expectedVersion, actor);
  }

  @Mutation(() => PolicyVersion)
  @Allow('update', 'Policy')
  discardPolicyVersion(
    @Args('input', { type: () => PolicyVersionStepInput }, new ZodValidationPipe(policyVersionStepInputSchema, 'input'))
    input: { id: string; expectedVersion: number },
    @CurrentActor() actor: Actor,
  ): Promise<PolicyVersion> {
    return this.versions.discard(input.id, input.expectedVersion, actor);
  }

  @ResolveField(() => PersonRef, { nullable: true })
  @Allow('read', 'Policy')
  draftedBy(@Parent() version: PolicyVersion, @Context() context: object): Promise<PersonRef | null> {
    return version.draftedById ? this.approvalLoaders.for(context).person.load(version.draftedById) : Promise.resolve(null);
  }

  @ResolveField(() => PersonRef, { nullable: true })
  @Allow('read', 'Policy')
  activatedBy(@Parent() version: PolicyVersion, @Context() context: object): Promise<PersonRef | null> {
    return version.activatedById ? this.approvalLoaders.for(context).person.load(version.activatedById) : Promise.resolve(null);
  }
}

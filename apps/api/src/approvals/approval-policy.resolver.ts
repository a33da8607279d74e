import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RISK_TIERS, updateApprovalPolicyInputSchema, type ApprovalPolicy } from '@modelgate/domain/approvals';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { ApprovalPolicyService, type VersionedPolicy } from './approval-policy.service.js';
import { UpdateApprovalPolicyInput } from './dto/approval.inputs.js';
import { ApprovalPolicyModel } from './models/approval.models.js';

const toModel = ({ version, policy, updatedAt }: VersionedPolicy): ApprovalPolicyModel => ({
  version,
  updatedAt,
  tiers: RISK_TIERS.map((tier) => ({
    tier,
    requiredCategories: policy.requiredCategories[tier],
    approvers: policy.approvers[tier],
  })),
  validityMonths: policy.validityMonths,
  renewalLeadDays: policy.renewalLeadDays,
  reviewSlaDays: policy.reviewSlaDays,
});

@Resolver(() => ApprovalPolicyModel)
export class ApprovalPolicyResolver {
  constructor(private readonly policies: ApprovalPolicyService) {}

  @Query(() => ApprovalPolicyModel, { description: 'Which reviews and approvers each risk tier needs.' })
  @Allow('read', 'ApprovalPolicy')
  async approvalPolicy(): Promise<ApprovalPolicyModel> {
    return toModel(await this.policies.current());
  }

  @Mutation(() => ApprovalPolicyModel, {
    description: 'Changes the approval policy; applies to requests from their next step on.',
  })
  @Allow('update', 'ApprovalPolicy')
  async updateApprovalPolicy(
    @Args('input', { type: () => UpdateApprovalPolicyInput }, new ZodValidationPipe(updateApprovalPolicyInputSchema, 'input'))
    input: { expectedVersion: number; policy: ApprovalPolicy },
    @CurrentActor() actor: Actor,
  ): Promise<ApprovalPolicyModel> {
    return toModel(await this.policies.update(input.policy, input.expectedVersion, actor));
  }
}

import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import type { ReviewCategory } from '@modelgate/domain/approvals';
import {
  DataClassificationEnum,
  EnvironmentEnum,
  EuAiActCategoryEnum,
  HostingModeEnum,
  type DataClassification,
  type Environment,
  type EuAiActCategory,
  type HostingMode,
} from '../../inventory/models/inventory-enums.js';
import {
  ApprovalConditionKindEnum,
  ApprovalStateEnum,
  ApprovalStepEnum,
  DecisionEnum,
  ReviewCategoryEnum,
  RiskTierEnum,
} from '../models/approval.models.js';

@InputType()
export class ApprovalScopeInput {
  @Field()
  intendedUse!: string;

  @Field(() => [EnvironmentEnum])
  environments!: Environment[];

  @Field(() => [HostingModeEnum])
  hostingModes!: HostingMode[];

  @Field(() => DataClassificationEnum)
  maxDataClassification!: DataClassification;

  @Field()
  personalData!: boolean;

  @Field(() => Float)
  expectedUsers!: number;

  @Field(() => EuAiActCategoryEnum, { nullable: true })
  euAiActCategory?: EuAiActCategory | null;
}

@InputType()
export class CreateApprovalRequestInput {
  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => ID, { nullable: true, description: "The team that will use it; defaults to your (or the token's) only team." })
  teamId?: string | null;

  @Field(() => ApprovalScopeInput)
  scope!: ApprovalScopeInput;

  @Field({ nullable: true, defaultValue: false, description: 'Submit at once instead of keeping a draft.' })
  submit?: boolean;
}

@InputType()
export class UpdateApprovalRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ApprovalScopeInput)
  scope!: ApprovalScopeInput;
}

@InputType({ description: 'A workflow step on a request, at the version you read.' })
export class RequestStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class ApprovalStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ApprovalStepEnum)
  step!: string;

  @Field()
  reason!: string;
}

@InputType()
export class AssignReviewInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Int, { description: "The request's version you read." })
  expectedVersion!: number;

  @Field(() => ReviewCategoryEnum)
  category!: ReviewCategory;

  @Field(() => ID, { nullable: true, description: 'Omit to take the review yourself.' })
  reviewerId?: string | null;
}

@InputType()
export class FileReviewInput {
  @Field(() => ID)
  reviewId!: string;

  @Field(() => Int, { description: "The review's version you read." })
  expectedVersion!: number;

  @Field(() => Int)
  likelihood!: number;

  @Field(() => Int)
  impact!: number;

  @Field()
  findings!: string;

  @Field(() => [String], { nullable: true })
  mitigations?: string[];

  @Field({ nullable: true, defaultValue: false })
  signOff?: boolean;
}

@InputType()
export class EvidenceFileInput {
  @Field()
  fileName!: string;

  @Field({ description: 'application/pdf, image/png, image/jpeg, text/plain, text/csv, text/markdown or application/json.' })
  contentType!: string;

  @Field({ description: 'The file, base64-encoded; at most 10 MiB decoded.' })
  contentBase64!: string;
}

@InputType({ description: 'Either a link or a file.' })
export class AddEvidenceInput {
  @Field(() => ID)
  reviewId!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  link?: string | null;

  @Field(() => EvidenceFileInput, { nullable: true })
  file?: EvidenceFileInput | null;
}

@InputType()
export class ApprovalConditionInput {
  @Field(() => ApprovalConditionKindEnum)
  kind!: string;

  @Field(() => [HostingModeEnum], { nullable: true })
  hostingModes?: HostingMode[];

  @Field(() => [EnvironmentEnum], { nullable: true })
  environments?: Environment[];

  @Field(() => DataClassificationEnum, { nullable: true })
  dataClassification?: DataClassification;

  @Field(() => String, { nullable: true })
  text?: string;
}

@InputType()
export class DecideInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => DecisionEnum)
  decision!: string;

  @Field()
  rationale!: string;

  @Field(() => [ApprovalConditionInput], { nullable: true })
  conditions?: ApprovalConditionInput[];

  @Field(() => Int, { nullable: true, description: "Months of validity; the policy's default when omitted." })
  validityMonths?: number | null;
}

@InputType()
export class ApprovalRequestFilter {
  @Field(() => [ApprovalStateEnum], { nullable: true })
  states?: string[];

  @Field(() => ID, { nullable: true })
  modelVersionId?: string;

  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field({ nullable: true, description: 'Requests you made.' })
  mine?: boolean;

  @Field({ nullable: true, description: 'Requests with a review assigned to you that is not signed off.' })
  assignedToMe?: boolean;

  @Field(() => Int, { nullable: true, description: 'Granted approvals ending within this many days.' })
  expiringWithinDays?: number;
}

@ArgsType()
export class ApprovalRequestsArgs {
  @Field(() => ApprovalRequestFilter, { nullable: true })
  filter?: ApprovalRequestFilter;

  @Field(() => Int, { defaultValue: 25, description: 'Page size, 1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class ApproverRuleInput {
  @Field(() => Int)
  count!: number;

  @Field()
  complianceOfficerRequired!: boolean;
}

@InputType()
export class ApprovalPolicyTierInput {
  @Field(() => RiskTierEnum)
  tier!: string;

  @Field(() => [ReviewCategoryEnum])
  requiredCategories!: string[];

  @Field(() => ApproverRuleInput)
  approvers!: ApproverRuleInput;
}

@InputType()
export class UpdateApprovalPolicyInput {
  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => [ApprovalPolicyTierInput], { description: 'One entry for each of LOW, MEDIUM, HIGH and CRITICAL.' })
  tiers!: ApprovalPolicyTierInput[];

  @Field(() => Int)
  validityMonths!: number;

  @Field(() => Int)
  renewalLeadDays!: number;

  @Field(() => Int)
  reviewSlaDays!: number;
}

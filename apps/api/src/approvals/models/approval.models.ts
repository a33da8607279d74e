import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  REQUEST_STATES,
  RISK_TIERS,
  REVIEW_CATEGORIES,
  type RequestState,
  type ReviewCategory,
  type RiskTier,
} from '@modelgate/domain/approvals';
import { PageInfo } from '../../common/graphql/page-info.model.js';
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

const valueKeyed = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [V in T]: V };

export const ApprovalStateEnum = valueKeyed(REQUEST_STATES);
registerEnumType(ApprovalStateEnum, { name: 'ApprovalState', description: 'Where a request is in its lifecycle.' });
export const RiskTierEnum = valueKeyed(RISK_TIERS);
registerEnumType(RiskTierEnum, { name: 'RiskTier', description: 'Derived from the signed-off reviews, never typed in.' });
export const ReviewCategoryEnum = valueKeyed(REVIEW_CATEGORIES);
registerEnumType(ReviewCategoryEnum, { name: 'ReviewCategory', description: 'What a risk review looks at.' });
export const ReviewStatusEnum = { ASSIGNED: 'ASSIGNED', SIGNED_OFF: 'SIGNED_OFF' } as const;
registerEnumType(ReviewStatusEnum, { name: 'ReviewStatus' });
export const ApprovalConditionKindEnum = {
  HOSTING_MODES: 'HOSTING_MODES',
  ENVIRONMENTS: 'ENVIRONMENTS',
  MAX_DATA_CLASSIFICATION: 'MAX_DATA_CLASSIFICATION',
  NO_PERSONAL_DATA: 'NO_PERSONAL_DATA',
  PIN_WEIGHTS_CHECKSUM: 'PIN_WEIGHTS_CHECKSUM',
  CUSTOM: 'CUSTOM',
} as const;
registerEnumType(ApprovalConditionKindEnum, { name: 'ApprovalConditionKind' });
export const DecisionEnum = { APPROVE: 'APPROVE', REJECT: 'REJECT' } as const;
registerEnumType(DecisionEnum, { name: 'Decision' });
export const ApprovalStepEnum = { SUSPEND: 'SUSPEND', REINSTATE: 'REINSTATE', REVOKE: 'REVOKE' } as const;
registerEnumType(ApprovalStepEnum, {
  name: 'ApprovalStep',
  description: 'What a compliance officer may do to a granted approval.',
});

@ObjectType({ description: 'What the model version is requested for; the approval covers this and nothing wider.' })
export class ApprovalScope {
  @Field()
  intendedUse!: string;

  @Field(() => [EnvironmentEnum])
  environments!: Environment[];

  @Field(() => [HostingModeEnum])
  hostingModes!: HostingMode[];

  @Field(() => DataClassificationEnum, { description: 'Highest data classification the use processes.' })
  maxDataClassification!: DataClassification;

  @Field()
  personalData!: boolean;

  @Field(() => Float, { description: 'Expected number of users.' })
  expectedUsers!: number;

  @Field(() => EuAiActCategoryEnum, { nullable: true })
  euAiActCategory!: EuAiActCategory | null;
}

@ObjectType({ description: 'A condition of an approval.' })
export class ApprovalCondition {
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

  @Field({ description: 'The condition in words, e.g. "On-premises only".' })
  description!: string;
}

@ObjectType({ description: 'What the request needs before it can be approved, from its tier, scope and the policy.' })
export class ApprovalRequirements {
  @Field(() => RiskTierEnum, { description: 'The tier the requirements are for (LOW until a review is signed off).' })
  tier!: RiskTier;

  @Field(() => [ReviewCategoryEnum])
  categories!: ReviewCategory[];

  @Field(() => [ReviewCategoryEnum], { description: 'Required categories without a signed-off review.' })
  missingReviews!: ReviewCategory[];

  @Field(() => Int)
  approvers!: number;

  @Field()
  complianceOfficerRequired!: boolean;

  @Field(() => Int, { description: 'Approvals given so far.' })
  approvalsGiven!: number;
}

@ObjectType()
export class ReviewEvidence {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'FILE or LINK.' })
  kind!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => String, { nullable: true })
  contentType!: string | null;

  @Field(() => Int, { nullable: true })
  sizeBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file as stored.' })
  sha256!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  addedById!: string | null;
}

@ObjectType({ description: 'A risk review of one category of a request.' })
export class RiskReview {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewCategoryEnum)
  category!: ReviewCategory;

  @Field(() => ReviewStatusEnum)
  status!: string;

  @Field(() => Int, { nullable: true, description: '1 (rare) to 5 (almost certain).' })
  likelihood!: number | null;

  @Field(() => Int, { nullable: true, description: '1 (negligible) to 5 (severe).' })
  impact!: number | null;

  @Field(() => RiskTierEnum, { nullable: true })
  tier!: RiskTier | null;

  @Field(() => String, { nullable: true })
  findings!: string | null;

  @Field(() => [String])
  mitigations!: string[];

  @Field(() => GraphQLISODateTime)
  assignedAt!: Date;

  @Field(() => GraphQLISODateTime)
  dueAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  signedOffAt!: Date | null;

  @Field({ description: 'Assigned, not signed off, and past its due date.' })
  overdue!: boolean;

  @Field(() => Int)
  version!: number;

  reviewerId!: string;
  requestId!: string;
}

@ObjectType({ description: "One approver's approval or rejection." })
export class ApprovalVote {
  @Field(() => ID)
  id!: string;

  @Field(() => DecisionEnum)
  decision!: string;

  @Field()
  asComplianceOfficer!: boolean;

  @Field()
  rationale!: string;

  @Field(() => [ApprovalCondition])
  conditions!: ApprovalCondition[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  personId!: string;
}

@ObjectType({ description: 'A request to use one model version for a scope, its reviews and its decision.' })
export class ApprovalRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Shown as AR-<number>.' })
  number!: number;

  @Field({ description: 'AR-<number>.' })
  reference!: string;

  @Field(() => ApprovalStateEnum)
  state!: RequestState;

  @Field(() => ApprovalScope)
  scope!: ApprovalScope;

  @Field(() => String, { nullable: true, description: 'The weights checksum the approval is bound to.' })
  weightsSha256!: string | null;

  @Field({ description: 'ADMIN_APP, API or CLI.' })
  requestedVia!: string;

  @Field(() => RiskTierEnum, { nullable: true })
  riskTier!: RiskTier | null;

  @Field(() => Int, { description: '1 for a first request; each renewal adds one.' })
  cycle!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionRationale!: string | null;

  @Field(() => [ApprovalCondition])
  conditions!: ApprovalCondition[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  validFrom!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The approval policy version the decision was made under.' })
  policyVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn, suspended, reinstated or revoked.' })
  stateReason!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  modelVersionId!: string;
  teamId!: string | null;
  requesterId!: string | null;
  previousRequestId!: string | null;
  lastEditedById!: string | null;
  requiredCategories!: string[];
  requiredApprovers!: number;
  complianceOfficerRequired!: boolean;
}

@ObjectType()
export class ApprovalRequestEdge {
  @Field()
  cursor!: string;

  @Field(() => ApprovalRequest)
  node!: ApprovalRequest;
}

@ObjectType()
export class ApprovalRequestConnection {
  @Field(() => [ApprovalRequestEdge])
  edges!: ApprovalRequestEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class ApproverRuleModel {
  @Field(() => Int)
  count!: number;

  @Field()
  complianceOfficerRequired!: boolean;
}

@ObjectType('ApprovalPolicyTier', { description: 'What one risk tier needs.' })
export class ApprovalPolicyTier {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field(() => [ReviewCategoryEnum])
  requiredCategories!: ReviewCategory[];

  @Field(() => ApproverRuleModel)
  approvers!: ApproverRuleModel;
}

@ObjectType('ApprovalPolicy', { description: 'Which reviews and approvers each tier needs, and how long approvals last.' })
export class ApprovalPolicyModel {
  @Field(() => Int, { description: '0 for the shipped defaults; each change adds one.' })
  version!: number;

  @Field(() => [ApprovalPolicyTier])
  tiers!: ApprovalPolicyTier[];

  @Field(() => Int)
  validityMonths!: number;

  @Field(() => Int)
  renewalLeadDays!: number;

  @Field(() => Int)
  reviewSlaDays!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;
}

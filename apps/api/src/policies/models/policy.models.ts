import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from '../../common/graphql/json.scalar.js';

export const DecisionOutcomeEnum = { ALLOW: 'ALLOW', REVIEW_REQUIRED: 'REVIEW_REQUIRED', DENY: 'DENY' } as const;
registerEnumType(DecisionOutcomeEnum, { name: 'DecisionOutcome', description: 'The answer to "may I use this model here?".' });

@ObjectType({ description: 'One reason behind a decision: a policy rule, the approval situation, or an exception.' })
export class DecisionReason {
  @Field({ description: 'POLICY, APPROVAL or EXCEPTION.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The rule, for POLICY reasons.' })
  ruleId!: string | null;

  @Field()
  message!: string;
}

@ObjectType({ description: 'A decision of the CI gate, as logged.' })
export class PolicyDecision {
  @Field(() => ID, { description: 'The decision log entry.' })
  id!: string;

  @Field(() => DecisionOutcomeEnum)
  decision!: string;

  @Field(() => [DecisionReason])
  reasons!: DecisionReason[];

  @Field(() => Int, { description: 'The policy version decided under (0: the shipped defaults).' })
  policyVersion!: number;

  @Field(() => GraphQLISODateTime)
  decidedAt!: Date;

  modelVersionId!: string;
  hostingTargetId!: string;
  approvalRequestId!: string | null;
}

@ObjectType()
export class PolicyVersion {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field({ description: 'DRAFT, ACTIVE, SUPERSEDED or DISCARDED.' })
  status!: string;

  @Field(() => JSONScalar, { description: 'The policy set: { countryGroups, rules }.' })
  policy!: unknown;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  activatedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  draftedById!: string | null;
  activatedById!: string | null;
}

@ObjectType({ description: 'The policy that decisions use now.' })
export class PolicyInForce {
  @Field(() => Int, { description: '0 while the shipped defaults are in force.' })
  number!: number;

  @Field(() => JSONScalar)
  policy!: unknown;
}

@ObjectType({ description: 'A deployment whose decision a proposed policy would change.' })
export class PolicyPreviewChange {
  @Field(() => ID)
  deploymentId!: string;

  @Field()
  description!: string;

  @Field(() => DecisionOutcomeEnum)
  before!: string;

  @Field(() => DecisionOutcomeEnum)
  after!: string;

  @Field(() => [DecisionReason], { description: 'The reasons under the proposed policy.' })
  reasons!: DecisionReason[];
}

@ObjectType()
export class PolicyPreview {
  @Field(() => Int, { description: 'Active deployments evaluated.' })
  deploymentsChecked!: number;

  @Field(() => [PolicyPreviewChange])
  changes!: PolicyPreviewChange[];
}

@ObjectType({ description: 'A time-boxed waiver of deny rules for one model version in a scope.' })
export class PolicyException {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'EX-<number>.' })
  reference!: string;

  @Field({ description: 'REQUESTED, GRANTED, REJECTED, WITHDRAWN, REVOKED or EXPIRED.' })
  state!: string;

  @Field(() => [String])
  environments!: string[];

  @Field(() => [ID], { description: 'Hosting targets covered; empty means any.' })
  hostingTargetIds!: string[];

  @Field()
  maxDataClassification!: string;

  @Field(() => [String], { description: 'Deny rules waived; empty means every deny rule.' })
  ruleIds!: string[];

  @Field()
  justification!: string;

  @Field(() => [String])
  compensatingControls!: string[];

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  grantedAt!: Date | null;

  @Field(() => String, { nullable: true })
  stateReason!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  modelVersionId!: string;
  teamId!: string | null;
  requestedById!: string | null;
  firstApproverId!: string | null;
  secondApproverId!: string | null;
}

@ObjectType({ description: 'A deployment the policy in force or its approvals do not allow.' })
export class PolicyViolation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'DENIED (a deny rule matches) or NOT_COVERED (no approval or exception covers it).' })
  kind!: string;

  @Field()
  message!: string;

  @Field(() => Int)
  policyVersion!: number;

  @Field(() => GraphQLISODateTime)
  detectedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  deploymentId!: string;
}

@ObjectType()
export class DriftSweepResult {
  @Field(() => Int)
  checked!: number;

  @Field(() => Int)
  opened!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  resolved!: number;
}

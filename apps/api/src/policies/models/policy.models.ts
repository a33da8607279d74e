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

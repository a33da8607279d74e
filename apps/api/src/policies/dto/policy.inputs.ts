import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { JSONScalar } from '../../common/graphql/json.scalar.js';
import {
  DataClassificationEnum,
  EnvironmentEnum,
  EuAiActCategoryEnum,
  type DataClassification,
  type Environment,
  type EuAiActCategory,
} from '../../inventory/models/inventory-enums.js';

@InputType({ description: 'Name the model (id, key, provider + name, or weights SHA-256) and the hosting target (id or name).' })
export class PolicyQuestionInput {
  @Field(() => ID, { nullable: true })
  modelVersionId?: string | null;

  @Field(() => String, { nullable: true, description: 'The key (e.g. "qwen2.5-7b-instruct") or the version name.' })
  model?: string | null;

  @Field(() => String, { nullable: true })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the weights that will run.' })
  weightsSha256?: string | null;

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => ID, { nullable: true })
  hostingTargetId?: string | null;

  @Field(() => String, { nullable: true, description: 'The hosting target name.' })
  hostingTarget?: string | null;

  @Field(() => DataClassificationEnum)
  dataClassification!: DataClassification;

  @Field({ nullable: true, defaultValue: false })
  personalData?: boolean;

  @Field(() => EuAiActCategoryEnum, { nullable: true })
  euAiActCategory?: EuAiActCategory | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;
}

@InputType()
export class DraftPolicyInput {
  @Field(() => JSONScalar, { description: 'The policy set: { countryGroups, rules }.' })
  policy!: unknown;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UpdatePolicyDraftInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => JSONScalar)
  policy!: unknown;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class PolicyVersionStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class RequestExceptionInput {
  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => [EnvironmentEnum])
  environments!: Environment[];

  @Field(() => [ID], { nullable: true, description: 'Empty or omitted: any hosting target.' })
  hostingTargetIds?: string[];

  @Field(() => DataClassificationEnum)
  maxDataClassification!: DataClassification;

  @Field(() => [String], { nullable: true, description: 'Deny rules to waive; empty or omitted: every deny rule.' })
  ruleIds?: string[];

  @Field()
  justification!: string;

  @Field(() => [String])
  compensatingControls!: string[];

  @Field({ description: 'When it ends (ISO date-time), at most 180 days ahead.' })
  expiresAt!: string;
}

@InputType()
export class DecideExceptionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field({ description: 'GRANT or REJECT.' })
  decision!: string;

  @Field()
  reason!: string;
}

@InputType()
export class ExceptionStepInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field({ description: 'WITHDRAW (the requester, while requested) or REVOKE (a compliance officer, once granted).' })
  step!: string;

  @Field()
  reason!: string;
}

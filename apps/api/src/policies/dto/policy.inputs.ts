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

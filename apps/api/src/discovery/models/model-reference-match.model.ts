import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FINDING_KINDS, MATCH_METHODS, MATCH_STATUSES } from '@modelgate/discovery';
import { DataClassificationEnum, EnvironmentEnum } from '../../inventory/models/inventory-enums.js';

const keyed = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [V in T]: V };

export const ModelReferenceKindEnum = keyed(FINDING_KINDS);
export type ModelReferenceKind = (typeof FINDING_KINDS)[number];
registerEnumType(ModelReferenceKindEnum, { name: 'ModelReferenceKind', description: 'What kind of reference a scan found.' });

export const ModelReferenceStatusEnum = keyed(MATCH_STATUSES);
registerEnumType(ModelReferenceStatusEnum, {
  name: 'ModelReferenceStatus',
  description:
    'APPROVED for this use, REGISTERED_NOT_APPROVED (in the inventory, not approved for it), or UNKNOWN (not in the inventory).',
});

export const ModelMatchMethodEnum = keyed(MATCH_METHODS);
registerEnumType(ModelMatchMethodEnum, {
  name: 'ModelMatchMethod',
  description:
    'How a reference was tied to a model version: Hugging Face repository, API model name (key or version name), weights SHA-256, or a GGUF file, Ollama tag or local folder name (heuristics).',
});

@ObjectType({ description: 'The model version a reference was matched to.' })
export class MatchedModelVersion {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  versionName!: string;

  @Field()
  familyName!: string;

  @Field({ description: 'The provider’s name.' })
  provider!: string;

  @Field()
  retired!: boolean;
}

@ObjectType({ description: 'What the inventory says about one model reference.' })
export class ModelReferenceMatch {
  @Field(() => ModelReferenceKindEnum)
  kind!: string;

  @Field()
  reference!: string;

  @Field(() => String, { nullable: true })
  sha256!: string | null;

  @Field(() => ModelReferenceStatusEnum)
  status!: string;

  @Field(() => ModelMatchMethodEnum, { nullable: true })
  matchedBy!: string | null;

  @Field(() => MatchedModelVersion, { nullable: true })
  modelVersion!: MatchedModelVersion | null;

  @Field(() => [String], { description: 'The decision’s reasons: approvals and policy rules.' })
  reasons!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'When nothing matched: a pointer, e.g. the dated versions behind an API alias.',
  })
  hint!: string | null;
}

@ObjectType({ description: 'The answers for a batch of model references, for one use.' })
export class ModelReferenceMatches {
  @Field(() => EnvironmentEnum)
  environment!: string;

  @Field(() => DataClassificationEnum)
  dataClassification!: string;

  @Field(() => String, { nullable: true, description: 'The hosting target judged for, when one was named.' })
  hostingTarget!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The policy version decided under, when a hosting target was named (0: the shipped defaults).',
  })
  policyVersion!: number | null;

  @Field(() => [ModelReferenceMatch], { description: 'One per distinct reference, in the order given.' })
  results!: ModelReferenceMatch[];
}

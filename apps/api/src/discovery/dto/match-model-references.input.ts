import { Field, ID, InputType } from '@nestjs/graphql';
import {
  DataClassificationEnum,
  EnvironmentEnum,
  type DataClassification,
  type Environment,
} from '../../inventory/models/inventory-enums.js';
import { ModelReferenceKindEnum, type ModelReferenceKind } from '../models/model-reference-match.model.js';

@InputType({ description: 'A model reference found in code, as `modelgate scan` reports it.' })
export class ModelReferenceInput {
  @Field(() => ModelReferenceKindEnum)
  kind!: ModelReferenceKind;

  @Field({
    description:
      'The normalised reference: "Qwen/Qwen2.5-7B-Instruct", "openai:gpt-4o", "ollama:qwen2.5:7b", "gguf:<file name>", a vLLM/TGI --model value, or "sha256:<hex>" for weights.',
  })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of a weights file (required for WEIGHTS_FILE).' })
  sha256?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A weights file’s name, for the GGUF name heuristic when the checksum is not registered.',
  })
  fileName?: string | null;
}

@InputType({ description: 'Up to 2,000 references and the use they are judged for.' })
export class MatchModelReferencesInput {
  @Field(() => [ModelReferenceInput])
  references!: ModelReferenceInput[];

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => DataClassificationEnum, { nullable: true, description: 'Default INTERNAL.' })
  dataClassification?: DataClassification | null;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  personalData?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'With a hosting target (id or name) the statuses are the CI gate’s answer, policy included.',
  })
  hostingTargetId?: string | null;

  @Field(() => String, { nullable: true, description: 'The hosting target’s name.' })
  hostingTarget?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The team that uses the models (approvals given to another team do not cover it).',
  })
  teamId?: string | null;
}

import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import {
  DistributionEnum,
  LineageRelationEnum,
  ModalityEnum,
  type Distribution,
  type LineageRelation,
  type Modality,
} from '../../inventory/models/inventory-enums.js';
import { MatchedModelVersion } from './model-reference-match.model.js';

@ObjectType({ description: 'The model-version fields a card fills in; null where the card does not tell.' })
export class ModelCardDraftFields {
  @Field(() => String, { nullable: true })
  familyName!: string | null;

  @Field(() => String, { nullable: true })
  versionName!: string | null;

  @Field(() => String, { nullable: true })
  supplier!: string | null;

  @Field(() => DistributionEnum, { nullable: true })
  distribution!: Distribution | null;

  @Field(() => String, { nullable: true })
  huggingFaceRepo!: string | null;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field(() => String, { nullable: true })
  modelCardUrl!: string | null;

  @Field(() => Float, { nullable: true, description: 'Parameters (a Float: counts pass 2^31).' })
  parameterCount!: number | null;

  @Field(() => [ModalityEnum], { nullable: true })
  modalities!: Modality[] | null;

  @Field(() => String, { nullable: true })
  task!: string | null;

  @Field(() => String, { nullable: true, description: 'An SPDX id or a license catalog id (LicenseRef-...).' })
  declaredLicense!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the weights (from a scanned weights file; never from a card).',
  })
  weightsSha256!: string | null;
}

@ObjectType({ description: 'A base model the card names, and the inventory’s version of it if registered.' })
export class ModelCardBase {
  @Field({ description: 'The base model’s Hugging Face repository, as the card names it.' })
  repo!: string;

  @Field(() => LineageRelationEnum, { nullable: true, description: 'Null when the card does not say.' })
  relation!: LineageRelation | null;

  @Field(() => MatchedModelVersion, { nullable: true })
  modelVersion!: MatchedModelVersion | null;
}

@ObjectType({ description: 'A provider of the inventory.' })
export class ModelCardProvider {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'What a model card says, in the inventory’s terms. Nothing is saved.' })
export class ModelCardDraft {
  @Field(() => ModelCardDraftFields)
  fields!: ModelCardDraftFields;

  @Field(() => String, { nullable: true, description: 'The provider the repository owner suggests, by name.' })
  providerName!: string | null;

  @Field(() => ModelCardProvider, { nullable: true, description: 'The inventory provider of that name, if any.' })
  provider!: ModelCardProvider | null;

  @Field(() => String, { nullable: true, description: 'The license as the card wrote it.' })
  cardLicense!: string | null;

  @Field(() => String, { nullable: true })
  licenseLink!: string | null;

  @Field({ description: 'Whether the declared license is in the license catalog.' })
  licenseInCatalog!: boolean;

  @Field(() => [ModelCardBase])
  bases!: ModelCardBase[];

  @Field(() => [String])
  languages!: string[];

  @Field(() => [String])
  datasets!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'What could not be mapped, or was guessed.' })
  notes!: string[];
}

import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SCAN_FINDING_STATUSES } from '@modelgate/discovery';
import {
  DataClassificationEnum,
  EnvironmentEnum,
  type DataClassification,
  type Environment,
} from '../../inventory/models/inventory-enums.js';
import { PersonRef, TeamRef } from '../../inventory/models/deployment.model.js';
import { ModelCardDraftFields, ModelCardProvider } from '../models/model-card-draft.model.js';
import { MatchedModelVersion, ModelMatchMethodEnum, ModelReferenceKindEnum } from '../models/model-reference-match.model.js';

export const ScanFindingStatusEnum = Object.fromEntries(SCAN_FINDING_STATUSES.map((value) => [value, value]));
registerEnumType(ScanFindingStatusEnum, {
  name: 'ScanFindingStatus',
  description:
    'APPROVED for the use scanned for, REGISTERED_NOT_APPROVED, UNKNOWN (not in the inventory), or INFORMATIONAL (a vendor endpoint: never matched).',
});

@ObjectType({ description: 'One model reference an uploaded scan found, with the answer then and now.' })
export class ScanFinding {
  @Field(() => ID)
  id!: string;

  @Field(() => ModelReferenceKindEnum)
  kind!: string;

  @Field()
  reference!: string;

  @Field(() => String, { nullable: true })
  provider!: string | null;

  @Field()
  file!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field()
  snippet!: string;

  @Field(() => String, { nullable: true })
  sha256!: string | null;

  @Field(() => Float, { nullable: true })
  sizeBytes!: number | null;

  @Field()
  inComment!: boolean;

  @Field(() => ScanFindingStatusEnum, { description: 'The server’s answer when the report was received.' })
  statusAtScan!: string;

  @Field(() => ScanFindingStatusEnum, { description: 'Today’s answer for the same use.' })
  status!: string;

  @Field(() => ModelMatchMethodEnum, { nullable: true })
  matchedBy!: string | null;

  @Field(() => MatchedModelVersion, { nullable: true, description: 'The model version it is, today.' })
  modelVersion!: MatchedModelVersion | null;

  @Field(() => [String], { description: 'Why it is not approved, today.' })
  reasons!: string[];

  @Field(() => String, { nullable: true })
  hint!: string | null;
}

@ObjectType({ description: 'The results of one `modelgate scan` of a repository.' })
export class ScanReport {
  @Field(() => ID)
  id!: string;

  @Field()
  repository!: string;

  @Field(() => String, { nullable: true })
  branch!: string | null;

  @Field(() => String, { nullable: true })
  commit!: string | null;

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => DataClassificationEnum)
  dataClassification!: DataClassification;

  @Field()
  personalData!: boolean;

  /** Resolved by the `hostingTarget` field. */
  hostingTargetId!: string | null;

  /** Resolved by the `team` field. */
  teamId!: string | null;

  /** Resolved by the `submittedBy` field. */
  submittedById!: string | null;

  @Field(() => Int, { nullable: true })
  filesScanned!: number | null;

  @Field({ description: 'The channel it came through: ADMIN_APP, API or CLI.' })
  submittedVia!: string;

  @Field(() => Int, { description: 'Findings approved when the report was received.' })
  approvedCount!: number;

  @Field(() => Int)
  notApprovedCount!: number;

  @Field(() => Int)
  unknownCount!: number;

  @Field(() => Int)
  informationalCount!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType({ description: 'A registration form’s starting point for a model a scan found. Saves nothing.' })
export class RegistrationDraft {
  @Field(() => ModelCardDraftFields)
  fields!: ModelCardDraftFields;

  @Field(() => ModelCardProvider, { nullable: true, description: 'The inventory provider that fits, when one does.' })
  provider!: ModelCardProvider | null;

  @Field(() => [String], { description: 'What was guessed and should be checked.' })
  notes!: string[];
}

export { PersonRef, TeamRef };

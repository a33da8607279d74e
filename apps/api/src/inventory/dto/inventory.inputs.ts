import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import type { ModelVersionSortField, SortDirection } from '@modelgate/domain/inventory';
import {
  ProviderTypeEnum,
  DistributionEnum,
  LineageRelationEnum,
  ModalityEnum,
  CommercialUseEnum,
  LicenseClassEnum,
  HostingModeEnum,
  TrainsOnInputsEnum,
  EnvironmentEnum,
  DataClassificationEnum,
  EuAiActCategoryEnum,
  DeploymentStatusEnum,
  type ProviderType,
  type Distribution,
  type LineageRelation,
  type Modality,
  type CommercialUse,
  type LicenseClass,
  type HostingMode,
  type TrainsOnInputs,
  type Environment,
  type DataClassification,
  type EuAiActCategory,
  type DeploymentStatus,
} from '../models/inventory-enums.js';

const ModelVersionSortFieldEnum = {
  NAME: 'NAME',
  PROVIDER: 'PROVIDER',
  RELEASE_DATE: 'RELEASE_DATE',
  PARAMETER_COUNT: 'PARAMETER_COUNT',
  UPDATED_AT: 'UPDATED_AT',
} as const satisfies Record<ModelVersionSortField, ModelVersionSortField>;
const SortDirectionEnum = { ASC: 'ASC', DESC: 'DESC' } as const satisfies Record<SortDirection, SortDirection>;
registerEnumType(ModelVersionSortFieldEnum, { name: 'ModelVersionSortField' });
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });

@InputType({ description: 'The record and the version you edited; a stale version is a CONFLICT.' })
export class RetireInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class CreateProviderInput {
  @Field()
  name!: string;

  @Field()
  legalEntity!: string;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  headquartersCountry!: string;

  @Field(() => ProviderTypeEnum)
  type!: ProviderType;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

@InputType()
export class UpdateProviderInput extends CreateProviderInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class LicenseTermsInput {
  @Field(() => CommercialUseEnum)
  commercialUse!: CommercialUse;

  @Field(() => Float, { nullable: true })
  userCap!: number | null;

  @Field()
  attributionRequired!: boolean;

  @Field(() => String, { nullable: true })
  attributionText!: string | null;

  @Field(() => String, { nullable: true })
  acceptableUsePolicyUrl!: string | null;

  @Field()
  shareAlike!: boolean;

  @Field()
  researchOnly!: boolean;
}

@InputType()
export class CreateLicenseInput {
  @Field({ description: 'SPDX id or LicenseRef-...' })
  licenseId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  version?: string | null;

  @Field()
  url!: string;

  @Field()
  textSha256!: string;

  @Field(() => LicenseTermsInput)
  terms!: LicenseTermsInput;
}

@InputType()
export class UpdateLicenseInput extends CreateLicenseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class LineageBaseInput {
  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => LineageRelationEnum)
  relation!: LineageRelation;
}

@InputType()
export class CreateModelVersionInput {
  @Field()
  familyName!: string;

  @Field()
  versionName!: string;

  @Field(() => ID)
  providerId!: string;

  @Field()
  supplier!: string;

  @Field(() => DistributionEnum)
  distribution!: Distribution;

  @Field(() => String, { nullable: true, description: "Defaults to the provider's headquarters country." })
  developerCountry?: string | null;

  @Field(() => String, { nullable: true })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true })
  huggingFaceRepo?: string | null;

  @Field(() => String, { nullable: true })
  revision?: string | null;

  @Field(() => String, { nullable: true })
  weightsSha256?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  releaseDate?: string | null;

  @Field(() => Float, { nullable: true })
  parameterCount?: number | null;

  @Field(() => [ModalityEnum])
  modalities!: Modality[];

  @Field(() => Int, { nullable: true })
  contextLength?: number | null;

  @Field(() => String, { nullable: true })
  task?: string | null;

  @Field(() => String, { nullable: true })
  modelCardUrl?: string | null;

  @Field(() => String, { nullable: true })
  trainingDataUrl?: string | null;

  @Field(() => String, { nullable: true })
  intendedUse?: string | null;

  @Field(() => String, { nullable: true })
  limitations?: string | null;

  @Field({ description: 'SPDX expression, e.g. "Apache-2.0" or "LicenseRef-Qwen".' })
  declaredLicense!: string;

  @Field(() => String, { nullable: true })
  concludedLicense?: string | null;

  @Field(() => [LineageBaseInput], { nullable: true })
  bases?: LineageBaseInput[] | null;
}

@InputType()
export class UpdateModelVersionInput extends CreateModelVersionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, {
    nullable: true,
    description: 'When the license changes: the day the new entry applies (default today).',
  })
  licenseEffectiveFrom?: string | null;

  @Field(() => String, { nullable: true })
  licenseNote?: string | null;
}

@InputType()
export class CreateHostingTargetInput {
  @Field()
  name!: string;

  @Field(() => HostingModeEnum)
  mode!: HostingMode;

  @Field()
  operator!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field()
  country!: string;

  @Field(() => Int, { nullable: true })
  retentionDays?: number | null;

  @Field(() => TrainsOnInputsEnum)
  trainsOnInputs!: TrainsOnInputs;

  @Field()
  zeroDataRetention!: boolean;
}

@InputType()
export class UpdateHostingTargetInput extends CreateHostingTargetInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class CreateDeploymentInput {
  @Field(() => ID)
  modelVersionId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field()
  application!: string;

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => ID)
  hostingTargetId!: string;

  @Field(() => DataClassificationEnum)
  dataClassification!: DataClassification;

  @Field()
  personalData!: boolean;

  @Field()
  purpose!: string;

  @Field(() => EuAiActCategoryEnum)
  euAiActCategory!: EuAiActCategory;
}

@InputType()
export class UpdateDeploymentInput extends CreateDeploymentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: 'Values within one filter are alternatives; filters combine with AND.' })
export class ModelVersionFilter {
  @Field(() => String, { nullable: true, description: 'Family, version, provider, Hugging Face repository or task.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true })
  providerIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  developerCountries?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Any of these countries anywhere in the lineage.' })
  effectiveOrigins?: string[] | null;

  @Field(() => [DistributionEnum], { nullable: true })
  distributions?: Distribution[] | null;

  @Field(() => [LicenseClassEnum], { nullable: true })
  licenseClasses?: LicenseClass[] | null;

  @Field(() => [HostingModeEnum], { nullable: true, description: 'With an active deployment on this kind of hosting.' })
  hostingModes?: HostingMode[] | null;

  @Field(() => [EnvironmentEnum], { nullable: true, description: 'With an active deployment in this environment.' })
  environments?: Environment[] | null;

  @Field(() => [DataClassificationEnum], { nullable: true, description: 'With an active deployment processing this class.' })
  dataClassifications?: DataClassification[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'With an approval request in any of these states (ApprovalState values), or NONE for versions nobody asked about.',
  })
  approvalStates?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeRetired?: boolean | null;
}

@InputType()
export class ModelVersionOrder {
  @Field(() => ModelVersionSortFieldEnum)
  field!: ModelVersionSortField;

  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: 'ASC' })
  direction?: SortDirection | null;
}

@ArgsType()
export class ModelVersionsArgs {
  @Field(() => ModelVersionFilter, { nullable: true })
  filter?: ModelVersionFilter | null;

  @Field(() => ModelVersionOrder, { nullable: true })
  orderBy?: ModelVersionOrder | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Page size, 1 to 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;
}

@InputType()
export class DeploymentFilter {
  @Field(() => String, { nullable: true, description: 'Application or purpose.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true })
  modelVersionIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  hostingTargetIds?: string[] | null;

  @Field(() => [EnvironmentEnum], { nullable: true })
  environments?: Environment[] | null;

  @Field(() => [DataClassificationEnum], { nullable: true })
  dataClassifications?: DataClassification[] | null;

  @Field(() => [DeploymentStatusEnum], { nullable: true, description: 'Default: every status.' })
  statuses?: DeploymentStatus[] | null;
}

@ArgsType()
export class DeploymentsArgs {
  @Field(() => DeploymentFilter, { nullable: true })
  filter?: DeploymentFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Page size, 1 to 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

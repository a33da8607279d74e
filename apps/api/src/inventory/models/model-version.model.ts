import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/page-info.model.js';
import {
  DistributionEnum,
  LineageRelationEnum,
  ModalityEnum,
  LicenseClassEnum,
  type Distribution,
  type LineageRelation,
  type Modality,
  type LicenseClass,
} from './inventory-enums.js';
import { LicenseObligations } from './license.model.js';

@ObjectType({ description: 'The unit that gets approved. Origin and license are per version, not per family.' })
export class ModelVersion {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Stable key, e.g. "qwen2.5-7b-instruct".' })
  key!: string;

  /** Resolved by the `provider` field. */
  providerId!: string;

  @Field()
  familyName!: string;

  @Field()
  versionName!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 of the developer.' })
  developerCountry!: string;

  @Field({ description: 'Where it is obtained: Hugging Face, a cloud marketplace, the vendor API...' })
  supplier!: string;

  @Field(() => DistributionEnum)
  distribution!: Distribution;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'owner/name on Hugging Face.' })
  huggingFaceRepo!: string | null;

  @Field(() => String, { nullable: true, description: 'Commit, tag or API version.' })
  revision!: string | null;

  @Field(() => String, { nullable: true })
  weightsSha256!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  releaseDate!: string | null;

  @Field(() => Float, { nullable: true })
  parameterCount!: number | null;

  @Field(() => [ModalityEnum])
  modalities!: Modality[];

  @Field(() => Int, { nullable: true, description: 'Tokens.' })
  contextLength!: number | null;

  @Field(() => String, { nullable: true })
  task!: string | null;

  @Field(() => String, { nullable: true })
  modelCardUrl!: string | null;

  @Field(() => String, { nullable: true })
  trainingDataUrl!: string | null;

  @Field(() => String, { nullable: true })
  intendedUse!: string | null;

  @Field(() => String, { nullable: true })
  limitations!: string | null;

  @Field({ description: 'Current declared license (SPDX expression).' })
  declaredLicense!: string;

  @Field(() => String, { nullable: true, description: 'Current concluded license, once someone has reviewed it.' })
  concludedLicense!: string | null;

  @Field(() => [String], { description: 'Developer countries across the whole lineage, sorted.' })
  effectiveOrigin!: string[];

  @Field(() => LicenseClassEnum, { description: 'Class of the license obligations combined along the lineage.' })
  licenseClass!: LicenseClass;

  @Field(() => LicenseObligations, { description: 'This version’s license obligations combined with its bases’.' })
  obligations!: LicenseObligations;

  @Field(() => String, { nullable: true, description: 'Why the lineage could not be followed, if it could not.' })
  lineageProblem!: string | null;

  @Field({ description: 'False when some fact could not be confirmed from its source.' })
  verified!: boolean;

  @Field(() => Int, { description: 'Record version; pass it back as expectedVersion when updating.' })
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'One step of lineage: a base of a derivative, or a derivative of a base.' })
export class LineageLink {
  @Field(() => LineageRelationEnum)
  relation!: LineageRelation;

  @Field(() => ModelVersion)
  modelVersion!: ModelVersion;
}

@ObjectType()
export class ModelVersionEdge {
  @Field()
  cursor!: string;

  @Field(() => ModelVersion)
  node!: ModelVersion;
}

@ObjectType({ description: 'How many versions match the filter for each value of a facet.' })
export class FacetCount {
  @Field()
  value!: string;

  @Field({ description: 'For people: a country name, a provider name, ...' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description: 'Counts per filter value. Each facet counts under all the other filters but not its own, so choices stay visible.',
})
export class ModelVersionFacets {
  @Field(() => [FacetCount])
  provider!: FacetCount[];

  @Field(() => [FacetCount])
  developerCountry!: FacetCount[];

  @Field(() => [FacetCount])
  effectiveOrigin!: FacetCount[];

  @Field(() => [FacetCount])
  distribution!: FacetCount[];

  @Field(() => [FacetCount])
  licenseClass!: FacetCount[];

  @Field(() => [FacetCount])
  hostingMode!: FacetCount[];

  @Field(() => [FacetCount])
  environment!: FacetCount[];

  @Field(() => [FacetCount])
  dataClassification!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Approval request states, and NONE for versions nobody asked about.' })
  approvalState!: FacetCount[];
}

@ObjectType()
export class ModelVersionConnection {
  @Field(() => [ModelVersionEdge])
  edges!: ModelVersionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** The validated filter, for `totalCount` and `facets`. */
  filter!: unknown;

  /** Set when the page's statement already counted the versions on all pages. */
  knownTotalCount?: number | null;
}

import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { CommercialUseEnum, LicenseClassEnum, type CommercialUse, type LicenseClass } from './inventory-enums.js';

@ObjectType({ description: 'What a license lets you do, as attributes a policy can test.' })
export class LicenseTerms {
  @Field(() => CommercialUseEnum)
  commercialUse!: CommercialUse;

  @Field(() => Float, { nullable: true, description: 'Monthly active users above which a separate agreement is needed.' })
  userCap!: number | null;

  @Field()
  attributionRequired!: boolean;

  @Field(() => String, { nullable: true, description: 'The notice to show, e.g. "Built with Llama".' })
  attributionText!: string | null;

  @Field(() => String, { nullable: true })
  acceptableUsePolicyUrl!: string | null;

  @Field()
  shareAlike!: boolean;

  @Field()
  researchOnly!: boolean;
}

@ObjectType({ description: 'One license of the license catalog, with its terms.' })
export class License {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'SPDX identifier (Apache-2.0) or LicenseRef-... for licenses not on the SPDX list.' })
  licenseId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "The license's own version, e.g. 3.1." })
  licenseVersion!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the license text.' })
  textSha256!: string | null;

  @Field(() => LicenseTerms)
  terms!: LicenseTerms;

  @Field(() => LicenseClassEnum)
  licenseClass!: LicenseClass;

  @Field(() => String, { nullable: true })
  sourceUrl!: string | null;

  @Field()
  verified!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'The obligations of several licenses at once: a version and all its bases.' })
export class LicenseObligations {
  @Field(() => CommercialUseEnum)
  commercialUse!: CommercialUse;

  @Field(() => Float, { nullable: true })
  userCap!: number | null;

  @Field()
  attributionRequired!: boolean;

  @Field(() => [String])
  attributionTexts!: string[];

  @Field(() => [String])
  acceptableUsePolicyUrls!: string[];

  @Field()
  shareAlike!: boolean;

  @Field()
  researchOnly!: boolean;

  @Field({ description: 'True when some license in the lineage has no known terms: the obligations are a lower bound.' })
  incomplete!: boolean;
}

@ObjectType({ description: 'One entry of a version’s license history; entries are never overwritten.' })
export class LicenseHistoryEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'SPDX expression as published by the developer.' })
  declaredLicense!: string;

  @Field(() => String, { nullable: true, description: 'SPDX expression as concluded after review.' })
  concludedLicense!: string | null;

  @Field({ description: 'YYYY-MM-DD.' })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

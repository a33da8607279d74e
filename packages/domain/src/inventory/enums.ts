import { z } from 'zod';

type EnumValues<T extends Record<string, string>> = T[keyof T];

function enumSchema<T extends Record<string, string>>(values: T) {
  const options = Object.values(values) as [EnumValues<T>, ...EnumValues<T>[]];
  return z.enum(options, { error: () => `must be one of ${options.join(', ')}` });
}

export const ProviderType = {
  Company: 'COMPANY',
  Academic: 'ACADEMIC',
  Government: 'GOVERNMENT',
  Community: 'COMMUNITY',
} as const;
export type ProviderType = EnumValues<typeof ProviderType>;
export const providerTypeSchema = enumSchema(ProviderType);

export const Distribution = {
  OpenWeights: 'OPEN_WEIGHTS',
  ApiOnly: 'API_ONLY',
  Both: 'BOTH',
} as const;
export type Distribution = EnumValues<typeof Distribution>;
export const distributionSchema = enumSchema(Distribution);

/** True when the weights can be downloaded, so a weights hash and a parameter count are knowable. */
export function hasOpenWeights(distribution: Distribution): boolean {
  return distribution === Distribution.OpenWeights || distribution === Distribution.Both;
}

export const LineageRelation = {
  FineTune: 'FINE_TUNE',
  Adapter: 'ADAPTER',
  Quantization: 'QUANTIZATION',
  Merge: 'MERGE',
  Distillation: 'DISTILLATION',
} as const;
export type LineageRelation = EnumValues<typeof LineageRelation>;
export const lineageRelationSchema = enumSchema(LineageRelation);

export const Modality = {
  Text: 'TEXT',
  Image: 'IMAGE',
  Audio: 'AUDIO',
  Video: 'VIDEO',
  Code: 'CODE',
  Embedding: 'EMBEDDING',
} as const;
export type Modality = EnumValues<typeof Modality>;
export const modalitySchema = enumSchema(Modality);

/** Listed from least to most restrictive; `commercialUseRank` relies on this order. */
export const CommercialUse = {
  Allowed: 'ALLOWED',
  Conditional: 'CONDITIONAL',
  Prohibited: 'PROHIBITED',
} as const;
export type CommercialUse = EnumValues<typeof CommercialUse>;
export const commercialUseSchema = enumSchema(CommercialUse);

const commercialUseOrder: readonly CommercialUse[] = Object.values(CommercialUse);

/** 0 for ALLOWED up to 2 for PROHIBITED: a higher rank is more restrictive. */
export function commercialUseRank(value: CommercialUse): number {
  return commercialUseOrder.indexOf(value);
}

/** The more restrictive of two commercial-use terms. */
export function stricterCommercialUse(a: CommercialUse, b: CommercialUse): CommercialUse {
  return commercialUseRank(a) >= commercialUseRank(b) ? a : b;
}

export const HostingMode = {
  OnPremises: 'ON_PREMISES',
  PrivateCloud: 'PRIVATE_CLOUD',
  VendorApi: 'VENDOR_API',
  ThirdPartyHosted: 'THIRD_PARTY_HOSTED',
  Edge: 'EDGE',
} as const;
export type HostingMode = EnumValues<typeof HostingMode>;
export const hostingModeSchema = enumSchema(HostingMode);

export const TrainsOnInputs = {
  No: 'NO',
  OptOut: 'OPT_OUT',
  Yes: 'YES',
  Unknown: 'UNKNOWN',
} as const;
export type TrainsOnInputs = EnumValues<typeof TrainsOnInputs>;
export const trainsOnInputsSchema = enumSchema(TrainsOnInputs);

export const Environment = {
  Development: 'DEVELOPMENT',
  Staging: 'STAGING',
  Production: 'PRODUCTION',
} as const;
export type Environment = EnumValues<typeof Environment>;
export const environmentSchema = enumSchema(Environment);

/** Listed from least to most sensitive; `dataClassificationRank` relies on this order. */
export const DataClassification = {
  Public: 'PUBLIC',
  Internal: 'INTERNAL',
  Confidential: 'CONFIDENTIAL',
  Restricted: 'RESTRICTED',
} as const;
export type DataClassification = EnumValues<typeof DataClassification>;
export const dataClassificationSchema = enumSchema(DataClassification);

const dataClassificationOrder: readonly DataClassification[] = Object.values(DataClassification);

/** 0 for PUBLIC up to 3 for RESTRICTED: a higher rank is more sensitive. */
export function dataClassificationRank(value: DataClassification): number {
  return dataClassificationOrder.indexOf(value);
}

/** Compares by sensitivity, for `Array.prototype.sort` (least sensitive first). */
export function compareDataClassification(a: DataClassification, b: DataClassification): number {
  return dataClassificationRank(a) - dataClassificationRank(b);
}

/** The most sensitive of the given classes (the highest wins), or null for none. */
export function highestDataClassification(values: Iterable<DataClassification>): DataClassification | null {
  let highest: DataClassification | null = null;
  for (const value of values) {
    if (highest === null || dataClassificationRank(value) > dataClassificationRank(highest)) highest = value;
  }
  return highest;
}

export const EuAiActCategory = {
  Prohibited: 'PROHIBITED',
  HighRisk: 'HIGH_RISK',
  Transparency: 'TRANSPARENCY',
  Minimal: 'MINIMAL',
} as const;
export type EuAiActCategory = EnumValues<typeof EuAiActCategory>;
export const euAiActCategorySchema = enumSchema(EuAiActCategory);

export const DeploymentStatus = {
  Active: 'ACTIVE',
  Retired: 'RETIRED',
} as const;
export type DeploymentStatus = EnumValues<typeof DeploymentStatus>;
export const deploymentStatusSchema = enumSchema(DeploymentStatus);

import type { Prisma } from '@modelgate/db';

export const providerSelect = {
  id: true,
  key: true,
  name: true,
  legalEntity: true,
  headquartersCountry: true,
  type: true,
  website: true,
  sourceUrl: true,
  verified: true,
  version: true,
  retiredAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProviderSelect;
export type ProviderRow = Prisma.ProviderGetPayload<{ select: typeof providerSelect }>;
export type ProviderColumn = keyof typeof providerSelect;
export const PROVIDER_COLUMNS = Object.keys(providerSelect) as ProviderColumn[];

export const licenseSelect = {
  id: true,
  identifier: true,
  name: true,
  licenseVersion: true,
  url: true,
  textSha256: true,
  commercialUse: true,
  userCap: true,
  attributionRequired: true,
  attributionText: true,
  acceptableUsePolicy: true,
  acceptableUsePolicyUrl: true,
  shareAlike: true,
  researchOnly: true,
  sourceUrl: true,
  verified: true,
  version: true,
  retiredAt: true,
  updatedAt: true,
} satisfies Prisma.LicenseSelect;
export type LicenseRow = Prisma.LicenseGetPayload<{ select: typeof licenseSelect }>;

export const modelVersionSelect = {
  id: true,
  key: true,
  providerId: true,
  familyName: true,
  versionName: true,
  developerCountry: true,
  supplier: true,
  distribution: true,
  sourceUrl: true,
  huggingFaceRepo: true,
  revision: true,
  weightsSha256: true,
  releaseDate: true,
  parameterCount: true,
  modalities: true,
  contextLength: true,
  task: true,
  modelCardUrl: true,
  trainingDataUrl: true,
  intendedUse: true,
  limitations: true,
  declaredLicense: true,
  concludedLicense: true,
  effectiveOrigin: true,
  licenseClass: true,
  obligations: true,
  lineageProblem: true,
  verified: true,
  version: true,
  retiredAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ModelVersionSelect;
export type ModelVersionRow = Prisma.ModelVersionGetPayload<{ select: typeof modelVersionSelect }>;
export type ModelVersionColumn = keyof typeof modelVersionSelect;
export const MODEL_VERSION_COLUMNS = Object.keys(modelVersionSelect) as ModelVersionColumn[];

export const modelVersionWithBasesSelect = {
  ...modelVersionSelect,
  bases: { select: { baseModelVersionId: true, relation: true }, orderBy: { baseModelVersionId: 'asc' } },
} satisfies Prisma.ModelVersionSelect;
export type ModelVersionWithBasesRow = Prisma.ModelVersionGetPayload<{ select: typeof modelVersionWithBasesSelect }>;

export const hostingTargetSelect = {
  id: true,
  name: true,
  mode: true,
  operator: true,
  region: true,
  country: true,
  retentionDays: true,
  trainsOnInputs: true,
  zeroDataRetention: true,
  version: true,
  retiredAt: true,
  updatedAt: true,
} satisfies Prisma.HostingTargetSelect;
export type HostingTargetRow = Prisma.HostingTargetGetPayload<{ select: typeof hostingTargetSelect }>;

export const deploymentSelect = {
  id: true,
  modelVersionId: true,
  teamId: true,
  hostingTargetId: true,
  application: true,
  environment: true,
  dataClassification: true,
  personalData: true,
  purpose: true,
  euAiActCategory: true,
  status: true,
  registeredById: true,
  registeredByTokenId: true,
  registeredVia: true,
  version: true,
  retiredAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.DeploymentSelect;
export type DeploymentRow = Prisma.DeploymentGetPayload<{ select: typeof deploymentSelect }>;

export const licenseHistorySelect = {
  id: true,
  modelVersionId: true,
  declaredLicense: true,
  concludedLicense: true,
  effectiveFrom: true,
  note: true,
  recordedAt: true,
} satisfies Prisma.ModelVersionLicenseSelect;
export type LicenseHistoryRow = Prisma.ModelVersionLicenseGetPayload<{ select: typeof licenseHistorySelect }>;

export const weightFileSelect = {
  modelVersionId: true,
  path: true,
  sha256: true,
  sizeBytes: true,
  createdAt: true,
} satisfies Prisma.ModelVersionWeightFileSelect;
export type WeightFileRow = Prisma.ModelVersionWeightFileGetPayload<{ select: typeof weightFileSelect }>;

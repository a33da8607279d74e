import { classifyLicense, type LicenseObligations as Obligations, type LicenseTerms as Terms } from '@modelgate/domain/inventory';
import type { ListedVersion } from './inventory.repository.js';
import type { Deployment } from './models/deployment.model.js';
import type { HostingTarget } from './models/hosting-target.model.js';
import type { License, LicenseHistoryEntry } from './models/license.model.js';
import type { ModelVersion } from './models/model-version.model.js';
import type { Provider } from './models/provider.model.js';
import type { WeightFile } from './models/weight-file.model.js';
import type {
  DeploymentRow,
  HostingTargetRow,
  LicenseHistoryRow,
  LicenseRow,
  ModelVersionRow,
  ProviderRow,
  WeightFileRow,
} from './inventory.selects.js';

/** A DATE column as YYYY-MM-DD. */
export const isoDate = (value: Date): string => value.toISOString().slice(0, 10);

export const toProvider = (row: ProviderRow): Provider => ({ ...row });

export function termsOf(row: LicenseRow): Terms {
  return {
    commercialUse: row.commercialUse,
    userCap: row.userCap === null ? null : Number(row.userCap),
    attributionRequired: row.attributionRequired,
    attributionText: row.attributionText,
    acceptableUsePolicyUrl: row.acceptableUsePolicyUrl,
    shareAlike: row.shareAlike,
    researchOnly: row.researchOnly,
  };
}

export const toLicense = (row: LicenseRow): License => {
  const terms = termsOf(row);
  return {
    id: row.id,
    licenseId: row.identifier,
    name: row.name,
    licenseVersion: row.licenseVersion || null,
    url: row.url,
    textSha256: row.textSha256,
    terms,
    licenseClass: classifyLicense(terms),
    sourceUrl: row.sourceUrl,
    verified: row.verified,
    version: row.version,
    retiredAt: row.retiredAt,
    updatedAt: row.updatedAt,
  };
};

const noObligations: Obligations = {
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionTexts: [],
  acceptableUsePolicyUrls: [],
  shareAlike: false,
  researchOnly: false,
  incomplete: true,
};

export const toModelVersion = (row: ModelVersionRow): ModelVersion => ({
  ...row,
  releaseDate: row.releaseDate ? isoDate(row.releaseDate) : null,
  parameterCount: row.parameterCount === null ? null : Number(row.parameterCount),
  licenseClass: row.licenseClass as ModelVersion['licenseClass'],
  obligations: { ...noObligations, ...(row.obligations as Partial<Obligations>) },
});

/**
 * `toModelVersion` for a version a list page read with some columns, in place (a page has many rows): only the
 * columns read are converted, the others stay unset.
 */
export function toListedModelVersion(row: ListedVersion): ModelVersion {
  const version = row as Record<string, unknown>;
  if (row.releaseDate !== undefined) version['releaseDate'] = row.releaseDate ? isoDate(row.releaseDate) : null;
  if (row.parameterCount !== undefined)
    version['parameterCount'] = row.parameterCount === null ? null : Number(row.parameterCount);
  if (row.obligations !== undefined) version['obligations'] = { ...noObligations, ...(row.obligations as Partial<Obligations>) };
  return version as unknown as ModelVersion;
}

export const toLicenseHistoryEntry = (row: LicenseHistoryRow): LicenseHistoryEntry => ({
  ...row,
  effectiveFrom: isoDate(row.effectiveFrom),
});

export const toHostingTarget = (row: HostingTargetRow): HostingTarget => ({ ...row });

export const toDeployment = (row: DeploymentRow): Deployment => ({ ...row });

export const toWeightFile = (row: WeightFileRow): WeightFile => ({
  path: row.path,
  sha256: row.sha256,
  sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
  attachedAt: row.createdAt,
});

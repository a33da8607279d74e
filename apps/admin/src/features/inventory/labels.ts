import { stateLabels } from '@modelgate/domain/approvals';
import {
  CommercialUse,
  countryName,
  DataClassification,
  DeploymentStatus,
  Distribution,
  Environment,
  EuAiActCategory,
  HostingMode,
  isCountryCode,
  LicenseClass,
  LineageRelation,
  Modality,
  ModelVersionSortField,
  ProviderType,
  TrainsOnInputs,
} from '@modelgate/domain/inventory';

export const distributionLabels: Record<Distribution, string> = {
  OPEN_WEIGHTS: 'Open weights',
  API_ONLY: 'API only',
  BOTH: 'Open weights and API',
};

export const licenseClassLabels: Record<LicenseClass, string> = {
  PERMISSIVE: 'Permissive',
  COPYLEFT: 'Copyleft',
  RESTRICTED_COMMERCIAL: 'Restricted commercial',
  NON_COMMERCIAL: 'Non-commercial',
  UNKNOWN: 'Unknown terms',
};

/** Colour only supports the text of the badge; it never carries the meaning alone. */
export const licenseClassColors: Record<LicenseClass, string> = {
  PERMISSIVE: 'teal',
  COPYLEFT: 'blue',
  RESTRICTED_COMMERCIAL: 'orange',
  NON_COMMERCIAL: 'red',
  UNKNOWN: 'gray',
};

export const hostingModeLabels: Record<HostingMode, string> = {
  ON_PREMISES: 'On premises',
  PRIVATE_CLOUD: 'Private cloud',
  VENDOR_API: 'Vendor API',
  THIRD_PARTY_HOSTED: 'Third-party hosted',
  EDGE: 'Edge',
};

export const environmentLabels: Record<Environment, string> = {
  DEVELOPMENT: 'Development',
  STAGING: 'Staging',
  PRODUCTION: 'Production',
};

export const dataClassificationLabels: Record<DataClassification, string> = {
  PUBLIC: 'Public',
  INTERNAL: 'Internal',
  CONFIDENTIAL: 'Confidential',
  RESTRICTED: 'Restricted',
};

export const euAiActCategoryLabels: Record<EuAiActCategory, string> = {
  PROHIBITED: 'Prohibited practice',
  HIGH_RISK: 'High risk',
  TRANSPARENCY: 'Transparency obligations',
  MINIMAL: 'Minimal risk',
};

export const deploymentStatusLabels: Record<DeploymentStatus, string> = { ACTIVE: 'Active', RETIRED: 'Retired' };

/** How a deployment was registered (`registeredVia`), as it reads after "via". */
export const registeredViaLabels: Record<string, string> = {
  ADMIN_APP: 'admin app',
  API: 'API',
  CLI: 'CLI',
  IMPORT: 'import',
  SYSTEM: 'system',
};

/** Through which channel a recorded change came. */
export const channelLabels: Record<string, string> = { ADMIN_APP: 'Admin app', API: 'API', CLI: 'CLI', SYSTEM: 'System' };

/** What a recorded change did, by the verb of its action ("model_version.update" → "Updated"). */
const actionVerbLabels: Record<string, string> = {
  create: 'Registered',
  update: 'Updated',
  retire: 'Retired',
  import: 'Imported',
  submit: 'Submitted',
  start_review: 'Review started',
  assign: 'Assigned',
  reassign: 'Reassigned',
  sign_off: 'Signed off',
  remind: 'Reminder sent',
  add: 'Added',
  approve: 'Approved',
  reject: 'Rejected',
  withdraw: 'Withdrawn',
  suspend: 'Suspended',
  reinstate: 'Reinstated',
  revoke: 'Revoked',
  expire: 'Expired',
  renew: 'Re-review opened',
  attach_weights: 'Weights attached',
};

/** Records whose history mixes several kinds of entry (a request's timeline holds its reviews and votes too). */
const actionEntityLabels: Record<string, string> = {
  approval_request: 'Request',
  risk_review: 'Review',
  approval_vote: 'Vote',
  review_evidence: 'Evidence',
};

export function actionLabel(action: string): string {
  const dot = action.lastIndexOf('.');
  const verb = actionVerbLabels[action.slice(dot + 1)];
  if (!verb) return action;
  const entity = actionEntityLabels[action.slice(0, dot)];
  return entity ? `${entity}: ${verb.toLowerCase()}` : verb;
}

export const lineageRelationLabels: Record<LineageRelation, string> = {
  FINE_TUNE: 'Fine-tune',
  ADAPTER: 'Adapter',
  QUANTIZATION: 'Quantization',
  MERGE: 'Merge',
  DISTILLATION: 'Distillation',
};

export const modalityLabels: Record<Modality, string> = {
  TEXT: 'Text',
  IMAGE: 'Image',
  AUDIO: 'Audio',
  VIDEO: 'Video',
  CODE: 'Code',
  EMBEDDING: 'Embedding',
};

export const providerTypeLabels: Record<ProviderType, string> = {
  COMPANY: 'Company',
  ACADEMIC: 'Academic',
  GOVERNMENT: 'Government',
  COMMUNITY: 'Community',
};

export const trainsOnInputsLabels: Record<TrainsOnInputs, string> = {
  NO: 'No',
  OPT_OUT: 'Unless opted out',
  YES: 'Yes',
  UNKNOWN: 'Unknown',
};

export const commercialUseLabels: Record<CommercialUse, string> = {
  ALLOWED: 'Commercial use allowed',
  CONDITIONAL: 'Commercial use under conditions',
  PROHIBITED: 'Commercial use prohibited',
};

export const sortFieldLabels: Record<ModelVersionSortField, string> = {
  NAME: 'Name',
  PROVIDER: 'Provider',
  RELEASE_DATE: 'Release date',
  PARAMETER_COUNT: 'Parameters',
  UPDATED_AT: 'Last updated',
};

/** Select options from a label map, in the map's order. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

/** "China (CN)"; an unknown code stays as it is. */
export function countryLabel(code: string): string {
  return isCountryCode(code) ? `${countryName(code)} (${code})` : code;
}

export function versionTitle(version: { familyName: string; versionName: string }): string {
  return version.versionName.startsWith(version.familyName)
    ? version.versionName
    : `${version.familyName} ${version.versionName}`;
}

const compactNumber = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : compactNumber.format(value);
}

const FILE_SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** A file size in the largest binary unit that keeps it at least 1, e.g. "4.6 GiB"; "—" when unknown. */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${FILE_SIZE_UNITS[unit]}`;
}

/** Approval request states as filters read them; NONE: versions nobody has asked to use. */
export const approvalStateLabels: Record<string, string> = {
  NONE: 'Not requested',
  ...Object.fromEntries(
    Object.entries(stateLabels).map(([state, label]) => [state, label.charAt(0).toUpperCase() + label.slice(1)]),
  ),
};

import {
  CommercialUse,
  DataClassification,
  DeploymentStatus,
  Distribution,
  Environment,
  EuAiActCategory,
  HostingMode,
  LicenseClass,
  LineageRelation,
  Modality,
  ProviderType,
  TrainsOnInputs,
} from '@modelgate/domain/inventory';
import { REQUEST_STATES, type RequestState } from '@modelgate/domain/approvals';
import { formatCountry, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/translate';
import { t } from './messages';

/**
 * A record of labels read from the catalog each time a value is read, so a change of language shows at once.
 * Its keys are enumerable in the order given: `optionsOf` and `Object.entries` list them in that order.
 */
function translated<K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> {
  const record = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(record, key, { enumerable: true, get: () => label(key) });
  return record;
}

export const distributionLabels: Record<Distribution, string> = translated(
  [Distribution.OpenWeights, Distribution.ApiOnly, Distribution.Both],
  (value) => t(`inventory.distribution.${value}`),
);

export const licenseClassLabels: Record<LicenseClass, string> = translated(
  [
    LicenseClass.Permissive,
    LicenseClass.Copyleft,
    LicenseClass.RestrictedCommercial,
    LicenseClass.NonCommercial,
    LicenseClass.Unknown,
  ],
  (value) => t(`inventory.licenseClass.${value}`),
);

/** Colour only supports the text of the badge; it never carries the meaning alone. */
export const licenseClassColors: Record<LicenseClass, string> = {
  PERMISSIVE: 'teal',
  COPYLEFT: 'blue',
  RESTRICTED_COMMERCIAL: 'orange',
  NON_COMMERCIAL: 'red',
  UNKNOWN: 'gray',
};

export const hostingModeLabels: Record<HostingMode, string> = translated(
  [HostingMode.OnPremises, HostingMode.PrivateCloud, HostingMode.VendorApi, HostingMode.ThirdPartyHosted, HostingMode.Edge],
  (value) => t(`inventory.hostingMode.${value}`),
);

export const environmentLabels: Record<Environment, string> = translated(
  [Environment.Development, Environment.Staging, Environment.Production],
  (value) => t(`inventory.environment.${value}`),
);

export const dataClassificationLabels: Record<DataClassification, string> = translated(
  [DataClassification.Public, DataClassification.Internal, DataClassification.Confidential, DataClassification.Restricted],
  (value) => t(`inventory.dataClassification.${value}`),
);

export const euAiActCategoryLabels: Record<EuAiActCategory, string> = translated(
  [EuAiActCategory.Prohibited, EuAiActCategory.HighRisk, EuAiActCategory.Transparency, EuAiActCategory.Minimal],
  (value) => t(`inventory.euAiActCategory.${value}`),
);

export const deploymentStatusLabels: Record<DeploymentStatus, string> = translated(
  [DeploymentStatus.Active, DeploymentStatus.Retired],
  (value) => t(`inventory.deploymentStatus.${value}`),
);

const REGISTERED_VIA = ['ADMIN_APP', 'API', 'CLI', 'IMPORT', 'SYSTEM'] as const;

/** How a deployment was registered (`registeredVia`), as it reads after "via". */
export const registeredViaLabels: Record<string, string> = translated(REGISTERED_VIA, (value) =>
  t(`inventory.registeredVia.${value}`),
);

const CHANNELS = ['ADMIN_APP', 'API', 'CLI', 'SYSTEM'] as const;

/** Through which channel a recorded change came. */
export const channelLabels: Record<string, string> = translated(CHANNELS, (value) => t(`inventory.channel.${value}`));

const ACTION_VERBS = [
  'create',
  'update',
  'retire',
  'import',
  'submit',
  'start_review',
  'assign',
  'reassign',
  'sign_off',
  'remind',
  'add',
  'approve',
  'reject',
  'withdraw',
  'suspend',
  'reinstate',
  'revoke',
  'expire',
  'renew',
  'attach_weights',
] as const;

/** What a recorded change did, by the verb of its action ("model_version.update" → "Updated"). */
const actionVerbLabels: Record<string, string> = translated(ACTION_VERBS, (verb) => t(`inventory.action.${verb}`));

const ACTION_ENTITIES = ['approval_request', 'risk_review', 'approval_vote', 'review_evidence'] as const;

/** Records whose history mixes several kinds of entry (a request's timeline holds its reviews and votes too). */
const actionEntityLabels: Record<string, string> = translated(ACTION_ENTITIES, (entity) => t(`inventory.actionEntity.${entity}`));

/** "Updated", or for an entry of another kind in a record's timeline, "Review: signed off". */
export function actionLabel(action: string): string {
  const dot = action.lastIndexOf('.');
  const verb = action.slice(dot + 1);
  if (!Object.hasOwn(actionVerbLabels, verb)) return action;
  const entity = action.slice(0, dot);
  return Object.hasOwn(actionEntityLabels, entity)
    ? t('inventory.action.ofEntity', {
        entity: actionEntityLabels[entity]!,
        action: t(`inventory.action.inSentence.${verb as (typeof ACTION_VERBS)[number]}`),
      })
    : actionVerbLabels[verb]!;
}

export const lineageRelationLabels: Record<LineageRelation, string> = translated(
  [
    LineageRelation.FineTune,
    LineageRelation.Adapter,
    LineageRelation.Quantization,
    LineageRelation.Merge,
    LineageRelation.Distillation,
  ],
  (value) => t(`inventory.lineageRelation.${value}`),
);

export const modalityLabels: Record<Modality, string> = translated(
  [Modality.Text, Modality.Image, Modality.Audio, Modality.Video, Modality.Code, Modality.Embedding],
  (value) => t(`inventory.modality.${value}`),
);

export const providerTypeLabels: Record<ProviderType, string> = translated(
  [ProviderType.Company, ProviderType.Academic, ProviderType.Government, ProviderType.Community],
  (value) => t(`inventory.providerType.${value}`),
);

export const trainsOnInputsLabels: Record<TrainsOnInputs, string> = translated(
  [TrainsOnInputs.No, TrainsOnInputs.OptOut, TrainsOnInputs.Yes, TrainsOnInputs.Unknown],
  (value) => t(`inventory.trainsOnInputs.${value}`),
);

export const commercialUseLabels: Record<CommercialUse, string> = translated(
  [CommercialUse.Allowed, CommercialUse.Conditional, CommercialUse.Prohibited],
  (value) => t(`inventory.commercialUse.${value}`),
);

/** Select options from a label map, in the map's order. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

// Every row of the inventory list names countries and lists licenses: the formatters and names are made once per
// language rather than per cell (an Intl formatter costs far more to make than to use).
const listFormats = new Map<string, Intl.ListFormat>();
const countryLabels = new Map<string, string>();

/** "CN, US" or "Apache License 2.0, MIT License": items as the reader's language lists them. */
export function formatList(items: readonly string[]): string {
  const locale = currentLocale();
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { style: 'short', type: 'unit' })));
  return format.format(items);
}

/** "China (CN)" in the reader's language; an unknown code stays as it is. */
export function countryLabel(code: string): string {
  const key = `${currentLocale()}:${code}`;
  let label = countryLabels.get(key);
  if (label === undefined) countryLabels.set(key, (label = formatCountry(code)));
  return label;
}

export function versionTitle(version: { familyName: string; versionName: string }): string {
  return version.versionName.startsWith(version.familyName)
    ? version.versionName
    : t('inventory.version.title', { family: version.familyName, version: version.versionName });
}

/** "7.6B", "128K": a count in the reader's locale, shortened; "—" when unknown. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined
    ? t('inventory.none')
    : formatNumber(value, { notation: 'compact', maximumFractionDigits: 1 });
}

const FILE_SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** A file size in the largest binary unit that keeps it at least 1, e.g. "4.6 GiB"; "—" when unknown. */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return t('inventory.none');
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const amount = unit === 0 ? formatNumber(bytes) : formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return t('inventory.fileSize', { amount, unit: FILE_SIZE_UNITS[unit]! });
}

/** Approval request states as filters read them; NONE: versions nobody has asked to use. */
export const approvalStateLabels: Record<string, string> = translated(['NONE', ...REQUEST_STATES] as const, (state) =>
  t(`inventory.approvalState.${state}`),
);

/** A request's state inside a sentence: "AR-12 (approved, Payments)". */
export const approvalStateInSentence: Record<RequestState, string> = translated(REQUEST_STATES, (state) =>
  t(`inventory.approvalStateInSentence.${state}`),
);

import {
  DataClassification,
  DeploymentStatus,
  Distribution,
  Environment,
  HostingMode,
  isCountryCode,
  LicenseClass,
  ModelVersionSortField,
  SortDirection,
} from '@modelgate/domain/inventory';
import { REQUEST_STATES } from '@modelgate/domain/approvals';
import type { DeploymentFilter, ModelVersionFilter, ModelVersionOrder } from '../../gql/graphql';

/** The inventory list's filters and sort, kept in the URL so a view can be shared and reloaded. */
export type InventorySearch = {
  search?: string;
  providerIds?: string[];
  developerCountries?: string[];
  effectiveOrigins?: string[];
  distributions?: Distribution[];
  licenseClasses?: LicenseClass[];
  hostingModes?: HostingMode[];
  environments?: Environment[];
  dataClassifications?: DataClassification[];
  approvalStates?: string[];
  includeRetired?: boolean;
  sort?: ModelVersionSortField;
  direction?: SortDirection;
};

/** The multi-value filters, each a facet of the list. */
export type FacetKey =
  | 'providerIds'
  | 'developerCountries'
  | 'effectiveOrigins'
  | 'distributions'
  | 'licenseClasses'
  | 'hostingModes'
  | 'environments'
  | 'dataClassifications'
  | 'approvalStates';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VALUES = 50;

function oneOf<T extends string>(values: readonly T[]) {
  const allowed = new Set<string>(values);
  return (value: string): value is T => allowed.has(value);
}

const facetValidators: { [K in FacetKey]: (value: string) => boolean } = {
  providerIds: (value) => UUID.test(value),
  developerCountries: isCountryCode,
  effectiveOrigins: isCountryCode,
  distributions: oneOf(Object.values(Distribution)),
  licenseClasses: oneOf(Object.values(LicenseClass)),
  hostingModes: oneOf(Object.values(HostingMode)),
  environments: oneOf(Object.values(Environment)),
  dataClassifications: oneOf(Object.values(DataClassification)),
  approvalStates: oneOf(['NONE', ...REQUEST_STATES]),
};

export const facetKeys = Object.keys(facetValidators) as FacetKey[];

function listOf(value: unknown, isValid: (value: string) => boolean): string[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const list = [...new Set(raw.filter((item): item is string => typeof item === 'string' && isValid(item)))].slice(0, MAX_VALUES);
  return list.length > 0 ? list : undefined;
}

const isSortField = oneOf(Object.values(ModelVersionSortField));
const isDirection = oneOf(Object.values(SortDirection));

export function parseInventorySearch(search: Record<string, unknown>): InventorySearch {
  const result: Record<string, unknown> = {};
  if (typeof search.search === 'string' && search.search.trim() !== '') result.search = search.search.trim().slice(0, 200);
  for (const key of facetKeys) {
    const list = listOf(search[key], facetValidators[key]);
    if (list) result[key] = list;
  }
  if (search.includeRetired === true || search.includeRetired === 'true') result.includeRetired = true;
  if (typeof search.sort === 'string' && isSortField(search.sort)) result.sort = search.sort;
  if (typeof search.direction === 'string' && isDirection(search.direction)) result.direction = search.direction;
  return result;
}

/** Registering a version can start from a scan finding (the Discovery page's "Register"). */
export type NewVersionSearch = { finding?: string };

export function parseNewVersionSearch(search: Record<string, unknown>): NewVersionSearch {
  return typeof search.finding === 'string' && UUID.test(search.finding) ? { finding: search.finding } : {};
}

export function hasActiveFilters(search: InventorySearch): boolean {
  return Boolean(search.search || search.includeRetired || facetKeys.some((key) => search[key]?.length));
}

/** Keeps the sort, drops every filter. */
export function withoutFilters(search: InventorySearch): InventorySearch {
  return { sort: search.sort, direction: search.direction };
}

/** The GraphQL filter for a search. */
export function toModelVersionFilter(search: InventorySearch): ModelVersionFilter {
  return {
    search: search.search ?? null,
    providerIds: search.providerIds ?? [],
    developerCountries: search.developerCountries ?? [],
    effectiveOrigins: search.effectiveOrigins ?? [],
    distributions: search.distributions ?? [],
    licenseClasses: search.licenseClasses ?? [],
    hostingModes: search.hostingModes ?? [],
    environments: search.environments ?? [],
    dataClassifications: search.dataClassifications ?? [],
    approvalStates: search.approvalStates ?? [],
    includeRetired: search.includeRetired ?? false,
  };
}

export function toModelVersionOrder(search: InventorySearch): ModelVersionOrder {
  return { field: search.sort ?? ModelVersionSortField.Name, direction: search.direction ?? SortDirection.Asc };
}

/** The deployments page's filters, kept in the URL like the versions list's. */
export type DeploymentSearch = {
  search?: string;
  modelVersionIds?: string[];
  teamIds?: string[];
  hostingTargetIds?: string[];
  environments?: Environment[];
  dataClassifications?: DataClassification[];
  statuses?: DeploymentStatus[];
};

type DeploymentListKey = Exclude<keyof DeploymentSearch, 'search'>;

const deploymentListValidators: { [K in DeploymentListKey]: (value: string) => boolean } = {
  modelVersionIds: (value) => UUID.test(value),
  teamIds: (value) => UUID.test(value),
  hostingTargetIds: (value) => UUID.test(value),
  environments: oneOf(Object.values(Environment)),
  dataClassifications: oneOf(Object.values(DataClassification)),
  statuses: oneOf(Object.values(DeploymentStatus)),
};

const deploymentListKeys = Object.keys(deploymentListValidators) as DeploymentListKey[];

export function parseDeploymentSearch(search: Record<string, unknown>): DeploymentSearch {
  const result: Record<string, unknown> = {};
  if (typeof search.search === 'string' && search.search.trim() !== '') result.search = search.search.trim().slice(0, 200);
  for (const key of deploymentListKeys) {
    const list = listOf(search[key], deploymentListValidators[key]);
    if (list) result[key] = list;
  }
  return result;
}

export function hasDeploymentFilters(search: DeploymentSearch): boolean {
  return Boolean(search.search || deploymentListKeys.some((key) => search[key]?.length));
}

/** The GraphQL filter for a deployments search; no status means every status, active first. */
export function toDeploymentFilter(search: DeploymentSearch): DeploymentFilter {
  return {
    search: search.search ?? null,
    modelVersionIds: search.modelVersionIds ?? [],
    teamIds: search.teamIds ?? [],
    hostingTargetIds: search.hostingTargetIds ?? [],
    environments: search.environments ?? [],
    dataClassifications: search.dataClassifications ?? [],
    statuses: search.statuses ?? [],
  };
}

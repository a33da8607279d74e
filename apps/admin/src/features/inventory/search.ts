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
import { formatTableSort, parseTableSort, type TableSort } from '../../components/data-table/table-view';
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
  /** `<column>.<asc|desc>` of the list's table, e.g. `releaseDate.desc`; none: by name, A to Z. */
  sort?: VersionSortParam;
};

/** The list's columns the server can sort by, and its sort field for each. */
export const versionSortFields = {
  name: ModelVersionSortField.Name,
  provider: ModelVersionSortField.Provider,
  releaseDate: ModelVersionSortField.ReleaseDate,
  parameters: ModelVersionSortField.ParameterCount,
  updatedAt: ModelVersionSortField.UpdatedAt,
} as const satisfies Record<string, ModelVersionSortField>;

export type VersionSortColumn = keyof typeof versionSortFields;
export type VersionSortParam = `${VersionSortColumn}.${'asc' | 'desc'}`;

/** The list's order when the URL names none. */
export const DEFAULT_VERSION_SORT: TableSort = { column: 'name', direction: 'asc' };

const isVersionSortColumn = (column: string): column is VersionSortColumn => Object.hasOwn(versionSortFields, column);

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

/**
 * The list's sort from the URL: `sort=releaseDate.desc`, or as links written before the table sorted by its
 * headers named it, `sort=RELEASE_DATE&direction=DESC` (each part optional), so old bookmarks keep their order.
 */
export function parseVersionSort(sort: unknown, direction: unknown): VersionSortParam | undefined {
  const parsed = parseTableSort(sort);
  if (parsed) return isVersionSortColumn(parsed.column) ? (formatTableSort(parsed) as VersionSortParam) : undefined;
  const field = typeof sort === 'string' && isSortField(sort) ? sort : undefined;
  const legacyDirection = typeof direction === 'string' && isDirection(direction) ? direction : undefined;
  if (!field && !legacyDirection) return undefined;
  const column =
    (Object.keys(versionSortFields) as VersionSortColumn[]).find((key) => versionSortFields[key] === field) ?? 'name';
  return `${column}.${legacyDirection === SortDirection.Desc ? 'desc' : 'asc'}`;
}

/** The sort the table shows: the URL's, else the server's default (by name, A to Z). */
export function versionTableSort(search: InventorySearch): TableSort {
  return parseTableSort(search.sort) ?? DEFAULT_VERSION_SORT;
}

/** A header click as the URL keeps it; back to the default order drops the parameter. */
export function versionSortParam(sort: TableSort | undefined): VersionSortParam | undefined {
  if (!sort || !isVersionSortColumn(sort.column)) return undefined;
  return formatTableSort(sort) as VersionSortParam;
}

export function parseInventorySearch(search: Record<string, unknown>): InventorySearch {
  const result: Record<string, unknown> = {};
  if (typeof search.search === 'string' && search.search.trim() !== '') result.search = search.search.trim().slice(0, 200);
  for (const key of facetKeys) {
    const list = listOf(search[key], facetValidators[key]);
    if (list) result[key] = list;
  }
  if (search.includeRetired === true || search.includeRetired === 'true') result.includeRetired = true;
  const sort = parseVersionSort(search.sort, search.direction);
  if (sort) result.sort = sort;
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
  return search.sort ? { sort: search.sort } : {};
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
  const sort = parseTableSort(search.sort);
  if (!sort || !isVersionSortColumn(sort.column)) return { field: ModelVersionSortField.Name, direction: SortDirection.Asc };
  return { field: versionSortFields[sort.column], direction: sort.direction === 'desc' ? SortDirection.Desc : SortDirection.Asc };
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
  /** The table's sort (`<column>.<asc|desc>`), applied in the browser over every deployment of the view. */
  sort?: string;
};

type DeploymentListKey = Exclude<keyof DeploymentSearch, 'search' | 'sort'>;

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
  const sort = formatTableSort(parseTableSort(search.sort));
  if (sort) result.sort = sort;
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

/** The hosting targets page's view in the URL: whether retired targets are listed, and the table's sort. */
export type HostingSearch = { retired?: true; sort?: string };

export function parseHostingSearch(search: Record<string, unknown>): HostingSearch {
  const result: HostingSearch = {};
  if (search.retired === true || search.retired === 'true') result.retired = true;
  const sort = formatTableSort(parseTableSort(search.sort));
  if (sort) result.sort = sort;
  return result;
}

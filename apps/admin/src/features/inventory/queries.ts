import { MAX_PAGE_SIZE } from '@modelgate/domain/inventory';
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ModelVersionFilter, ModelVersionRowFragment } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  DeploymentDetailQuery,
  DeploymentsQuery,
  HostingTargetsQuery,
  ModelCardDraftQuery,
  ModelVersionFacetsQuery,
  ModelVersionDetailQuery,
  ModelVersionOptionQuery,
  ModelVersionOptionsQuery,
  ModelVersionRowsQuery,
  ModelVersionsQuery,
  ProviderDetailQuery,
  ProvidersQuery,
  TeamsQuery,
} from './graphql';
import {
  toDeploymentFilter,
  toModelVersionFilter,
  toModelVersionOrder,
  type DeploymentSearch,
  type InventorySearch,
} from './search';

/** Rows fetched per page of the virtualised list. */
export const VERSION_PAGE_SIZE = 100;

/** The most rows the CSV of the versions list holds; a larger view is cut there, and the person told so. */
export const VERSION_CSV_ROW_LIMIT = 10_000;

/**
 * The rows of a filtered, sorted view after those already loaded (from `after`), in the largest pages the API
 * allows, up to `limit` rows in all. `complete` is false when the view holds more than that.
 */
export async function loadVersionRowsAfter(
  search: InventorySearch,
  loaded: readonly ModelVersionRowFragment[],
  after: string | null,
  limit = VERSION_CSV_ROW_LIMIT,
): Promise<{ rows: ModelVersionRowFragment[]; complete: boolean }> {
  const rows = [...loaded];
  let cursor = after;
  let hasNextPage = after !== null;
  while (hasNextPage && rows.length < limit) {
    const page = (
      await execute(ModelVersionRowsQuery, {
        filter: toModelVersionFilter(search),
        orderBy: toModelVersionOrder(search),
        first: Math.min(MAX_PAGE_SIZE, limit - rows.length),
        after: cursor,
      })
    ).modelVersions;
    rows.push(...page.edges.map((edge) => edge.node));
    cursor = page.pageInfo.endCursor;
    hasNextPage = page.pageInfo.hasNextPage;
  }
  return { rows: rows.slice(0, limit), complete: !hasNextPage && rows.length <= limit };
}

/** Deployments fetched per "Load more". */
export const DEPLOYMENT_PAGE_SIZE = 50;

export const inventoryQueries = {
  all: ['inventory'] as const,
  versions: () => [...inventoryQueries.all, 'versions'] as const,
  versionList: (search: InventorySearch) =>
    infiniteQueryOptions({
      queryKey: [...inventoryQueries.versions(), 'list', search] as const,
      queryFn: ({ pageParam }) =>
        execute(ModelVersionsQuery, {
          filter: toModelVersionFilter(search),
          orderBy: toModelVersionOrder(search),
          first: VERSION_PAGE_SIZE,
          after: pageParam,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.modelVersions.pageInfo.hasNextPage ? last.modelVersions.pageInfo.endCursor : null),
      // Keep the current rows on screen while a changed filter loads.
      placeholderData: keepPreviousData,
    }),
  /** The facets of a view depend on its filters only: sorting or paging the list does not read them again. */
  versionFacets: (search: InventorySearch) =>
    queryOptions({
      queryKey: [...inventoryQueries.versions(), 'facets', toModelVersionFilter(search)] as const,
      queryFn: async () =>
        (await execute(ModelVersionFacetsQuery, { filter: toModelVersionFilter(search) })).modelVersions.facets,
      placeholderData: keepPreviousData,
    }),
  versionOptions: (search: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.versions(), 'options', search] as const,
      queryFn: async () => {
        const filter: ModelVersionFilter = { search: search || null };
        return (await execute(ModelVersionOptionsQuery, { filter, first: 50 })).modelVersions.edges.map((edge) => edge.node);
      },
      placeholderData: keepPreviousData,
    }),
  versionOption: (id: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.versions(), 'option', id] as const,
      queryFn: async () => (await execute(ModelVersionOptionQuery, { id })).modelVersion,
      staleTime: 60_000,
    }),
  versionDetail: (id: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.versions(), 'detail', id] as const,
      queryFn: async () => (await execute(ModelVersionDetailQuery, { id })).modelVersion,
    }),
  deployments: () => [...inventoryQueries.all, 'deployments'] as const,
  deploymentList: (search: DeploymentSearch) =>
    infiniteQueryOptions({
      queryKey: [...inventoryQueries.deployments(), 'list', toDeploymentFilter(search)] as const,
      queryFn: ({ pageParam }) =>
        execute(DeploymentsQuery, { filter: toDeploymentFilter(search), first: DEPLOYMENT_PAGE_SIZE, after: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.deployments.pageInfo.hasNextPage ? last.deployments.pageInfo.endCursor : null),
      placeholderData: keepPreviousData,
    }),
  deploymentDetail: (id: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.deployments(), 'detail', id] as const,
      queryFn: async () => (await execute(DeploymentDetailQuery, { id })).deployment,
    }),
  providers: () => [...inventoryQueries.all, 'providers'] as const,
  providerList: () =>
    queryOptions({
      queryKey: [...inventoryQueries.providers(), 'list'] as const,
      queryFn: async () => (await execute(ProvidersQuery)).providers,
    }),
  providerDetail: (id: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.providers(), 'detail', id] as const,
      queryFn: async () => (await execute(ProviderDetailQuery, { id })).provider,
    }),
  hostingTargets: (includeRetired = false) =>
    queryOptions({
      queryKey: [...inventoryQueries.all, 'hosting-targets', { includeRetired }] as const,
      queryFn: async () => (await execute(HostingTargetsQuery, { includeRetired })).hostingTargets,
    }),
  teams: () =>
    queryOptions({
      queryKey: [...inventoryQueries.all, 'teams'] as const,
      queryFn: async () => (await execute(TeamsQuery)).teams,
      staleTime: 60_000,
    }),
  /** A pasted model card read into a draft; the same text gives the same draft while the inventory stands. */
  modelCardDraft: (input: { text: string; repoId: string | null }) =>
    queryOptions({
      queryKey: [...inventoryQueries.all, 'model-card-draft', input] as const,
      queryFn: async () => (await execute(ModelCardDraftQuery, { input })).modelCardDraft,
      staleTime: Infinity,
      retry: false,
    }),
};

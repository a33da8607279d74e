import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ModelVersionFilter } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  HostingTargetsQuery,
  ModelVersionDetailQuery,
  ModelVersionOptionsQuery,
  ModelVersionsQuery,
  ProviderDetailQuery,
  ProvidersQuery,
  TeamsQuery,
} from './graphql';
import { toModelVersionFilter, toModelVersionOrder, type InventorySearch } from './search';

/** Rows fetched per page of the virtualised list. */
export const VERSION_PAGE_SIZE = 100;

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
      // Keep the current rows and facets on screen while a changed filter loads.
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
  versionDetail: (id: string) =>
    queryOptions({
      queryKey: [...inventoryQueries.versions(), 'detail', id] as const,
      queryFn: async () => (await execute(ModelVersionDetailQuery, { id })).modelVersion,
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
  hostingTargets: () =>
    queryOptions({
      queryKey: [...inventoryQueries.all, 'hosting-targets'] as const,
      queryFn: async () => (await execute(HostingTargetsQuery)).hostingTargets,
    }),
  teams: () =>
    queryOptions({
      queryKey: [...inventoryQueries.all, 'teams'] as const,
      queryFn: async () => (await execute(TeamsQuery)).teams,
      staleTime: 60_000,
    }),
};

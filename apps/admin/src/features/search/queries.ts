import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { execute } from '../../lib/graphql-client';
import { GlobalSearchQuery } from './graphql';

/** Hits the palette lists for a query. */
export const SEARCH_RESULTS = 10;

/** The palette searches the server from this many characters on; shorter queries only filter its own entries. */
export const MIN_SEARCH_LENGTH = 2;

export const searchQueries = {
  all: ['search'] as const,
  global: (query: string) =>
    queryOptions({
      queryKey: [...searchQueries.all, 'global', query] as const,
      queryFn: async () => (await execute(GlobalSearchQuery, { query, first: SEARCH_RESULTS })).globalSearch,
      // What was found stays on screen while the next keystroke's results load.
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
};

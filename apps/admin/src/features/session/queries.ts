import { queryOptions } from '@tanstack/react-query';
import { execute, setCsrfToken } from '../../lib/graphql-client';
import { ViewerQuery } from './graphql';

export const sessionQueries = {
  all: ['session'] as const,
  viewer: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'viewer'] as const,
      queryFn: async () => {
        const { viewer } = await execute(ViewerQuery);
        setCsrfToken(viewer?.csrfToken ?? null);
        return viewer;
      },
      staleTime: 60_000,
    }),
};

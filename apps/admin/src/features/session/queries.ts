import { queryOptions } from '@tanstack/react-query';
import { execute, setCsrfToken } from '../../lib/graphql-client';
import { AuthOptionsQuery, ViewerQuery } from './graphql';

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
  authOptions: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'auth-options'] as const,
      queryFn: async () => (await execute(AuthOptionsQuery)).authOptions,
      staleTime: Infinity,
    }),
};

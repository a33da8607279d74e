import { queryOptions } from '@tanstack/react-query';
import { execute } from '../../lib/graphql-client';
import { SystemStatusQuery } from './graphql';

export const systemQueries = {
  all: ['system'] as const,
  status: () =>
    queryOptions({
      queryKey: [...systemQueries.all, 'status'] as const,
      queryFn: () => execute(SystemStatusQuery),
      refetchInterval: 30_000,
    }),
};

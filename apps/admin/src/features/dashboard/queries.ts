import { queryOptions } from '@tanstack/react-query';
import { execute } from '../../lib/graphql-client';
import { DashboardQuery } from './graphql';

export const dashboardQueries = {
  all: ['dashboard'] as const,
  overview: () =>
    queryOptions({
      queryKey: [...dashboardQueries.all, 'overview'] as const,
      queryFn: async () => (await execute(DashboardQuery)).dashboard,
      // Figures move slowly; a minute old is fresh enough and spares the database on every visit.
      staleTime: 60_000,
    }),
};

import { queryOptions } from '@tanstack/react-query';
import { execute } from '../../lib/graphql-client';
import { ApiTokensQuery } from './graphql';

export const apiTokenQueries = {
  all: ['api-tokens'] as const,
  list: () =>
    queryOptions({
      queryKey: [...apiTokenQueries.all, 'list'] as const,
      queryFn: () => execute(ApiTokensQuery),
    }),
};

import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { execute } from '../../lib/graphql-client';
import { AuditEventsQuery, AuditTrailVerificationQuery } from './graphql';
import { toAuditFilter, type AuditSearch } from './search';

const PAGE_SIZE = 50;

export const auditQueries = {
  all: ['audit'] as const,
  events: (search: AuditSearch) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all, 'events', search] as const,
      queryFn: ({ pageParam }) =>
        execute(AuditEventsQuery, { filter: toAuditFilter(search), first: PAGE_SIZE, after: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.auditEvents.pageInfo.hasNextPage ? last.auditEvents.pageInfo.endCursor : null),
    }),
  verification: () =>
    queryOptions({
      queryKey: [...auditQueries.all, 'verification'] as const,
      queryFn: () => execute(AuditTrailVerificationQuery),
      staleTime: 0,
    }),
};

import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ApprovalRequestFilter } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import {
  ApprovalPolicyQuery,
  ApprovalRequestDetailQuery,
  ApprovalRequestsQuery,
  NotificationsQuery,
  RequestModelFactsQuery,
  ReviewersQuery,
} from './graphql';
import type { ApprovalTab } from './search';

export const REQUEST_PAGE_SIZE = 50;

/** Approvals ending within this many days show under "Expiring soon". */
export const EXPIRING_WITHIN_DAYS = 45;

export function filterForTab(tab: ApprovalTab): ApprovalRequestFilter {
  switch (tab) {
    case 'mine':
      return { mine: true };
    case 'queue':
      return { assignedToMe: true, states: ['SUBMITTED', 'IN_REVIEW'] };
    case 'expiring':
      return { expiringWithinDays: EXPIRING_WITHIN_DAYS };
    case 'all':
      return {};
  }
}

export const approvalQueries = {
  all: ['approvals'] as const,
  list: (tab: ApprovalTab) =>
    infiniteQueryOptions({
      queryKey: [...approvalQueries.all, 'list', tab] as const,
      queryFn: ({ pageParam }) =>
        execute(ApprovalRequestsQuery, { filter: filterForTab(tab), first: REQUEST_PAGE_SIZE, after: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.approvalRequests.pageInfo.hasNextPage ? last.approvalRequests.pageInfo.endCursor : null),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'detail', id] as const,
      queryFn: async () => (await execute(ApprovalRequestDetailQuery, { id })).approvalRequest,
    }),
  modelFacts: (id: string) =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'model-facts', id] as const,
      queryFn: async () => (await execute(RequestModelFactsQuery, { id })).modelVersion,
    }),
  policy: () =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'policy'] as const,
      queryFn: async () => (await execute(ApprovalPolicyQuery)).approvalPolicy,
      staleTime: 60_000,
    }),
  reviewers: () =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'reviewers'] as const,
      queryFn: async () => (await execute(ReviewersQuery)).users,
      staleTime: 60_000,
    }),
};

export const notificationQueries = {
  all: ['notifications'] as const,
  latest: () =>
    queryOptions({
      queryKey: [...notificationQueries.all, 'latest'] as const,
      queryFn: () => execute(NotificationsQuery, { first: 15 }),
      refetchInterval: 60_000,
    }),
};

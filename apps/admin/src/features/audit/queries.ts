import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { AuditEventsQuery } from '../../gql/graphql';
import { execute } from '../../lib/graphql-client';
import { AuditEventsQuery as AuditEventsDocument, AuditTrailVerificationQuery } from './graphql';
import { filtersOf, serverOrderOf, toAuditFilter, type AuditSearch } from './search';

const PAGE_SIZE = 50;
/** The largest page the API sends (`first` is 1 to 200): used to read a whole view for its CSV. */
const EXPORT_PAGE_SIZE = 200;
/** The most events a CSV of the explorer holds; larger views belong in a report export or narrower filters. */
export const CSV_EVENT_LIMIT = 10_000;

export type AuditEventNode = AuditEventsQuery['auditEvents']['edges'][number]['node'];

export const auditQueries = {
  all: ['audit'] as const,
  /**
   * The events of a view, a page at a time, in chain order (newest first, or oldest first when the table sorts by
   * sequence or time ascending). Other sorts only order what is loaded, so they are not part of the key.
   */
  events: (search: AuditSearch) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all, 'events', filtersOf(search), serverOrderOf(search)] as const,
      queryFn: ({ pageParam }) =>
        execute(AuditEventsDocument, {
          filter: toAuditFilter(filtersOf(search)),
          first: PAGE_SIZE,
          after: pageParam,
          order: serverOrderOf(search),
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.auditEvents.pageInfo.hasNextPage ? last.auditEvents.pageInfo.endCursor : null),
    }),
  /** One event by its sequence number, for a link that opens it (the list's cursor is "older than this seq"). */
  event: (seq: string) =>
    queryOptions({
      queryKey: [...auditQueries.all, 'event', seq] as const,
      queryFn: async () => {
        const page = await execute(AuditEventsDocument, {
          filter: null,
          first: 1,
          after: String(BigInt(seq) + 1n),
          order: 'NEWEST_FIRST',
        });
        return page.auditEvents.edges.find((edge) => edge.node.seq === seq)?.node ?? null;
      },
    }),
  verification: () =>
    queryOptions({
      queryKey: [...auditQueries.all, 'verification'] as const,
      queryFn: () => execute(AuditTrailVerificationQuery),
      staleTime: 0,
    }),
};

/** Every event of a view in its chain order, up to `limit`: what the CSV of the explorer holds. */
export async function loadAuditEvents(search: AuditSearch, limit = CSV_EVENT_LIMIT): Promise<AuditEventNode[]> {
  const filter = toAuditFilter(filtersOf(search));
  const events: AuditEventNode[] = [];
  let after: string | null = null;
  do {
    const page: AuditEventsQuery = await execute(AuditEventsDocument, {
      filter,
      first: Math.min(EXPORT_PAGE_SIZE, limit - events.length),
      after,
      order: serverOrderOf(search),
    });
    events.push(...page.auditEvents.edges.map((edge) => edge.node));
    after = page.auditEvents.pageInfo.hasNextPage ? page.auditEvents.pageInfo.endCursor : null;
  } while (after && events.length < limit);
  return events.slice(0, limit);
}

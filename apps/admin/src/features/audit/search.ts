import { formatTableSort, parseTableSort } from '../../components/data-table/table-view';

/** The audit explorer's filters and sort, kept in the URL so a filtered view can be shared and reloaded. */
export type AuditSearch = {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'SUCCESS' | 'DENIED' | 'FAILURE';
  from?: string;
  to?: string;
  /** `<column>.<asc|desc>` of the events table; none: newest first, as the server sends them. */
  sort?: string;
  /** The sequence number of the event open in the side panel (a number, so the URL reads `event=1234`). */
  event?: number;
};

/** The keys that choose which events the server sends (the sort only orders them, the open event is one of them). */
export type AuditFilters = Omit<AuditSearch, 'sort' | 'event'>;

export function filtersOf(search: AuditSearch): AuditFilters {
  return Object.fromEntries(Object.entries(search).filter(([key]) => key !== 'sort' && key !== 'event'));
}

const TEXT_KEYS = ['actorId', 'action', 'entityType', 'entityId'] as const;
const OUTCOMES = new Set(['SUCCESS', 'DENIED', 'FAILURE']);
const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const result: AuditSearch = {};
  for (const key of TEXT_KEYS) {
    const value = search[key];
    if (typeof value === 'string' && value.trim() !== '') result[key] = value.trim().slice(0, 200);
  }
  if (typeof search.outcome === 'string' && OUTCOMES.has(search.outcome))
    result.outcome = search.outcome as AuditSearch['outcome'];
  if (isDate(search.from)) result.from = search.from;
  if (isDate(search.to)) result.to = search.to;
  const sort = formatTableSort(parseTableSort(search.sort));
  if (sort) result.sort = sort;
  const event = typeof search.event === 'string' && /^[1-9]\d{0,15}$/.test(search.event) ? Number(search.event) : search.event;
  if (typeof event === 'number' && Number.isSafeInteger(event) && event > 0) result.event = event;
  return result;
}

/** The columns in chain order: sorting by them is the server's order, over the whole trail, not only what is loaded. */
const CHAIN_ORDER_COLUMNS = new Set(['seq', 'time']);

/** The order the server pages in: oldest first when the table sorts by sequence or time ascending. */
export function serverOrderOf(search: AuditSearch): 'NEWEST_FIRST' | 'OLDEST_FIRST' {
  const sort = parseTableSort(search.sort);
  return sort && CHAIN_ORDER_COLUMNS.has(sort.column) && sort.direction === 'asc' ? 'OLDEST_FIRST' : 'NEWEST_FIRST';
}

/** Whether the table's sort is the server's order (so the rows arrive sorted, however many there are). */
export function sortedByServer(search: AuditSearch): boolean {
  const sort = parseTableSort(search.sort);
  return !sort || CHAIN_ORDER_COLUMNS.has(sort.column);
}

/** The GraphQL filter for a search: dates are whole days in UTC, `to` inclusive. */
export function toAuditFilter(search: AuditFilters) {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    actorId: search.actorId ?? null,
    action: search.action ?? null,
    entityType: search.entityType ?? null,
    entityId: search.entityId ?? null,
    outcome: search.outcome ?? null,
    from: search.from ? `${search.from}T00:00:00.000Z` : null,
    to: search.to ? nextDay(search.to) : null,
  };
}

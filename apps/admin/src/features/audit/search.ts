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
};

/** The keys that choose which events the server sends (the sort only orders them on screen). */
export type AuditFilters = Omit<AuditSearch, 'sort'>;

export function filtersOf(search: AuditSearch): AuditFilters {
  return Object.fromEntries(Object.entries(search).filter(([key]) => key !== 'sort'));
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
  return result;
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

import { z } from 'zod';

/** What global search finds, in the order equally good hits are listed. */
export const SearchHitKind = {
  MODEL_VERSION: 'MODEL_VERSION',
  PROVIDER: 'PROVIDER',
  APPROVAL_REQUEST: 'APPROVAL_REQUEST',
  DEPLOYMENT: 'DEPLOYMENT',
  PERSON: 'PERSON',
} as const;
export type SearchHitKind = (typeof SearchHitKind)[keyof typeof SearchHitKind];

/**
 * How well a hit matched, best first: one of its names is the query, starts with it, contains it, or holds every
 * word of the query somewhere among its names (`qwen 7b` finds Qwen2.5-7B-Instruct).
 */
export const SearchMatch = { EXACT: 'EXACT', PREFIX: 'PREFIX', SUBSTRING: 'SUBSTRING', WORDS: 'WORDS' } as const;
export type SearchMatch = (typeof SearchMatch)[keyof typeof SearchMatch];

/** The rank the repository computes in SQL (0 = exact ... 3 = every word), as a match. */
export const MATCH_BY_RANK: readonly SearchMatch[] = [
  SearchMatch.EXACT,
  SearchMatch.PREFIX,
  SearchMatch.SUBSTRING,
  SearchMatch.WORDS,
];

export const MAX_QUERY_LENGTH = 100;
export const MAX_SEARCH_RESULTS = 20;
export const DEFAULT_SEARCH_RESULTS = 8;
/** More words than this add little and cost a condition each. */
const MAX_WORDS = 6;

export const globalSearchArgsSchema = z.object({
  query: z
    .string({ error: 'must be text' })
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'must not be empty: type part of a name, an e-mail or a request reference')
        .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`),
    ),
  first: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_SEARCH_RESULTS, `must be at most ${MAX_SEARCH_RESULTS}`)
    .nullish()
    .transform((value) => value ?? DEFAULT_SEARCH_RESULTS),
});
export type GlobalSearchQuery = z.output<typeof globalSearchArgsSchema>;

/** A LIKE pattern matching `text` literally: `%`, `_` and the escape character lose their meaning. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The query as the repository compares it with ILIKE: as a whole and word by word. */
export type SearchTerms = {
  /** The whole query, escaped: a name ILIKE it is equal to it but for case, an exact match. */
  exact: string;
  /** `query%`: a name starting with the query. */
  prefix: string;
  /** `%query%`: a name containing the query. */
  contains: string;
  /** `%word%` for each distinct word: a hit holds every one of them in one of its names. */
  words: string[];
  /** An approval request number when the query is one (`AR-12`, `ar12`, `12`). */
  requestNumber: number | null;
};

export function searchTerms(query: string): SearchTerms {
  const whole = query.trim().toLowerCase();
  const words = [...new Set(whole.split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
  const number = /^(?:ar)?[-\s]?(\d{1,9})$/.exec(whole)?.[1];
  return {
    exact: escapeLike(whole),
    prefix: `${escapeLike(whole)}%`,
    contains: `%${escapeLike(whole)}%`,
    words: words.map((word) => `%${escapeLike(word)}%`),
    requestNumber: number === undefined ? null : Number(number),
  };
}

/** A row as the repository finds it, before it becomes a hit. */
export type RankedRow = { kind: SearchHitKind; id: string; rank: number; retired: boolean; title: string };

const kindOrder = Object.values(SearchHitKind);

/**
 * The best `first` rows across kinds, each thing once (with the best rank it was found with): better matches first;
 * between equally good ones, the kind order above, then what is still in use, then the shorter (closer) title, then
 * alphabetical.
 */
export function rankHits<T extends RankedRow>(rows: readonly T[], first: number): T[] {
  const best = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.kind}:${row.id}`;
    const seen = best.get(key);
    if (!seen || row.rank < seen.rank) best.set(key, row);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        Number(a.retired) - Number(b.retired) ||
        a.title.length - b.title.length ||
        a.title.localeCompare(b.title, 'en'),
    )
    .slice(0, first);
}

/** The admin app's address of each kind of hit. */
export const hitUrls = {
  modelVersion: (id: string) => `/inventory/versions/${id}`,
  provider: (id: string) => `/inventory/providers/${id}`,
  approvalRequest: (id: string) => `/approvals/${id}`,
  deployment: (id: string) => `/inventory/deployments/${id}`,
  /** A person's page is in Admin; readers of the audit trail who are not admins get what the person did. */
  person: (id: string, page: 'ADMIN' | 'AUDIT') =>
    page === 'ADMIN' ? `/admin/people/${id}` : `/audit?${new URLSearchParams({ actorId: id }).toString()}`,
};

/** The name the admin app shows for a model version: "Qwen2.5-7B-Instruct", or family and version when apart. */
export const versionTitle = (row: { familyName: string; versionName: string }) =>
  row.versionName.startsWith(row.familyName) ? row.versionName : `${row.familyName} ${row.versionName}`;

/** Joins the parts of a subtitle that are there. */
export const subtitleOf = (...parts: ReadonlyArray<string | null | undefined>) =>
  parts.filter((part): part is string => Boolean(part)).join(' · ') || null;

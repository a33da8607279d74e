import { currentLocale } from './translate';

/**
 * Dates and numbers in the reader's locale and time zone. The server sends ISO 8601 instants; what people see is
 * local, and the absolute instant (with its zone) is always one hover away.
 */

type DateInput = string | Date;
const asDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

export function formatDay(value: DateInput, timeZone?: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone }).format(asDate(value));
}

export function formatDateTime(value: DateInput, timeZone?: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(asDate(value));
}

/** The full instant with seconds and the zone's name, e.g. "2 Dec 2026, 06:30:12 Coordinated Universal Time". */
export function formatAbsolute(value: DateInput, timeZone?: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone,
  }).format(asDate(value));
}

const RELATIVE_UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "3 days ago", "in 2 hours": the largest whole unit, as Intl.RelativeTimeFormat words it. */
export function formatRelative(value: DateInput, now: Date = new Date()): string {
  const difference = asDate(value).getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(difference) >= size || unit === 'second') return format.format(Math.trunc(difference / size), unit);
  }
  return format.format(0, 'second');
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}

/** A region's name in the reader's language followed by its ISO 3166-1 code: "China (CN)". */
export function formatCountry(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  const name = new Intl.DisplayNames([currentLocale()], { type: 'region', fallback: 'code' }).of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

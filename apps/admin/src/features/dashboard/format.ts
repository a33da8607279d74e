const numberFormat = new Intl.NumberFormat('en');

export const formatNumber = (value: number): string => numberFormat.format(value);

/** "1 model version", "3 model versions". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

/** "United States (US) 2, China (CN) 1 and 3 more": the first few values with their counts, for a summary sentence. */
export function leaders(items: ReadonlyArray<{ label: string; count: number }>, shown = 3): string {
  const named = items.slice(0, shown).map((item) => `${item.label} ${formatNumber(item.count)}`);
  const rest = items.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${formatNumber(rest)} more` : named.join(', ');
}

/** "Dec 2": a short UTC day for chart axes from "2026-12-02". */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

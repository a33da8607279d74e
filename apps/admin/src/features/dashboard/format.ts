import { currentLocale } from '../../i18n/translate';
import { t } from './messages';

export { formatNumber } from '../../i18n/format';

/** "United States (US) 2, China (CN) 1 and 3 more": the first few values with their counts, for a summary sentence. */
export function leaders(items: ReadonlyArray<{ label: string; count: number }>, shown = 3): string {
  const named = items.slice(0, shown).map((item) => t('dashboard.leaders.item', { label: item.label, count: item.count }));
  const rest = items.length - named.length;
  return rest > 0 ? t('dashboard.leaders.more', { list: named.join(', '), count: rest }) : named.join(', ');
}

/** "Dec 2": a short UTC day for chart axes from "2026-12-02", in the reader's language. */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(currentLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

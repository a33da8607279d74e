import { formatDay } from '../../../i18n/format';
import { t } from '../messages';

/**
 * A calendar day the API sends as `YYYY-MM-DD` (a release date, the day a license applies from): it names a day,
 * not an instant, so it is shown as that day in every time zone. `<DateTime>` would read it as midnight UTC and
 * show the day before west of Greenwich.
 */
/** The day in the reader's language, read in UTC so that no time zone moves it. */
const dayOf = (value: string) =>
  formatDay(new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)))), 'UTC');

export function CalendarDay({ value }: { value: string | null | undefined }) {
  if (!value) return <>{t('inventory.none')}</>;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{value}</>;
  return <time dateTime={value}>{dayOf(value)}</time>;
}

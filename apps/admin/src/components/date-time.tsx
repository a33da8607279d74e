import { formatAbsolute, formatDateTime, formatDay, formatRelative } from '../i18n/format';

/**
 * An instant as people read it: in their locale and time zone, as a day, a date and time, or relative to now,
 * with the absolute instant and its zone on hover (and in the `datetime` attribute for assistive technology).
 */
export function DateTime({
  value,
  format = 'dateTime',
  fallback = '—',
}: {
  value: string | null | undefined;
  format?: 'day' | 'dateTime' | 'relative';
  fallback?: string;
}) {
  if (!value) return <>{fallback}</>;
  const shown = format === 'day' ? formatDay(value) : format === 'relative' ? formatRelative(value) : formatDateTime(value);
  return (
    <time dateTime={value} title={formatAbsolute(value)}>
      {shown}
    </time>
  );
}

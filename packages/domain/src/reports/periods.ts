/** Ready-made reporting periods, as whole UTC days (inclusive). */
export const PERIOD_PRESETS = [
  { value: 'last-quarter', label: 'Last quarter' },
  { value: 'this-quarter', label: 'This quarter so far' },
  { value: 'last-30-days', label: 'Last 30 days' },
  { value: 'year-to-date', label: 'Year to date' },
  { value: 'last-year', label: 'Last year' },
] as const;

const day = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, dayOfMonth: number) => new Date(Date.UTC(year, month, dayOfMonth));

export function presetPeriod(preset: string, now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear();
  const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3;
  switch (preset) {
    case 'this-quarter':
      return { from: day(utc(year, quarterStart, 1)), to: day(now) };
    case 'last-30-days':
      return { from: day(new Date(now.getTime() - 29 * 86_400_000)), to: day(now) };
    case 'year-to-date':
      return { from: day(utc(year, 0, 1)), to: day(now) };
    case 'last-year':
      return { from: day(utc(year - 1, 0, 1)), to: day(utc(year - 1, 11, 31)) };
    default:
      // The quarter before this one: its first day to the day before this quarter began.
      return { from: day(utc(year, quarterStart - 3, 1)), to: day(utc(year, quarterStart, 0)) };
  }
}

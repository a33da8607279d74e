import { t } from './messages';

/** "3 d 4 h", "12 min", "40 s": uptime for people. */
export function formatDuration(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  if (days > 0) return t('system.duration.days', { days, hours });
  if (hours > 0) return t('system.duration.hours', { hours, minutes });
  if (minutes > 0) return t('system.duration.minutes', { minutes });
  return t('system.duration.seconds', { seconds: totalSeconds });
}

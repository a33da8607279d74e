import { SegmentedControl, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { t } from '../messages';

const schemes = (): { value: MantineColorScheme; label: string }[] => [
  { value: 'light', label: t('shell.theme.light') },
  { value: 'dark', label: t('shell.theme.dark') },
  { value: 'auto', label: t('shell.theme.auto') },
];

const isScheme = (value: string): value is MantineColorScheme => ['light', 'dark', 'auto'].includes(value);

/**
 * Light, dark or the system's theme. Mantine keeps the choice in localStorage (`mantine-color-scheme-value`), so it
 * survives a reload and applies before the first paint of the next visit.
 */
export function ThemeControl() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      aria-label={t('shell.theme.label')}
      size="xs"
      data={schemes()}
      value={colorScheme}
      onChange={(value) => isScheme(value) && setColorScheme(value)}
      data-testid="theme-control"
    />
  );
}

import { SegmentedControl, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const schemes: { value: MantineColorScheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'System' },
];

const isScheme = (value: string): value is MantineColorScheme => schemes.some((scheme) => scheme.value === value);

/**
 * Light, dark or the system's theme. Mantine keeps the choice in localStorage (`mantine-color-scheme-value`), so it
 * survives a reload and applies before the first paint of the next visit.
 */
export function ThemeControl() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      aria-label="Theme"
      size="xs"
      data={schemes}
      value={colorScheme}
      onChange={(value) => isScheme(value) && setColorScheme(value)}
      data-testid="theme-control"
    />
  );
}

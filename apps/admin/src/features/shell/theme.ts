import {
  createTheme,
  darken,
  defaultCssVariablesResolver,
  lighten,
  luminance,
  type CSSVariablesResolver,
  type MantineTheme,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // Mantine's close buttons are an icon alone: they need a name to be announced (WCAG 4.1.2). Plain objects rather
  // than `Modal.extend(...)`, so the theme does not pull these components into the entry chunk.
  components: {
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Dismiss' } },
  },
});

/** WCAG 2.2 AA asks 4.5:1 for text; a little more leaves room for anti-aliasing and tinted table rows. */
const textContrast = 4.6;

function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The first of `candidates` that reaches the text contrast against every background, else the last one
 * darkened (or lightened) step by step until it does.
 */
function readable(candidates: readonly string[], backgrounds: readonly string[], towards: 'dark' | 'light'): string {
  const enough = (color: string) => backgrounds.every((background) => contrast(color, background) >= textContrast);
  const found = candidates.find(enough);
  if (found) return found;
  let color = candidates.at(-1)!;
  for (let step = 0.05; step < 1 && !enough(color); step += 0.05) {
    color = towards === 'dark' ? darken(candidates.at(-1)!, step) : lighten(candidates.at(-1)!, step);
  }
  return color;
}

/**
 * Mantine's default palette puts several colours below WCAG AA contrast: dimmed grey text (3.3:1 on white), white
 * on the primary indigo.6 (4.3:1), teal, green, orange and yellow text and badges (down to 1.9:1), red error text.
 * This resolver keeps Mantine's variables and replaces, per colour scheme, the text, filled, outline and light-variant
 * colours with the nearest shade of the same colour that reaches the contrast on the surfaces the app uses
 * (the body, striped table rows and the light variant's own tint).
 */
export const accessibleColors: CSSVariablesResolver = (resolvedTheme: MantineTheme) => {
  const base = defaultCssVariablesResolver(resolvedTheme);
  const { colors, white } = resolvedTheme;
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  const lightSurfaces = [white, colors.gray[0], colors.gray[1]];
  const darkSurfaces = [colors.dark[7], colors.dark[6], colors.dark[5]];

  for (const [name, shades] of Object.entries(colors)) {
    // Dark shades of the dark palette are the dark theme's surfaces; grey text has its own variables below.
    if (name === 'dark' || !Array.isArray(shades)) continue;
    const lightText = readable([shades[6], shades[7], shades[8], shades[9]], lightSurfaces, 'dark');
    const lightFilled = readable([shades[6], shades[7], shades[8], shades[9]], [white], 'dark');
    const lightTint = shades[1];
    light[`--mantine-color-${name}-text`] = lightText;
    light[`--mantine-color-${name}-filled`] = lightFilled;
    light[`--mantine-color-${name}-filled-hover`] = darken(lightFilled, 0.1);
    light[`--mantine-color-${name}-outline`] = lightText;
    light[`--mantine-color-${name}-light-color`] = readable([shades[8], shades[9]], [lightTint], 'dark');

    const darkText = readable([shades[4], shades[3], shades[2], shades[1], shades[0]], darkSurfaces, 'light');
    const darkFilled = readable([shades[8], shades[9]], [white], 'dark');
    dark[`--mantine-color-${name}-text`] = darkText;
    dark[`--mantine-color-${name}-filled`] = darkFilled;
    dark[`--mantine-color-${name}-filled-hover`] = darken(darkFilled, 0.15);
    dark[`--mantine-color-${name}-outline`] = darkText;
  }

  return {
    variables: {},
    light: {
      ...light,
      '--mantine-color-dimmed': readable([colors.gray[7], colors.gray[8]], lightSurfaces, 'dark'),
      '--mantine-color-anchor':
        light[`--mantine-color-${resolvedTheme.primaryColor}-text`] ?? base.light['--mantine-color-anchor']!,
      '--mantine-color-error': light['--mantine-color-red-text'] ?? base.light['--mantine-color-error']!,
      // Lighter than entered text, still 4.5:1: a placeholder may carry a hint.
      '--mantine-color-placeholder': readable([colors.gray[6]], lightSurfaces, 'dark'),
    },
    dark: {
      ...dark,
      '--mantine-color-dimmed': readable([colors.dark[1], colors.dark[0]], darkSurfaces, 'light'),
      '--mantine-color-anchor':
        dark[`--mantine-color-${resolvedTheme.primaryColor}-text`] ?? base.dark['--mantine-color-anchor']!,
      '--mantine-color-error': dark['--mantine-color-red-text'] ?? base.dark['--mantine-color-error']!,
      '--mantine-color-placeholder': readable([colors.dark[2]], darkSurfaces, 'light'),
    },
  };
};

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the admin app promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export type AxeViolation = {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: unknown[] }[];
};

declare global {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    axe: {
      run: (context: Document, options: { runOnly: string[]; resultTypes: string[] }) => Promise<{ violations: AxeViolation[] }>;
    };
  }
}

/**
 * Puts axe-core into every document the context loads from now on. It goes in through the DevTools protocol, so the
 * app's Content-Security-Policy (no inline script) still applies to the app itself.
 */
export async function injectAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/** axe-core's WCAG A/AA checks of the page as it is now, split into failing (serious, critical) and the rest. */
export async function checkAccessibility(page: Page): Promise<{ failing: AxeViolation[]; lesser: AxeViolation[] }> {
  const { violations } = await page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return {
    failing: violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? '')),
    lesser: violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? '')),
  };
}

/** One line per violation with its rule, impact and help, then the CSS selectors of (up to five of) its elements. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string[] {
  return violations.map((violation) => {
    const targets = violation.nodes.slice(0, 5).map((node) => `      ${node.target.map(String).join(' ')}`);
    const more = violation.nodes.length > 5 ? [`      … and ${violation.nodes.length - 5} more`] : [];
    return [`${where}: [${violation.impact}] ${violation.id}: ${violation.help}`, ...targets, ...more].join('\n');
  });
}

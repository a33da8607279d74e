import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkAccessibility, describeViolations, injectAxe } from './support/axe.js';
import { artifactsDir, signInAs, useBrowserJourney } from './support/browser.js';
import { signIn } from './support/production-server.js';

const screenshotsDir = path.join(artifactsDir, 'a11y');

type Theme = 'light' | 'dark';

/**
 * A page of the app. Section pages are reached from the main navigation, so a role sweeps exactly the sections it
 * is shown; the other pages are reached through a link on an earlier page (`from`), as a person would get there:
 * a role that is not offered the link (no "Register model version" for an auditor) does not sweep the page.
 */
type PageSpec = {
  name: string;
  /** Reached from the main navigation link with this label. */
  section?: string;
  /** Reached by this path (the section's own page, or one of its tabs). */
  path?: string;
  /** Reached through the first link matching `link` on the page called `page`. */
  from?: { page: string; link: string };
};

const pages: PageSpec[] = [
  { name: 'overview', section: 'Overview', path: '/' },
  { name: 'inventory', section: 'Inventory', path: '/inventory' },
  { name: 'inventory-version', from: { page: 'inventory', link: 'main table a[href^="/inventory/versions/"]' } },
  { name: 'inventory-version-edit', from: { page: 'inventory-version', link: 'main a[href$="/edit"]' } },
  { name: 'inventory-register', from: { page: 'inventory', link: 'main a[href="/inventory/versions/new"]' } },
  {
    name: 'inventory-deployments',
    from: { page: 'inventory', link: 'nav[aria-label="Inventory"] a[href="/inventory/deployments"]' },
  },
  {
    name: 'inventory-providers',
    from: { page: 'inventory', link: 'nav[aria-label="Inventory"] a[href="/inventory/providers"]' },
  },
  { name: 'inventory-provider', from: { page: 'inventory-providers', link: 'main table a[href^="/inventory/providers/"]' } },
  {
    name: 'inventory-deployment',
    from: { page: 'inventory-deployments', link: 'main table a[href^="/inventory/deployments/"]' },
  },
  { name: 'inventory-hosting', from: { page: 'inventory', link: 'nav[aria-label="Inventory"] a[href="/inventory/hosting"]' } },
  {
    name: 'inventory-hosting-target',
    from: { page: 'inventory-hosting', link: 'main table a[href^="/inventory/hosting/"]' },
  },
  { name: 'inventory-import', from: { page: 'inventory', link: 'nav[aria-label="Inventory"] a[href="/inventory/import"]' } },
  { name: 'approvals', section: 'Approvals', path: '/approvals' },
  { name: 'approvals-new', from: { page: 'approvals', link: 'main a[href="/approvals/new"]' } },
  { name: 'approvals-all', section: 'Approvals', path: '/approvals?tab=all' },
  { name: 'approval-request', from: { page: 'approvals-all', link: 'main table a[href^="/approvals/"]' } },
  { name: 'policies', section: 'Policies', path: '/policies' },
  { name: 'policies-versions', section: 'Policies', path: '/policies?tab=versions' },
  { name: 'policy-version', from: { page: 'policies-versions', link: 'main a[href^="/policies/versions/"]' } },
  { name: 'policies-exceptions', section: 'Policies', path: '/policies?tab=exceptions' },
  { name: 'policies-violations', section: 'Policies', path: '/policies?tab=violations' },
  { name: 'policies-gate', section: 'Policies', path: '/policies?tab=gate' },
  { name: 'discovery', section: 'Discovery', path: '/discovery' },
  { name: 'scan-report', from: { page: 'discovery', link: 'main a[href^="/discovery/reports/"]' } },
  { name: 'reports', section: 'Reports', path: '/reports' },
  { name: 'report-export', from: { page: 'reports', link: 'main table a[href^="/reports/exports/"]' } },
  { name: 'audit', section: 'Audit', path: '/audit' },
  { name: 'audit-event', section: 'Audit', path: '/audit?event=1' },
  { name: 'tokens', section: 'API tokens', path: '/tokens' },
  { name: 'admin', section: 'Admin', path: '/admin' },
  { name: 'admin-person', from: { page: 'admin', link: 'main table a[href^="/admin/people/"]' } },
  { name: 'admin-team', from: { page: 'admin', link: 'main table a[href^="/admin/teams/"]' } },
];

/** The pages swept at a phone's width: each section's own page and the pages of one thing people open most. */
const narrowPages = [
  'overview',
  'inventory',
  'inventory-version',
  'inventory-deployments',
  'inventory-deployment',
  'approvals-all',
  'approval-request',
  'policies',
  'audit',
];

const roles = [
  // The compliance officer goes first: they reach the most pages, so theirs are the dark sweep and the screenshots.
  { name: 'compliance officer', email: 'compliance@demo.modelgate.local' },
  { name: 'admin', email: 'admin@demo.modelgate.local' },
  { name: 'reviewer', email: 'reviewer@demo.modelgate.local' },
  { name: 'engineer', email: 'engineer@demo.modelgate.local' },
  { name: 'auditor', email: 'auditor@demo.modelgate.local' },
] as const satisfies readonly { name: string; email: string }[];

/** Waits until the page shows its content: its heading, and no skeleton, loader or busy region left. */
async function waitForContent(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector(
        'main [aria-busy="true"], main .mantine-Skeleton-root, main .mantine-Loader-root, main [role="status"][aria-label^="Loading"]',
      ),
    undefined,
    { timeout: 20_000, polling: 100 },
  );
}

/** Notes where the page's links to later pages lead (keyed `<page> <link selector>`), for reaching those pages. */
async function rememberLinksFrom(page: Page, spec: PageSpec, reached: Map<string, string>): Promise<void> {
  for (const later of pages) {
    if (later.from?.page !== spec.name) continue;
    const link = page.locator(later.from.link).first();
    const href = (await link.count()) > 0 ? await link.getAttribute('href') : null;
    if (href) reached.set(`${later.from.page} ${later.from.link}`, href);
  }
}

/** Chooses a theme with the header's theme control, as a person would, and waits until the page wears it. */
async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  const label = theme === 'light' ? 'Light' : 'Dark';
  if ((await page.getByRole('dialog').count()) > 0) {
    // A page opened with a panel (an audit event) covers the header: the theme is set as the control sets it.
    await page.evaluate((scheme) => document.documentElement.setAttribute('data-mantine-color-scheme', scheme), theme);
  } else {
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText(label, { exact: true }).click();
  }
  await page.waitForFunction((scheme) => document.documentElement.dataset.mantineColorScheme === scheme, theme);
  // Let colour transitions (buttons, inputs) finish before the contrast is measured.
  await page.waitForTimeout(200);
}

async function currentTheme(page: Page): Promise<Theme> {
  return (await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)) === 'dark' ? 'dark' : 'light';
}

/** A GraphQL call in a demo user's own session, with the CSRF token the API asks of every mutation. */
async function asDemoUser<T>(baseUrl: string, email: string, query: string, variables: Record<string, unknown> = {}) {
  const cookie = await signIn(baseUrl, email);
  const call = async (body: object, csrf?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (result.errors || !result.data) throw new Error(`GraphQL error as ${email}: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const { viewer } = (await call({ query: '{ viewer { csrfToken } }' })) as { viewer: { csrfToken: string } };
  return (await call({ query, variables }, viewer.csrfToken)) as T;
}

describe('accessibility: axe-core (WCAG 2.2 A and AA) over every page each role can reach, in light and dark', () => {
  const journey = useBrowserJourney();

  // The demo data has no drafted policy version and no scan: one of each, made the way their owners make them,
  // so their pages are swept too.
  beforeAll(async () => {
    const baseUrl = journey.server.baseUrl;
    const { policyInForce } = await asDemoUser<{ policyInForce: { policy: unknown } }>(
      baseUrl,
      'compliance@demo.modelgate.local',
      '{ policyInForce { policy } }',
    );
    await asDemoUser(
      baseUrl,
      'compliance@demo.modelgate.local',
      'mutation ($input: DraftPolicyInput!) { draftPolicyVersion(input: $input) { id } }',
      { input: { policy: policyInForce.policy, note: 'A draft for the accessibility sweep' } },
    );
    await asDemoUser(
      baseUrl,
      'engineer@demo.modelgate.local',
      'mutation ($input: SubmitScanReportInput!) { submitScanReport(input: $input) { id } }',
      {
        input: {
          repository: 'github.com/acme/accessibility-sweep',
          environment: 'PRODUCTION',
          findings: [
            {
              file: 'app/chat.py',
              line: 2,
              column: 40,
              kind: 'HUGGING_FACE',
              reference: 'meta-llama/Llama-3.1-8B-Instruct',
              snippet: 'from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
            },
            {
              file: 'app/chat.py',
              line: 3,
              column: 40,
              kind: 'HUGGING_FACE',
              reference: 'acme/unregistered-model',
              snippet: 'from_pretrained("acme/unregistered-model")',
            },
          ],
        },
      },
    );
    // Exports are each person's own: the compliance officer's and the auditor's export pages are swept.
    for (const email of ['compliance@demo.modelgate.local', 'auditor@demo.modelgate.local']) {
      await asDemoUser(
        baseUrl,
        email,
        'mutation ($input: CreateReportExportInput!) { createReportExport(input: $input) { id } }',
        { input: { type: 'INVENTORY', format: 'CSV' } },
      );
    }
    await mkdir(screenshotsDir, { recursive: true });
  }, 60_000);

  it('offers a light, dark or system theme in the header, kept across visits', async () => {
    const context = await journey.browser.newContext({ colorScheme: 'dark', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const control = page.getByRole('radiogroup', { name: 'Theme' });
    await page.goto(`${journey.server.baseUrl}/`);
    await control.waitFor();
    // Until a person chooses, the app follows the system, here dark.
    await expect(control.getByRole('radio', { name: 'System' }).isChecked()).resolves.toBe(true);
    await expect(currentTheme(page)).resolves.toBe('dark');

    await chooseTheme(page, 'light');
    await page.reload();
    await control.waitFor();
    await expect(control.getByRole('radio', { name: 'Light' }).isChecked()).resolves.toBe(true);
    await expect(currentTheme(page)).resolves.toBe('light');

    await control.getByText('System', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.dataset.mantineColorScheme === 'dark');
    await context.close();
  });

  // Every role sweeps its pages in the light theme; a page is swept (and photographed) in the dark theme too the
  // first time a role reaches it. The compliance officer goes first and reaches the most pages, so the dark sweep
  // covers every page once without paying for it five times.
  const sweptInDark = new Set<string>();

  it.each(roles)('finds no serious or critical violation on any page the $name reaches', async (role) => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, role.email);
    await injectAxe(page.context());
    const navigation = await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents();
    await chooseTheme(page, 'light');

    const reached = new Map<string, string>();
    const notSwept: string[] = [];
    const failures: string[] = [];
    const lesser: string[] = [];
    const swept: string[] = [];

    for (const spec of pages) {
      let url: string | undefined;
      if (spec.section !== undefined) {
        if (!navigation.includes(spec.section)) continue; // not a section this role is shown
        url = spec.path;
      } else if (spec.from) {
        url = reached.get(`${spec.from.page} ${spec.from.link}`);
        if (url === undefined) {
          notSwept.push(
            swept.some((name) => name.split(' ')[0] === spec.from?.page)
              ? `${spec.name}: not offered to this role (no ${spec.from.link} on the ${spec.from.page} page)`
              : `${spec.name}: its way in, the ${spec.from.page} page, is not in this role's sections`,
          );
          continue;
        }
      }
      if (url === undefined) throw new Error(`page ${spec.name} says neither how to reach it nor its section`);

      await page.goto(`${journey.server.baseUrl}${url}`);
      await waitForContent(page).catch((error: unknown) => {
        throw new Error(`${role.name}: ${spec.name} (${url}) never finished loading: ${String(error)}`);
      });

      const themes: Theme[] = sweptInDark.has(spec.name) ? ['light'] : ['light', 'dark'];
      for (const theme of themes) {
        if ((await currentTheme(page)) !== theme) await chooseTheme(page, theme);
        const { failing, lesser: others } = await checkAccessibility(page);
        const where = `${role.name}: ${spec.name} (${url}, ${theme})`;
        failures.push(...describeViolations(where, failing));
        lesser.push(...others.map((violation) => `${where}: ${violation.id}`));
        if (themes.length === 2) {
          const file = `${role.name.split(' ')[0]}-${spec.name}-${theme}.png`;
          await page.screenshot({ path: path.join(screenshotsDir, file), fullPage: true });
        }
      }
      if (themes.length === 2) sweptInDark.add(spec.name);
      // The next page opens in the light theme again.
      if ((await currentTheme(page)) !== 'light') await chooseTheme(page, 'light');
      swept.push(themes.length === 2 ? `${spec.name} (light, dark)` : spec.name);

      // The links later pages are reached through, as this role sees them here.
      await rememberLinksFrom(page, spec, reached);
    }
    await page.context().close();

    console.info(
      [
        `${role.name}: swept ${swept.length} pages: ${swept.join(', ')}`,
        ...(notSwept.length > 0 ? [`not swept, with the reason:\n  ${notSwept.join('\n  ')}`] : []),
        ...(lesser.length > 0 ? [`moderate or minor findings (reported, not failing):\n  ${lesser.join('\n  ')}`] : []),
      ].join('\n'),
    );
    // Every section in this role's navigation was swept: a new section needs its line in `pages`.
    const covered = new Set(pages.flatMap((spec) => (spec.section ? [spec.section] : [])));
    expect(navigation.filter((label) => !covered.has(label))).toEqual([]);
    expect(failures).toEqual([]);
  });

  it("finds no serious or critical violation at a phone's width (390 × 844), in both themes", async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await page.setViewportSize({ width: 390, height: 844 });
    await injectAxe(page.context());
    const failures: string[] = [];
    const links = new Map<string, string>();
    for (const spec of pages.filter((candidate) => narrowPages.includes(candidate.name))) {
      const target = spec.path ?? (spec.from && links.get(`${spec.from.page} ${spec.from.link}`));
      if (target === undefined) throw new Error(`${spec.name}: no link to it at a phone's width`);
      await page.goto(`${journey.server.baseUrl}${target}`);
      await waitForContent(page);
      for (const theme of ['light', 'dark'] as const) {
        // The header's theme control may sit in the collapsed menu here: the theme is set as the control sets it.
        await page.evaluate((scheme) => document.documentElement.setAttribute('data-mantine-color-scheme', scheme), theme);
        await page.waitForTimeout(200);
        const { failing } = await checkAccessibility(page);
        failures.push(...describeViolations(`${spec.name} (${target}, ${theme}, 390 px)`, failing));
        await page.screenshot({ path: path.join(screenshotsDir, `narrow-${spec.name}-${theme}.png`), fullPage: true });
      }
      await rememberLinksFrom(page, spec, links);
    }
    await page.context().close();
    expect(failures).toEqual([]);
  });
});

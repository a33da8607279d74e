import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir, signInAs, useBrowserJourney } from './support/browser.js';

const CHART_CARDS = [
  'Model versions in use by developer country',
  'Model versions in use by effective origin',
  'Model versions in use by license class',
  'Model versions in use by hosting mode',
  'Model versions in use by risk tier',
  'Approval requests by state',
  'Requests waiting for a decision, by age',
  'Approvals expiring',
  'Open policy violations',
  'Policy exceptions',
  'CI gate decisions per day',
];

describe('the overview dashboard in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  /** The "N versions" beside the inventory list's heading, once the filtered list has replaced any earlier one. */
  async function inventoryTotal(page: Page): Promise<number> {
    const text = (await page.getByTestId('total-count').textContent()) ?? '';
    const match = /(\d+) versions?/.exec(text);
    if (!match) throw new Error(`no total count in "${text}"`);
    return Number(match[1]);
  }

  it('shows a compliance officer every chart with its figures as a table, and a chart leads to the filtered inventory behind it', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await page.goto(`${journey.server.baseUrl}/`);
    const dashboard = page.getByTestId('dashboard');
    await dashboard.waitFor();

    for (const title of ['Model versions in use', 'Approvals', 'Policies and the CI gate']) {
      await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
    }
    // Every card: a title, a drawn chart (an SVG from the chart library) and a table alternative behind a disclosure.
    for (const title of CHART_CARDS) {
      const card = page.getByRole('region', { name: title, exact: true });
      await card.waitFor();
      await card.locator('.recharts-surface').first().waitFor();
      await card.getByText(`Show as table: ${title}`).click();
      const table = card.getByRole('table', { name: title });
      await table.waitFor();
      expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    }

    // The demo deploys Qwen and DeepSeek (both from China) and GPT-4o (from the US).
    const inUse = Number(await page.getByTestId('figure-versionsInUse').locator('p').first().textContent());
    expect(inUse).toBeGreaterThanOrEqual(3);
    const byCountry = page.getByRole('region', { name: 'Model versions in use by developer country', exact: true });
    const chinaRow = byCountry.getByRole('table').getByRole('row').filter({ hasText: 'China (CN)' });
    const chinaCount = Number(await chinaRow.getByRole('cell').last().textContent());
    expect(chinaCount).toBeGreaterThanOrEqual(2);
    // The figures are also in words, not in the chart alone.
    await expect(byCountry.textContent()).resolves.toContain(`China (CN) ${chinaCount}`);
    // From the top, so the fixed header is not drawn over the middle of the full-page image.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifactsDir, 'dashboard-compliance-officer.png'), fullPage: true });

    // The largest bar (China) opens the inventory filtered to it: the same versions the bar counts.
    await byCountry.locator('.recharts-bar-rectangle path').first().click();
    await page.waitForURL(/\/inventory\?/);
    const url = new URL(page.url());
    expect(JSON.parse(url.searchParams.get('developerCountries') ?? '[]')).toEqual(['CN']);
    await page
      .getByTestId('total-count')
      .filter({ hasText: `${chinaCount} version` })
      .waitFor();
    expect(await inventoryTotal(page)).toBe(chinaCount);

    // The table's link leads to the same list, for people who do not use a pointer.
    await page.goBack();
    const country = page.getByRole('region', { name: 'Model versions in use by developer country', exact: true });
    await country.getByText('Show as table: Model versions in use by developer country').click();
    await country.getByRole('table').getByRole('link', { name: 'China (CN)' }).click();
    await page.waitForURL(/\/inventory\?/);
    expect(JSON.parse(new URL(page.url()).searchParams.get('developerCountries') ?? '[]')).toEqual(['CN']);
    await page
      .getByTestId('total-count')
      .filter({ hasText: `${chinaCount} version` })
      .waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  makeDataDir,
  startProductionServer,
  stopAllServers,
  type ProductionServer,
} from './support/production-server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifactsDir = path.join(import.meta.dirname, 'artifacts');

describe('inventory in headless Chromium against the production build', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: ProductionServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    }
    await mkdir(artifactsDir, { recursive: true });
    data = await makeDataDir();
    server = await startProductionServer(data.dir);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stopAllServers();
    await data?.remove();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('session').waitFor();
  }

  /** The "N versions" beside the list heading. */
  async function totalCount(page: Page): Promise<number> {
    const text = (await page.getByTestId('total-count').textContent()) ?? '';
    const match = /(\d+) versions?/.exec(text);
    if (!match) throw new Error(`no total count in "${text}"`);
    return Number(match[1]);
  }

  /** Picks an option of a Mantine select by its label, as a person would: open, then click. */
  async function choose(scope: Locator, page: Page, label: string, option: string | RegExp) {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option }).first().click();
  }

  /** Waits until the locator's text is `expected` (a list may first show cached rows, then refresh). */
  async function waitForText(locator: Locator, expected: string, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    let text: string | null = null;
    while (Date.now() < until) {
      text = await locator.textContent();
      if (text === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected "${expected}", still "${text}"`);
  }

  const developerCountryCells = (table: Locator) => table.locator('tbody tr[data-index] td:nth-child(3)');

  it('lets an engineer filter by developer country, open a version and register a deployment for it', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const suffix = Date.now().toString(36);
    const application = `Fraud triage assistant ${suffix}`;
    const hostingTargetName = `Browser journey cluster ${suffix}`;

    await signIn(page, 'engineer@demo.modelgate.local');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
    const table = page.getByTestId('model-versions');
    await table.waitFor();
    const everyVersion = await totalCount(page);
    // The demo seed loads the curated catalog (81 versions from 16 providers).
    expect(everyVersion).toBeGreaterThanOrEqual(50);

    // Filter by the facet; the filter lands in the URL and only versions developed in China remain.
    await page
      .getByRole('group', { name: 'Developer country', exact: true })
      .getByRole('checkbox', { name: /^China \(CN\)/ })
      .check();
    await page.waitForURL(/developerCountries=/);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="model-versions"] tbody tr[data-index] td:nth-child(3)')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === 'China (CN)');
    });
    const chineseVersions = await totalCount(page);
    expect(chineseVersions).toBeGreaterThan(0);
    expect(chineseVersions).toBeLessThan(everyVersion);
    expect(new Set(await developerCountryCells(table).allTextContents())).toEqual(new Set(['China (CN)']));
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-list-china.png') });

    // Narrow to one version with the search box; the country filter stays.
    await page.getByRole('textbox', { name: 'Search', exact: true }).fill('Qwen2.5-7B-Instruct');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/search=Qwen2\.5-7B-Instruct/);
    const versionLink = table.getByRole('link', { name: 'Qwen2.5-7B-Instruct', exact: true });
    await versionLink.waitFor();
    const versionRow = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Qwen2.5-7B-Instruct', exact: true }) });
    const deploymentsBefore = Number(await versionRow.locator('td').nth(6).textContent());

    await versionLink.click();
    await page.getByRole('heading', { level: 2, name: 'Qwen2.5-7B-Instruct' }).waitFor();
    await page.getByRole('heading', { name: 'Lineage', exact: true }).waitFor();
    await expect(page.getByRole('table', { name: 'Facts' }).textContent()).resolves.toContain('China (CN)');

    // Register a deployment through the form, with a hosting target created on the way.
    await page.getByRole('button', { name: 'Register deployment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register deployment' });
    const form = dialog.getByRole('form', { name: 'Register deployment' });
    await expect(form.getByRole('combobox', { name: 'Model version', exact: true }).inputValue()).resolves.toBe(
      'Qwen2.5-7B-Instruct',
    );
    await form.getByRole('button', { name: 'Register deployment' }).click();
    await form.getByText('must not be empty').first().waitFor(); // inline validation with the shared schema

    await form.getByRole('textbox', { name: 'Application' }).fill(application);
    await choose(form, page, 'Environment', 'Production');
    await choose(form, page, 'Data classification', 'Confidential');
    await form.getByRole('button', { name: 'New hosting target' }).click();
    const newTarget = form.getByRole('group', { name: 'New hosting target' });
    await newTarget.getByRole('textbox', { name: 'Hosting target name' }).fill(hostingTargetName);
    await choose(newTarget, page, 'Hosting mode', 'On premises');
    await newTarget.getByRole('textbox', { name: 'Operator' }).fill('Northwind IT');
    await newTarget.getByRole('combobox', { name: 'Processing country', exact: true }).fill('Germany');
    await page.getByRole('option', { name: 'Germany (DE)' }).click();
    await newTarget.getByRole('button', { name: 'Add hosting target' }).click();
    await newTarget.waitFor({ state: 'detached' });
    await expect(form.getByRole('combobox', { name: 'Hosting target', exact: true }).inputValue()).resolves.toContain(
      hostingTargetName,
    );
    await form.getByRole('checkbox', { name: 'Processes personal data' }).check();
    await form.getByRole('textbox', { name: 'Purpose' }).fill('Summarises flagged card transactions for fraud analysts.');
    await choose(form, page, 'EU AI Act category', 'Minimal risk');
    await form.getByRole('button', { name: 'Register deployment' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The deployment is listed on the version page, with the new hosting target.
    const deploymentRow = page.getByTestId('deployments').getByRole('row').filter({ hasText: application });
    await deploymentRow.waitFor();
    await expect(deploymentRow.textContent()).resolves.toContain(hostingTargetName);
    await expect(deploymentRow.textContent()).resolves.toContain('Payments Platform');
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-version-deployed.png'), fullPage: true });

    // And counted on the list.
    await page.getByRole('link', { name: '← All model versions' }).click();
    await page.getByRole('textbox', { name: 'Search', exact: true }).fill('Qwen2.5-7B-Instruct');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const listedRow = page
      .getByTestId('model-versions')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Qwen2.5-7B-Instruct', exact: true }) });
    await listedRow.waitFor();
    await waitForText(listedRow.locator('td').nth(6), String(deploymentsBefore + 1));
    expect(problems).toEqual([]);
    await page.close();
  });
  it('shows providers with their versions, and re-imports an exported file without changing anything', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await signIn(page, 'compliance@demo.modelgate.local');
    await page.goto(`${server.baseUrl}/inventory/providers`);
    const providers = page.getByRole('table', { name: 'Providers' });
    await providers.waitFor();
    await providers.getByRole('link', { name: 'DeepSeek', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'DeepSeek' }).waitFor();
    await expect(page.getByRole('table', { name: 'Provider facts' }).textContent()).resolves.toContain('China (CN)');
    const providerCells = page.getByTestId('model-versions').locator('tbody tr[data-index] td:nth-child(2)');
    await providerCells.first().waitFor();
    expect(new Set(await providerCells.allTextContents())).toEqual(new Set(['DeepSeek']));

    // Export the inventory as CSV through the list's button, then import that very file.
    await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Model versions' }).click();
    await page.getByTestId('model-versions').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const exportedFile = path.join(data.dir, download.suggestedFilename());
    await download.saveAs(exportedFile);

    await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Import' }).click();
    await page.getByText('Format: docs/inventory-import.md in the repository').waitFor();
    await page.locator('input[type="file"]').setInputFiles(exportedFile);
    await expect(page.getByTestId('chosen-file').textContent()).resolves.toContain(download.suggestedFilename());
    await page.getByText('Every row is valid', { exact: true }).waitFor();
    const counts = page.getByTestId('import-counts');
    await expect(counts.textContent()).resolves.toMatch(/Versions created0Versions updated0/);
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-import.png') });
    await page.getByRole('link', { name: 'Back to the model versions' }).click();
    await page.getByTestId('model-versions').waitFor();
    await page.close();
  });
  it('lets compliance register a model version with inline validation, then retire it after confirming', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const versionName = `Browser-Journey-${Date.now().toString(36)}`;
    await signIn(page, 'compliance@demo.modelgate.local');
    await page.goto(`${server.baseUrl}/inventory`);
    await page.getByRole('link', { name: 'Register model version' }).click();
    const form = page.getByRole('form', { name: 'Register model version' });
    await form.getByRole('button', { name: 'Register model version' }).click();
    await form.getByText('must not be empty').first().waitFor();

    await choose(form, page, 'Provider', 'DeepSeek');
    // The developer country follows the provider's headquarters unless someone sets it.
    await expect(form.getByRole('combobox', { name: 'Developer country', exact: true }).inputValue()).resolves.toBe('China (CN)');
    await form.getByRole('textbox', { name: 'Family', exact: true }).fill('Browser journey');
    await form.getByRole('textbox', { name: 'Version name', exact: true }).fill(versionName);
    await form.getByRole('textbox', { name: 'Supplier', exact: true }).fill('Vendor API');
    await choose(form, page, 'Distribution', 'API only');
    await form.getByRole('textbox', { name: 'Declared license', exact: true }).fill('not a license');
    await form.getByRole('button', { name: 'Register model version' }).click();
    await form.getByText(/must be a valid SPDX expression/).waitFor();
    await form.getByRole('textbox', { name: 'Declared license', exact: true }).fill('MIT');
    await form.getByRole('button', { name: 'Register model version' }).click();
    await page.getByRole('heading', { level: 2, name: versionName }).waitFor();

    await page.getByRole('button', { name: 'Retire', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Retire/ });
    await dialog.getByRole('button', { name: 'Retire version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Retired \d{4}-\d{2}-\d{2}/).waitFor();
    await page.close();
  });
});

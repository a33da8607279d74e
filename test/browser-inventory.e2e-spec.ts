import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactsDir, choose, launchChromium } from './support/browser.js';
import {
  DEMO_PASSWORD,
  makeDataDir,
  startProductionServer,
  stopAllServers,
  type ProductionServer,
} from './support/production-server.js';

describe('inventory in headless Chromium against the production build', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: ProductionServer;
  let browser: Browser;

  beforeAll(async () => {
    data = await makeDataDir();
    server = await startProductionServer(data.dir);
    browser = await launchChromium();
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

  /** Adds an option to a Mantine multi-select by its label, then closes its list. */
  async function pickMany(page: Page, label: string, option: string) {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.keyboard.press('Escape');
  }

  /** Waits until an input's value is `expected` (a form may be re-created from a reloaded record). */
  async function waitForValue(locator: Locator, expected: string, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    let value: string | null = null;
    while (Date.now() < until) {
      value = await locator.inputValue();
      if (value === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected value "${expected}", still "${value}"`);
  }

  /** Another person's change to a deployment, made through the API in their own session. */
  async function reclassifyAsCompliance(application: string, dataClassification: string) {
    const other = await browser.newPage();
    await signIn(other, 'compliance@demo.modelgate.local');
    const result = await other.evaluate(
      async ({ application, dataClassification }) => {
        const call = async (query: string, variables: object, csrfToken?: string) => {
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
        };
        const read = await call(
          `query ($search: String) { viewer { csrfToken }
             deployments(filter: { search: $search }) { edges { node {
               id version teamId: team { id } application environment hostingTarget { id } modelVersion { id }
               personalData purpose euAiActCategory } } } }`,
          { search: application },
        );
        type Node = {
          id: string;
          version: number;
          teamId: { id: string };
          application: string;
          environment: string;
          hostingTarget: { id: string };
          modelVersion: { id: string };
          personalData: boolean;
          purpose: string;
          euAiActCategory: string;
        };
        const data = read.data as { viewer: { csrfToken: string }; deployments: { edges: { node: Node }[] } };
        const node = data.deployments.edges[0]!.node;
        return call(
          'mutation ($input: UpdateDeploymentInput!) { updateDeployment(input: $input) { id version } }',
          {
            input: {
              id: node.id,
              expectedVersion: node.version,
              teamId: node.teamId.id,
              application: node.application,
              environment: node.environment,
              hostingTargetId: node.hostingTarget.id,
              modelVersionId: node.modelVersion.id,
              dataClassification,
              personalData: node.personalData,
              purpose: node.purpose,
              euAiActCategory: node.euAiActCategory,
            },
          },
          data.viewer.csrfToken,
        );
      },
      { application, dataClassification },
    );
    expect(result.errors).toBeUndefined();
    await other.close();
  }

  const developerCountryCells = (table: Locator) => table.locator('tbody tr[data-index] td:nth-child(3)');

  it('lets an engineer filter by developer country, register a deployment for a version, then edit, trace and retire it', async () => {
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
    await page
      .getByRole('search', { name: 'Search model versions' })
      .getByRole('button', { name: 'Search', exact: true })
      .click();
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
    await page
      .getByRole('search', { name: 'Search model versions' })
      .getByRole('button', { name: 'Search', exact: true })
      .click();
    const listedRow = page
      .getByTestId('model-versions')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Qwen2.5-7B-Instruct', exact: true }) });
    await listedRow.waitFor();
    await waitForText(listedRow.locator('td').nth(6), String(deploymentsBefore + 1));

    // The Deployments page: filter by the environment, which lands in the URL, and find the new deployment.
    await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Deployments' }).click();
    const deployments = page.getByRole('table', { name: 'Deployments' });
    await deployments.waitFor();
    await pickMany(page, 'Environment', 'Production');
    await page.waitForURL(/environments=/);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="deployments"] tbody tr td:nth-child(4)')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === 'Production');
    });
    const listedDeployment = deployments.getByRole('row').filter({ hasText: application });
    await listedDeployment.waitFor();
    await expect(listedDeployment.getByRole('link', { name: 'Qwen2.5-7B-Instruct' }).count()).resolves.toBe(1);
    // Someone else's team's deployment is listed, but offers this engineer no changes.
    const otherTeams = deployments.getByRole('row').filter({ hasText: 'Support reply assistant' });
    await otherTeams.waitFor();
    await expect(otherTeams.getByRole('button', { name: /^Actions for/ }).count()).resolves.toBe(0);

    // Edit its purpose: inline validation first.
    const newPurpose = `Ranks flagged card transactions for fraud analysts (${suffix}).`;
    await listedDeployment.getByRole('button', { name: `Actions for ${application}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const editDialog = page.getByRole('dialog', { name: `Edit ${application}` });
    const editForm = editDialog.getByRole('form', { name: 'Edit deployment' });
    const purpose = editForm.getByRole('textbox', { name: 'Purpose' });
    await expect(purpose.inputValue()).resolves.toBe('Summarises flagged card transactions for fraud analysts.');
    await purpose.fill('');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await editForm.getByText('must not be empty').waitFor();

    // Meanwhile compliance reclassifies its data: saving now reports the conflict instead of overwriting it.
    await reclassifyAsCompliance(application, 'INTERNAL');
    await purpose.fill(newPurpose);
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    const conflict = editForm.getByRole('alert');
    await conflict.getByText('Someone changed this deployment since you opened it — reload to see their change').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-deployment-conflict.png') });
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await waitForValue(editForm.getByRole('combobox', { name: 'Data classification', exact: true }), 'Internal');
    await expect(purpose.inputValue()).resolves.toBe('Summarises flagged card transactions for fraud analysts.');

    // Edited again from the current record, the change is saved and shows in the row.
    await purpose.fill(newPurpose);
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await editDialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Deployment saved').waitFor();
    await listedDeployment.getByText(newPurpose).waitFor();
    await expect(listedDeployment.textContent()).resolves.toContain('Internal');

    // Its history names the change: who, through which channel, and the purpose before and after.
    await listedDeployment.getByRole('button', { name: `History of ${application}` }).click();
    const historyDialog = page.getByRole('dialog', { name: `History of ${application}` });
    const history = historyDialog.getByRole('table', { name: `History of ${application}` });
    const update = history.getByRole('row').filter({ hasText: 'Updated' }).filter({ hasText: 'purpose' });
    await update.waitFor();
    const updateText = (await update.textContent()) ?? '';
    expect(updateText).toContain('engineer@demo.modelgate.local');
    expect(updateText).toContain('Admin app');
    expect(updateText).toContain('purpose');
    expect(updateText).toContain(`Summarises flagged card transactions for fraud analysts. → ${newPurpose}`);
    await expect(history.getByRole('row').filter({ hasText: 'Registered' }).count()).resolves.toBe(1);
    const reclassified =
      (await history.getByRole('row').filter({ hasText: 'Updated' }).filter({ hasText: 'dataClassification' }).textContent()) ??
      '';
    expect(reclassified).toContain('compliance@demo.modelgate.local');
    expect(reclassified).toContain('CONFIDENTIAL → INTERNAL');
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-deployment-history.png') });
    await page.keyboard.press('Escape');
    await historyDialog.waitFor({ state: 'detached' });

    // Retire it after confirming; it stays listed, marked retired, with nothing left to change.
    await listedDeployment.getByRole('button', { name: `Actions for ${application}` }).click();
    await page.getByRole('menuitem', { name: 'Retire' }).click();
    const retireDialog = page.getByRole('dialog', { name: `Retire ${application}?` });
    await retireDialog.getByRole('button', { name: 'Retire deployment' }).click();
    await retireDialog.waitFor({ state: 'detached' });
    await waitForText(listedDeployment.locator('td').nth(8).locator('p').first(), 'Retired');
    await expect(listedDeployment.getByRole('button', { name: `Actions for ${application}` }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-deployments.png'), fullPage: true });

    // The version page shows the same, and the version's own history.
    await listedDeployment.getByRole('link', { name: 'Qwen2.5-7B-Instruct' }).click();
    await page.getByRole('heading', { level: 2, name: 'Qwen2.5-7B-Instruct' }).waitFor();
    // (It may first show the page as cached before the change, then refresh.)
    await page
      .getByTestId('deployments')
      .getByRole('row')
      .filter({ hasText: application })
      .filter({ hasText: newPurpose })
      .filter({ hasText: 'Retired' })
      .waitFor();
    const versionHistory = page.getByRole('table', { name: 'History', exact: true });
    await versionHistory.getByRole('row').filter({ hasText: 'Registered' }).first().waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-version-history.png'), fullPage: true });

    // From the version, its deployments on the Deployments page: the version filter comes with the URL, by name.
    await page.getByRole('link', { name: 'Find these on the Deployments page' }).click();
    await page.waitForURL(/modelVersionIds=/);
    await waitForValue(page.getByRole('combobox', { name: 'Model version', exact: true }), 'Qwen2.5-7B-Instruct');
    await deployments.getByRole('row').filter({ hasText: application }).waitFor();
    expect(new Set(await deployments.locator('tbody tr td:first-child a').allTextContents())).toEqual(
      new Set(['Qwen2.5-7B-Instruct']),
    );
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
    // The provider's own history: the catalog registered it.
    await page
      .getByRole('table', { name: 'History', exact: true })
      .getByRole('row')
      .filter({ hasText: 'Registered' })
      .filter({ hasText: 'System' })
      .waitFor();

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
    // The date is shown as the reader's locale writes it (with the instant on hover).
    await page.getByText(/^Retired \S.*\d{4}/).waitFor();
    await page.close();
  });
  it('lets compliance add a hosting target, refuses to retire one an active deployment uses, and retires the unused one', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const name = `Browser journey sandbox ${Date.now().toString(36)}`;
    await signIn(page, 'compliance@demo.modelgate.local');
    await page.goto(`${server.baseUrl}/inventory`);
    await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Hosting' }).click();
    const targets = page.getByRole('table', { name: 'Hosting targets' });
    await targets.getByRole('row').filter({ hasText: 'Azure OpenAI (Sweden Central)' }).waitFor();

    // A new hosting target, validated with the shared schema.
    await page.getByRole('button', { name: 'New hosting target' }).click();
    const form = page.getByRole('group', { name: 'New hosting target' });
    await form.getByRole('button', { name: 'Add hosting target' }).click();
    await form.getByText('must not be empty').first().waitFor();
    await form.getByRole('textbox', { name: 'Hosting target name' }).fill(name);
    await choose(form, page, 'Hosting mode', 'Private cloud');
    await form.getByRole('textbox', { name: 'Operator' }).fill('Northwind IT');
    await form.getByRole('combobox', { name: 'Processing country', exact: true }).fill('Ireland');
    await page.getByRole('option', { name: 'Ireland (IE)' }).click();
    await form.getByRole('button', { name: 'Add hosting target' }).click();
    await form.waitFor({ state: 'detached' });
    const created = targets.getByRole('row').filter({ hasText: name });
    await created.waitFor();
    await expect(created.textContent()).resolves.toContain('Ireland (IE)');

    // Edit it: the change is saved against the version that was opened.
    await created.getByRole('button', { name: `Edit ${name}` }).click();
    const editDialog = page.getByRole('dialog', { name: `Edit ${name}` });
    await editDialog.getByRole('textbox', { name: 'Region' }).fill('eu-west-1');
    await editDialog.getByRole('button', { name: 'Save changes' }).click();
    await editDialog.waitFor({ state: 'detached' });
    await created.getByText('eu-west-1').waitFor();

    // A target an active demo deployment runs on cannot be retired, and the dialog says why.
    const azure = targets.getByRole('row').filter({ hasText: 'Azure OpenAI (Sweden Central)' });
    await azure.getByRole('button', { name: 'Retire Azure OpenAI (Sweden Central)' }).click();
    const refused = page.getByRole('dialog', { name: 'Retire Azure OpenAI (Sweden Central)?' });
    await refused.getByRole('button', { name: 'Retire hosting target' }).click();
    const why = refused.getByRole('alert');
    await why.waitFor();
    await expect(why.textContent()).resolves.toMatch(/1 active deployment.*move or retire those first/);
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-hosting-retire-refused.png') });
    await refused.getByRole('button', { name: 'Cancel' }).click();
    await refused.waitFor({ state: 'detached' });
    await expect(azure.textContent()).resolves.toContain('Active');

    // The new, unused one is retired: it leaves the list, and shows as retired with the retired ones.
    await created.getByRole('button', { name: `Retire ${name}` }).click();
    const retire = page.getByRole('dialog', { name: `Retire ${name}?` });
    await retire.getByRole('button', { name: 'Retire hosting target' }).click();
    await retire.waitFor({ state: 'detached' });
    await created.waitFor({ state: 'detached' });
    await page.getByRole('switch', { name: 'Show retired' }).check();
    // The day it was retired, in the reader's locale, with the instant it stands for in its <time> element.
    await created.filter({ hasText: 'Retired' }).waitFor();
    await expect(created.locator('time').first().getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-hosting.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets an engineer paste a sha256sum listing for a version with open weights, fix the line it cannot read, and attach the files', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const suffix = Date.now().toString(36);
    const first = { path: 'model-00001-of-00002.safetensors', sha256: sha256(`first shard ${suffix}`) };
    const second = { path: 'model-00002-of-00002.safetensors', sha256: sha256(`second shard ${suffix}`) };
    // What the version's checksum becomes: the SHA-256 of the sha256sum lines sorted by path.
    const digest = sha256(`${first.sha256}  ${first.path}\n${second.sha256}  ${second.path}\n`);

    await signIn(page, 'engineer@demo.modelgate.local');
    await page.goto(`${server.baseUrl}/inventory?search=Llama-3.1-8B-Instruct`);
    // The family name does not begin the version name, so the title is both.
    const title = 'Llama 3.1 Llama-3.1-8B-Instruct';
    await page.getByTestId('model-versions').getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    const versionId = /\/inventory\/versions\/([^/?#]+)/.exec(page.url())?.[1];
    expect(versionId).toBeDefined();

    // No files yet: the section says how to attach them with the CLI, with the version's key filled in.
    const weights = page.getByRole('region', { name: 'Weights', exact: true });
    await expect(weights.getByTestId('weights-command').textContent()).resolves.toContain(
      'modelgate weights attach path/to/weights --model llama-3.1-8b-instruct',
    );
    await weights.screenshot({ path: path.join(artifactsDir, 'inventory-weights-empty.png') });

    // Paste a listing whose second line lost part of its checksum: it is named by line, tied to the text box.
    await weights.getByRole('button', { name: 'Attach checksums' }).click();
    const dialog = page.getByRole('dialog', { name: `Attach weights checksums to ${title}` });
    const listing = dialog.getByRole('textbox', { name: 'sha256sum output' });
    await listing.fill(`${first.sha256}  ./${first.path}\n${second.sha256.slice(0, 40)}  ${second.path}\n`);
    const preview = dialog.getByRole('table', { name: 'Weight files to save' });
    await expect(preview.locator('tbody tr').allTextContents()).resolves.toEqual([`${first.path}${first.sha256}`]);
    const description = () =>
      listing.evaluate((element) =>
        (element.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    await expect(description()).resolves.toContain('Line 2 is not a checksum line');
    await expect(listing.getAttribute('aria-invalid')).resolves.toBe('true');
    // The version holds an approval given for the weights it has now; the dialog says it stops covering it.
    const warning = dialog.getByRole('alert').filter({ hasText: 'Approvals given for other weights stop covering this version' });
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/AR-\d+ \(approved/);
    // Saving with a line it cannot read saves nothing.
    await dialog.getByRole('button', { name: 'Save checksums' }).click();
    await expect(description()).resolves.toContain('has lines that cannot be read');
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-weights-problem.png') });

    // Corrected (in binary-mode form, `*path`), both files are read and the checksum they will give is shown.
    await listing.fill(`${first.sha256}  ./${first.path}\n${second.sha256} *${second.path}\n`);
    await dialog.getByTestId('weights-preview-checksum').getByText(digest).waitFor();
    await expect(preview.locator('tbody tr').allTextContents()).resolves.toEqual([
      `${first.path}${first.sha256}`,
      `${second.path}${second.sha256}`,
    ]);
    await expect(listing.getAttribute('aria-invalid')).resolves.toBeNull();
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-weights-dialog.png') });
    await dialog.getByRole('button', { name: 'Save checksums' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Weights checksums attached').waitFor();

    // The page shows both files and the new checksum.
    const files = weights.getByRole('table', { name: 'Weight files' });
    await files.getByRole('row').filter({ hasText: second.path }).waitFor();
    await expect(files.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual([first.path, second.path]);
    await expect(files.textContent()).resolves.toContain(second.sha256);
    await expect(weights.getByTestId('weights-checksum').textContent()).resolves.toContain(digest);
    await page
      .getByRole('table', { name: 'History', exact: true })
      .getByRole('row')
      .filter({ hasText: 'Weights attached' })
      .filter({ hasText: 'engineer@demo.modelgate.local' })
      .waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'inventory-weights.png'), fullPage: true });

    // The API has the same: the files, the digest, and the approval no longer covering the new weights.
    const result = await page.evaluate(async (id) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($id: ID!) { modelVersion(id: $id) {
            weightsSha256 weightFiles { path sha256 sizeBytes } approvalRequests { state coversCurrentWeights } } }`,
          variables: { id },
        }),
      });
      return (await response.json()) as {
        data?: {
          modelVersion: {
            weightsSha256: string | null;
            weightFiles: { path: string; sha256: string; sizeBytes: number | null }[];
            approvalRequests: { state: string; coversCurrentWeights: boolean }[];
          };
        };
        errors?: unknown[];
      };
    }, versionId!);
    expect(result.errors).toBeUndefined();
    const version = result.data!.modelVersion;
    expect(version.weightsSha256).toBe(digest);
    expect(version.weightFiles).toEqual([
      { path: first.path, sha256: first.sha256, sizeBytes: null },
      { path: second.path, sha256: second.sha256, sizeBytes: null },
    ]);
    expect(version.approvalRequests.filter((request) => request.state === 'APPROVED')).toEqual([
      { state: 'APPROVED', coversCurrentWeights: false },
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts the list on the server by its headers (old sort links too), keeps long names in their column at 1280 and 1024 px, and exports the whole view as CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signIn(page, 'compliance@demo.modelgate.local');
    const suffix = Date.now().toString(36);
    const family = `Wide family ${suffix}`;
    // More versions than one page of the list (100), so the CSV has to read the rest of the view.
    const count = 105;
    const longName = `Wide-${suffix}-v000-Extremely-Long-Model-Version-Name-Without-Any-Spaces-Instruct-GGUF-Q4_K_M-imatrix`;
    const names = [
      longName,
      ...Array.from({ length: count - 1 }, (_, index) => `Wide-${suffix}-v${String(index + 1).padStart(3, '0')}`),
    ];
    const created = await page.evaluate(
      async ({ family, names }) => {
        const call = async (query: string, variables: object, csrfToken?: string) => {
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await response.json()) as {
            data?: Record<string, { id?: string; csrfToken?: string }>;
            errors?: unknown;
          };
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          return body.data;
        };
        const csrfToken = (await call('{ viewer { csrfToken } }', {})).viewer!.csrfToken!;
        const provider = await call(
          'mutation ($input: CreateProviderInput!) { createProvider(input: $input) { id } }',
          { input: { name: `${family} Labs`, legalEntity: `${family} Labs SAS`, headquartersCountry: 'FR', type: 'COMPANY' } },
          csrfToken,
        );
        for (const versionName of names) {
          await call(
            'mutation ($input: CreateModelVersionInput!) { createModelVersion(input: $input) { id } }',
            {
              input: {
                providerId: provider.createProvider!.id,
                familyName: family,
                versionName,
                developerCountry: 'FR',
                supplier: 'Wide Labs',
                distribution: 'API_ONLY',
                modalities: ['TEXT'],
                declaredLicense: 'Apache-2.0',
              },
            },
            csrfToken,
          );
        }
        return names.length;
      },
      { family, names },
    );
    expect(created).toBe(count);

    await page.goto(`${server.baseUrl}/inventory?search=${encodeURIComponent(family)}`);
    const table = page.getByTestId('model-versions');
    const firstName = table.locator('tbody tr[data-index] td:first-child a').first();
    await waitForText(firstName, `${family} ${longName}`);
    await expect(totalCount(page)).resolves.toBe(count);
    // The license column names the terms, not only the class.
    await expect(table.getByTestId('license-terms').first().textContent()).resolves.toBe(
      'Commercial use allowed · Attribution required',
    );

    // A long name wraps inside its column, whole on hover; no header or cell spills into the next one, at either width
    // (where the columns need more room than the screen has, the table scrolls sideways in its box).
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(firstName.getAttribute('title')).resolves.toBe(`${family} ${longName}`);
      const overflowing = await table.evaluate((element) =>
        [...element.querySelectorAll('thead th, tbody tr[data-index] td')].flatMap((cell) => {
          const box = cell.getBoundingClientRect();
          const spills = [...cell.querySelectorAll('*')].some((child) => child.getBoundingClientRect().right > box.right + 1);
          return cell.scrollWidth > cell.clientWidth + 1 || spills ? [cell.textContent ?? ''] : [];
        }),
      );
      expect({ width, overflowing }).toEqual({ width, overflowing: [] });
      await page.screenshot({ path: path.join(artifactsDir, `inventory-list-${width}.png`) });
    }

    // The header sorts on the server: the order lands in the URL as sort=<column>.<direction>.
    const nameHeader = page.getByRole('columnheader', { name: /^Model version/ });
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByRole('button', { name: 'Model version, sorted ascending' }).click();
    await page.waitForURL(/sort=name\.desc/);
    await waitForText(firstName, `${family} Wide-${suffix}-v104`);
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    // A link from before the headers sorted (sort=NAME&direction=DESC) keeps its order.
    await page.goto(`${server.baseUrl}/inventory?search=${encodeURIComponent(family)}&sort=NAME&direction=DESC`);
    await waitForText(firstName, `${family} Wide-${suffix}-v104`);
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('descending');

    // The CSV of the view holds every row of it, not only the 100 loaded, in the order shown.
    await page.getByText(`Showing 100 of ${count} rows`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV of this view' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^model-versions-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvFile = path.join(data.dir, download.suggestedFilename());
    await download.saveAs(csvFile);
    const lines = (await readFile(csvFile, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Model version,Provider,Developer country,Effective origin,Distribution,License,Deployments');
    expect(lines).toHaveLength(count + 1);
    expect(lines[1]).toMatch(new RegExp(`^${family} Wide-${suffix}-v104,`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${family} ${longName},`));
    expect(problems).toEqual([]);
    await page.close();
  });
});

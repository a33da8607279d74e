import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeDataDir, startProductionServer, stopAllServers, type ProductionServer } from './support/production-server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifactsDir = path.join(import.meta.dirname, 'artifacts');

describe('admin app in headless Chromium against the production build', () => {
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

  it('loads / and renders live data from the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));

    const response = await page.goto(`${server.baseUrl}/`);
    // The app must run under the API's Content-Security-Policy: a violation is a console error below.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByTestId('organization-name').textContent()).resolves.toBe('Northwind Financial (demo)');
    await expect(page.getByTestId('server-version').textContent()).resolves.toMatch(/^\d+\.\d+\.\d+/);
    await expect(page.getByTestId('database-status').textContent()).resolves.toContain('Reachable');
    await expect(page.getByTestId('migration-status').textContent()).resolves.toContain('Up to date');
    await page.screenshot({ path: path.join(artifactsDir, 'overview.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  const expectedNavigation: Record<string, string[]> = {
    'admin@demo.modelgate.local': ['Overview', 'Inventory', 'Audit', 'API tokens', 'Admin'],
    'compliance@demo.modelgate.local': [
      'Overview',
      'Inventory',
      'Approvals',
      'Policies',
      'Discovery',
      'Reports',
      'Audit',
      'API tokens',
    ],
    'reviewer@demo.modelgate.local': ['Overview', 'Inventory', 'Approvals', 'Policies', 'Discovery', 'API tokens'],
    'engineer@demo.modelgate.local': ['Overview', 'Inventory', 'Approvals', 'Policies', 'Discovery', 'API tokens'],
    'auditor@demo.modelgate.local': [
      'Overview',
      'Inventory',
      'Approvals',
      'Policies',
      'Discovery',
      'Reports',
      'Audit',
      'API tokens',
    ],
  };

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill('modelgate-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('session').waitFor();
  }

  const navigationLabels = (page: Page) =>
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents();

  it('shows an anonymous visitor only the overview, and sends deep links to sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('organization-name').waitFor();
    expect(await navigationLabels(page)).toEqual(['Overview']);
    const response = await page.goto(`${server.baseUrl}/audit`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.close();
  });

  it.each(Object.entries(expectedNavigation))("signs in as %s and sees that role's navigation", async (email, labels) => {
    const page = await browser.newPage();
    await signIn(page, email);
    await expect(navigationLabels(page)).resolves.toEqual(labels);
    for (const label of labels.slice(1)) {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await navigationLabels(page)).toEqual(['Overview']);
    await page.close();
  });

  it('tells a wrong password apart from a malformed e-mail, without signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill('not-an-email');
    await page.getByRole('textbox', { name: 'Password' }).fill('x');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('E-mail must be an e-mail address').waitFor();
    await page.getByRole('textbox', { name: 'E-mail' }).fill('auditor@demo.modelgate.local');
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    expect(await navigationLabels(page)).toEqual(['Overview']);
    await page.close();
  });

  it('lets an auditor explore the audit trail: verified chain, filters in the URL, details with the diff', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, 'auditor@demo.modelgate.local');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit', exact: true }).click();
    await expect(page.getByTestId('audit-verification').textContent()).resolves.toContain('intact');
    await page.getByTestId('audit-events').waitFor();

    await page.getByRole('textbox', { name: 'Action', exact: true }).fill('auth.sign_in_failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=auth\.sign_in_failed/);
    // The filtered page replaces the unfiltered one once its query resolves; wait for that, then read it.
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="audit-events"] tbody tr td:nth-child(4)')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === 'auth.sign_in_failed');
    });
    const actions = await page.getByTestId('audit-events').locator('tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['auth.sign_in_failed']));

    await page
      .getByRole('button', { name: /^Details of event/ })
      .first()
      .click();
    await page.getByTestId('audit-changes').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'audit-explorer.png') });

    // Sorting by sequence ascending is the server's order over the whole trail: the first row is the first event.
    await page.goto(`${server.baseUrl}/audit?sort=seq.asc`);
    const firstSeq = page
      .getByTestId('audit-events')
      .getByRole('button', { name: /^Details of event \d+$/ })
      .first();
    await expect(firstSeq.getAttribute('aria-label', { timeout: 30_000 })).resolves.toBe('Details of event 1');
    await page.close();
  });

  it('lets an engineer create an API token, see its secret once, find it by prefix and revoke it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, 'engineer@demo.modelgate.local');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'API tokens', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();

    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByRole('button', { name: 'Create token' }).click();
    await form.getByText('choose at least one scope').waitFor();

    await form.getByRole('textbox', { name: 'Name' }).fill('browser journey pipeline');
    await form.getByRole('checkbox', { name: 'deployments:write' }).check();
    await form.getByRole('button', { name: 'Create token' }).click();

    const dialog = page.getByRole('dialog', { name: /created/ });
    await dialog.getByText('You will not see this token again').waitFor();
    const secret = (await dialog.getByTestId('api-token-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^mgt_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'Copy token' }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'api-token-created.png') });
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('api-token-row').filter({ hasText: 'browser journey pipeline' });
    await expect(row.textContent()).resolves.toContain(secret.slice(0, 12));
    await expect(page.content()).resolves.not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('dialog', { name: /Revoke/ })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await row.getByText(/^Revoked/).waitFor();

    const response = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ systemStatus { __typename } }' }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.close();
  });

  it('lets an admin add a person with a role, then change their roles', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, 'admin@demo.modelgate.local');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByTestId('people').waitFor();
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'E-mail' }).fill('grace@demo.modelgate.local');
    await form.getByRole('textbox', { name: 'Name' }).fill('Grace Reviewer');
    await form.getByRole('combobox', { name: 'Roles' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Reviewer' }).click();
    await form.getByLabel('Initial password', { exact: true }).fill('short');
    await form.getByRole('button', { name: 'Add person' }).click();
    await form.getByText('must be at least 12 characters').waitFor(); // the server's field error, beside the field
    await form.getByLabel('Initial password', { exact: true }).fill('a long enough passphrase');
    await form.getByRole('button', { name: 'Add person' }).click();
    const row = page.getByTestId('people').getByRole('row').filter({ hasText: 'grace@demo.modelgate.local' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Reviewer');

    await page.getByRole('button', { name: 'Edit grace@demo.modelgate.local' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Roles' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Auditor' }).click();
    await dialog.getByRole('button', { name: 'Save' }).focus(); // leaves the open role list first
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Auditor').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'admin-people.png') });
    await page.close();
  });

  it('answers 404 for a missing asset instead of the app page', async () => {
    const response = await fetch(`${server.baseUrl}/assets/missing-file.js`);
    expect(response.status).toBe(404);
    // The compressed copies are served in place of their file, never under their own name.
    const page = await fetch(`${server.baseUrl}/`, { headers: { 'accept-encoding': 'identity' } }).then((r) => r.text());
    const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(page)?.[1];
    expect(entry).toMatch(/^\/assets\/.+\.js$/);
    expect((await fetch(`${server.baseUrl}${entry}.br`)).status).toBe(404);
  });

  it('serves the app compressed when the browser accepts it, and as is when it does not', async () => {
    const read = (url: string, acceptEncoding: string) =>
      fetch(`${server.baseUrl}${url}`, { headers: { 'accept-encoding': acceptEncoding } });
    const plainPage = await read('/', 'identity');
    expect(plainPage.headers.get('content-encoding')).toBeNull();
    const pageText = await plainPage.text();
    const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(pageText)?.[1] ?? '';
    const plainScript = await read(entry, 'identity');
    expect(plainScript.headers.get('content-encoding')).toBeNull();
    const scriptText = await plainScript.text();

    for (const encoding of ['br', 'gzip']) {
      const page = await read('/inventory', `${encoding}, deflate`); // a deep link gets the page too
      expect(page.headers.get('content-encoding')).toBe(encoding);
      expect(page.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      await expect(page.text()).resolves.toBe(pageText); // fetch decodes it

      const script = await read(entry, `${encoding}, deflate`);
      expect(script.headers.get('content-encoding')).toBe(encoding);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await expect(script.text()).resolves.toBe(scriptText);
    }
  });
});

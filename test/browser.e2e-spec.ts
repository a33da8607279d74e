import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

    await page.goto(`${server.baseUrl}/`);
    await expect(page.getByTestId('organization-name').textContent()).resolves.toBe('Northwind Financial (demo)');
    await expect(page.getByTestId('server-version').textContent()).resolves.toMatch(/^\d+\.\d+\.\d+/);
    await expect(page.getByTestId('database-status').textContent()).resolves.toContain('Reachable');
    await expect(page.getByTestId('migration-status').textContent()).resolves.toContain('Up to date');
    await page.screenshot({ path: path.join(artifactsDir, 'overview.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('serves deep links to every section from the same URL, and navigates between them', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.baseUrl}/approvals`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Approvals' }).isVisible()).resolves.toBe(true);

    for (const label of ['Inventory', 'Policies', 'Reports', 'Audit', 'Admin']) {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
    }
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('answers 404 for a missing asset instead of the app page', async () => {
    const response = await fetch(`${server.baseUrl}/assets/missing-file.js`);
    expect(response.status).toBe(404);
  });
});

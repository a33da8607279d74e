import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from '@jest/globals';
import { DEMO_PASSWORD, makeDataDir, startProductionServer, stopAllServers, type ProductionServer } from './production-server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots for people to look at. */
export const artifactsDir = path.join(import.meta.dirname, '..', 'artifacts');

/** Debian's Chromium, headless, with nothing that would reach the network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  await mkdir(artifactsDir, { recursive: true });
  return chromium.launch({
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
}

/** Signs a person in within a browser context of their own: their own session cookie, as on their own machine. */
export async function signInAs(browser: Browser, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('session').waitFor();
  return page;
}

/** Picks an option of a Mantine select by its label, as a person would: open, then click. */
export async function choose(scope: Locator, page: Page, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

export type BrowserJourney = {
  readonly server: ProductionServer;
  readonly browser: Browser;
  /** A scratch folder of this test file's own (the server's data lives below it); removed afterwards. */
  readonly dataDir: string;
};

/**
 * For one test file: the production build with demo data on a data folder of its own, and a headless
 * Chromium; both are started before the file's tests and stopped after them.
 */
export function useBrowserJourney(): BrowserJourney {
  let data: Awaited<ReturnType<typeof makeDataDir>> | undefined;
  let server: ProductionServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    data = await makeDataDir();
    server = await startProductionServer(data.dir);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stopAllServers();
    await data?.remove();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    get dataDir() {
      return started(data, 'the data folder').dir;
    },
  };
}

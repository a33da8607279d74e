import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkAccessibility, describeViolations, injectAxe } from './support/axe.js';
import { artifactsDir, signInAs, useBrowserJourney } from './support/browser.js';

/** The palette's search field, which holds focus while it is open. */
const paletteInput = (page: Page) => page.getByRole('combobox', { name: 'Search or go to' });
const paletteOptions = (page: Page) => page.getByRole('listbox', { name: 'Search results and destinations' }).getByRole('option');

/** Opens the palette with its shortcut and waits until its field has focus, ready for typing. */
async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog', { name: 'Search Modelgate' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
}

/** Waits until the palette has answered the query typed last (its status line no longer says "Searching…"). */
async function searched(page: Page): Promise<string> {
  const status = page.getByRole('dialog', { name: 'Search Modelgate' }).getByRole('status');
  const until = Date.now() + 20_000;
  let text = '';
  while (Date.now() < until) {
    text = ((await status.textContent()) ?? '').trim();
    if (/match/.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the palette never answered; its status says: ${text}`);
}

/** The option the keyboard has chosen: the one the input's aria-activedescendant points at. */
async function chosenOption(page: Page): Promise<string> {
  const id = await paletteInput(page).getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  const option = page.locator(`[id="${id}"]`);
  expect(await option.getAttribute('role')).toBe('option');
  expect(await option.getAttribute('aria-selected')).toBe('true');
  return ((await option.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('the command palette: Ctrl+K, global search, breadcrumbs and recent items', () => {
  const journey = useBrowserJourney();

  it('finds a model by part of its name from the keyboard, opens it with Enter, and remembers it', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    await injectAxe(page.context());
    await page.goto(`${journey.server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    // The header offers it too, named and with its shortcut.
    const button = page.getByRole('button', { name: 'Search', exact: true });
    expect(await button.getAttribute('aria-keyshortcuts')).toBe('Control+K Meta+K');

    await openPalette(page);
    const dialog = page.getByRole('dialog', { name: 'Search Modelgate' });
    // With nothing typed it offers the engineer's pages and actions, not those of other roles.
    const offered = await paletteOptions(page).allTextContents();
    expect(offered.some((text) => text.startsWith('Inventory'))).toBe(true);
    expect(offered.some((text) => text.startsWith('Register model version'))).toBe(true);
    expect(offered.some((text) => text.startsWith('Audit'))).toBe(false);
    expect(offered.some((text) => text.startsWith('Add a person'))).toBe(false);

    await page.keyboard.type('qwen2.5-7b-inst');
    expect(await searched(page)).toMatch(/match/);
    await dialog
      .getByRole('option', { name: /^Qwen2\.5-7B-Instruct/ })
      .first()
      .waitFor();
    // The best match is chosen, so Enter opens it; a screen reader hears it through aria-activedescendant.
    expect(await chosenOption(page)).toMatch(/^Qwen2\.5-7B-Instruct.*Model version$/);
    const { failing } = await checkAccessibility(page);
    expect(describeViolations('the open command palette', failing)).toEqual([]);
    await page.screenshot({ path: path.join(artifactsDir, 'command-palette.png') });

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inventory\/versions\/[0-9a-f-]{36}$/);
    await dialog.waitFor({ state: 'detached' });

    // The breadcrumb says where the page is; its last item is the page itself.
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await breadcrumb.locator('[aria-current="page"]', { hasText: 'Qwen2.5-7B-Instruct' }).waitFor();
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual(['Inventory', 'Model versions']);
    expect(await breadcrumb.locator('[aria-current="page"]').textContent()).toBe('Qwen2.5-7B-Instruct');
    const versionUrl = page.url();

    // Reopened (with the header's button this time), the version is the first of the recently opened.
    await page.goto(`${journey.server.baseUrl}/approvals`);
    await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    await button.click();
    await dialog.waitFor();
    const recent = dialog.getByRole('group', { name: 'Recently opened' });
    await recent.getByRole('option', { name: /^Qwen2\.5-7B-Instruct/ }).waitFor();
    expect(await chosenOption(page)).toMatch(/^Qwen2\.5-7B-Instruct/);
    await page.keyboard.press('Enter');
    await page.waitForURL(versionUrl);
    await dialog.waitFor({ state: 'detached' });
    await breadcrumb.locator('[aria-current="page"]', { hasText: 'Qwen2.5-7B-Instruct' }).waitFor();

    // Escape closes it and gives focus back to what had it.
    await button.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search-button');

    await page.context().close();
  });

  it('shows people only to roles that may look them up: not to an engineer', async () => {
    const engineer = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    await openPalette(engineer);
    await engineer.keyboard.type('Rosa');
    await searched(engineer);
    expect((await paletteOptions(engineer).allTextContents()).filter((text) => text.endsWith('Person'))).toEqual([]);
    await engineer.context().close();

    // A compliance officer finds the reviewer, and opens what she did in the audit trail.
    const officer = await signInAs(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await openPalette(officer);
    await officer.keyboard.type('Rosa');
    await searched(officer);
    const person = officer.getByRole('option', { name: /^Rosa Reviewer.*Person$/ });
    await person.waitFor();
    await person.click();
    await officer.waitForURL(/\/audit\?actorId=[0-9a-f-]{36}$/);
    await officer.context().close();
  });

  it('opens an approval request by its reference, with the Approvals breadcrumb above it', async () => {
    const officer = await signInAs(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await officer.goto(`${journey.server.baseUrl}/approvals?tab=all`);
    const reference = (await officer.locator('main table a[href^="/approvals/"]').first().textContent())!.trim();
    expect(reference).toMatch(/^AR-\d+$/);
    await openPalette(officer);
    await officer.keyboard.type(reference.toLowerCase());
    await searched(officer);
    expect(await chosenOption(officer)).toMatch(new RegExp(`^${reference}(?!\\d).*Approval request$`));
    await officer.keyboard.press('Enter');
    const breadcrumb = officer.getByRole('navigation', { name: 'Breadcrumb' });
    await breadcrumb.locator('[aria-current="page"]', { hasText: reference }).waitFor();
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual(['Approvals']);
    await officer.context().close();
  });
});

import { describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, describeViolations, injectAxe } from './support/axe.js';
import { artifactsDir, useBrowserJourney } from './support/browser.js';
import { DEMO_PASSWORD } from './support/production-server.js';

// Journeys made with the keyboard alone: every step below is a key press or typed text, never a click. Going to an
// address (page.goto) stands for opening a bookmark; reading the DOM only checks where focus is.

/** What has focus: enough to find a control by its name and to check that the focus can be seen. */
type Focused = {
  tag: string;
  role: string | null;
  name: string;
  href: string | null;
  id: string;
  inDialog: boolean;
  /** A focus ring (outline or box-shadow) on the element, or on the label or track that stands for a hidden input. */
  indicator: boolean;
  ariaInvalid: string | null;
  /** The texts of the elements its aria-describedby points at. */
  describedBy: string[];
};

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
    const label = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.labels?.[0] : undefined;
    const name = (element.getAttribute('aria-label') ?? label?.textContent ?? element.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const hasRing = (candidate: Element | null | undefined) => {
      if (!candidate) return false;
      const style = getComputedStyle(candidate);
      const outline =
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
      return outline || style.boxShadow !== 'none';
    };
    const box = element.getBoundingClientRect();
    // A visually hidden input (a switch, a segmented control) shows its focus on the label or track beside it.
    const hidden = box.width <= 1 || box.height <= 1 || getComputedStyle(element).opacity === '0';
    // An input inside a field's frame (a password with its eye button) may show the ring on that frame instead.
    const parent = element.parentElement;
    const parentBox = parent?.getBoundingClientRect();
    const frame = parentBox && parentBox.width - box.width < 80 && parentBox.height - box.height < 16 ? parent : null;
    const indicator = hidden
      ? [element.nextElementSibling, ...(label ? [label] : [])].some(hasRing)
      : [element, frame].some(hasRing);
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role'),
      name,
      href: element.getAttribute('href'),
      id: element.id,
      inDialog: element.closest('[role="dialog"]') !== null,
      indicator,
      ariaInvalid: element.getAttribute('aria-invalid'),
      describedBy: (element.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? ''),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking at every stop that the focus can be seen.
 * Fails if it takes more than `limit` presses.
 */
async function tabTo(
  page: Page,
  matches: (focus: Focused) => boolean,
  { backwards = false, limit = 120 }: { backwards?: boolean; limit?: number } = {},
): Promise<Focused> {
  const stops: string[] = [];
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focused(page);
    stops.push(`${focus.tag} "${focus.name.slice(0, 40)}"`);
    if (focus.tag !== 'body')
      expect({ stop: stops.at(-1), indicator: focus.indicator }).toEqual({ stop: stops.at(-1), indicator: true });
    if (matches(focus)) return focus;
  }
  throw new Error(`no match after ${limit} presses; focus went through:\n  ${stops.join('\n  ')}`);
}

const named = (name: string | RegExp) => (focus: Focused) =>
  typeof name === 'string' ? focus.name === name : name.test(focus.name);

/** Waits until the focused element matches (focus may move a frame after the key press that caused it). */
async function waitForFocus(page: Page, matches: (focus: Focused) => boolean, what: string): Promise<Focused> {
  const until = Date.now() + 5_000;
  let focus = await focused(page);
  while (!matches(focus)) {
    if (Date.now() > until) throw new Error(`focus never reached ${what}; it is on ${focus.tag} "${focus.name.slice(0, 60)}"`);
    await page.waitForTimeout(50);
    focus = await focused(page);
  }
  return focus;
}

/** Picks an option of a focused Mantine select with the arrow keys and Enter. */
async function pickOption(page: Page, option: string | RegExp): Promise<void> {
  const highlighted = page.locator('[role="option"][data-combobox-selected]');
  for (let press = 0; press < 30; press += 1) {
    await page.keyboard.press('ArrowDown');
    const text = (await highlighted.count()) > 0 ? ((await highlighted.first().textContent()) ?? '') : '';
    if (typeof option === 'string' ? text === option : option.test(text)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`the option ${String(option)} was never highlighted`);
}

/** Signs in from the sign-in page with the keyboard: Tab to each field, type, Enter. */
async function signInWithKeyboard(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await injectAxe(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await tabTo(page, (focus) => focus.name.startsWith('E-mail'));
  await page.keyboard.type(email);
  await tabTo(page, (focus) => focus.name.startsWith('Password'));
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('session').waitFor();
  return page;
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const { failing } = await checkAccessibility(page);
  expect(describeViolations(where, failing)).toEqual([]);
}

describe('keyboard only: skip link, visible focus, forms, dialogs and the approvals queue', () => {
  const journey = useBrowserJourney();

  it('makes the skip link the first Tab stop, and it moves focus to the main content', async () => {
    const context = await journey.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${journey.server.baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', name: 'Skip to main content', href: '#main', indicator: true });
    // Off-screen until focused, then in view.
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);

    await page.keyboard.press('Enter');
    await waitForFocus(page, (focus) => focus.id === 'main', 'the main content');
    // The next stop is the page's first control, past the header and the navigation.
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ tag: 'input', name: expect.stringMatching(/^E-mail/) as unknown });
    await context.close();
  });

  it('lets an engineer register a deployment with the keyboard, with the validation error tied to its field', async () => {
    const page = await signInWithKeyboard(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    // The first model version of the inventory, opened as from a bookmark.
    await page.goto(`${journey.server.baseUrl}/inventory`);
    const versionPath = await page.locator('main table a[href^="/inventory/versions/"]').first().getAttribute('href');
    await page.goto(`${journey.server.baseUrl}${versionPath}`);
    await page.locator('main h2').first().waitFor();

    await tabTo(page, (focus) => focus.name === 'Register deployment' && !focus.inDialog);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Register deployment' }).waitFor();
    await waitForFocus(page, (focus) => focus.inDialog, 'the dialog');

    // Sending the empty form: focus lands on the first field in error, which says what is wrong.
    await tabTo(page, (focus) => focus.inDialog && focus.tag === 'button' && focus.name === 'Register deployment');
    await page.keyboard.press('Enter');
    const invalid = await waitForFocus(page, (focus) => focus.ariaInvalid === 'true', 'a field in error');
    // The model version and the team are filled in already: the application's name is the first field missing.
    expect(invalid).toMatchObject({ inDialog: true, name: expect.stringMatching(/^Application/) as unknown });
    const errorText = (await page.getByRole('dialog').locator('.mantine-InputWrapper-error').first().textContent()) ?? '';
    expect(errorText).not.toBe('');
    expect(invalid.describedBy).toContain(errorText);
    await expectNoSeriousViolations(page, 'the deployment form with its errors');
    await mkdir(path.join(artifactsDir, 'a11y'), { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'a11y', 'keyboard-deployment-errors.png') });

    // Each required field, in the order Tab reaches them; the model version and the team are filled in already.
    const field = async (label: string) => {
      const current = await focused(page);
      if (!current.name.startsWith(label)) await tabTo(page, (focus) => focus.inDialog && focus.name.startsWith(label));
    };
    await field('Application');
    await page.keyboard.type('Keyboard-only assistant');
    await field('Environment');
    await pickOption(page, 'Staging');
    await field('Data classification');
    await pickOption(page, 'Internal');
    await field('Hosting target');
    await pickOption(page, /On-premises/);
    await field('Purpose');
    await page.keyboard.type('Shows that a deployment can be registered without a mouse.');
    await field('EU AI Act category');
    await pickOption(page, 'Prohibited practice');

    // The policy refuses a prohibited practice: the refusal is announced as an alert in the dialog.
    const submitButton = (focus: Focused) => focus.inDialog && focus.tag === 'button' && focus.name === 'Register deployment';
    await tabTo(page, submitButton);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('alert').filter({ hasText: 'The policy denies this' }).waitFor();

    await tabTo(page, (focus) => focus.inDialog && focus.name.startsWith('EU AI Act category'), { backwards: true });
    await pickOption(page, 'Minimal risk');
    await tabTo(page, submitButton);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Register deployment' }).waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Deployment registered').waitFor();
    await page.getByTestId('deployments').getByText('Keyboard-only assistant').waitFor();
    // Focus is back on the button that opened the dialog.
    await waitForFocus(page, (focus) => focus.name === 'Register deployment' && !focus.inDialog, 'the opener');
    await page.context().close();
  });

  it('keeps focus inside the retire dialog and gives it back to the Retire button on Escape', async () => {
    const page = await signInWithKeyboard(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await page.goto(`${journey.server.baseUrl}/inventory`);
    const versionPath = await page.locator('main table a[href^="/inventory/versions/"]').first().getAttribute('href');
    await page.goto(`${journey.server.baseUrl}${versionPath}`);
    await page.locator('main h2').first().waitFor();

    await tabTo(page, (focus) => focus.tag === 'button' && focus.name === 'Retire');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Retire / });
    await dialog.waitFor();
    await waitForFocus(page, (focus) => focus.inDialog, 'the dialog');
    await expectNoSeriousViolations(page, 'the retire dialog');

    // Around the dialog's controls and past its ends, both ways: focus never leaves it.
    const stops = new Set<string>();
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let press = 0; press < 8; press += 1) {
        await page.keyboard.press(key);
        const focus = await focused(page);
        expect({ key, press, inDialog: focus.inDialog, indicator: focus.indicator }).toEqual({
          key,
          press,
          inDialog: true,
          indicator: true,
        });
        stops.add(focus.name);
      }
    }
    expect([...stops]).toEqual(expect.arrayContaining(['Cancel', 'Retire version']));

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitForFocus(page, (focus) => focus.tag === 'button' && focus.name === 'Retire', 'the Retire button');
    await page.context().close();
  });

  it('takes a reviewer from the navigation to the approvals queue and into a request', async () => {
    const page = await signInWithKeyboard(journey.browser, journey.server.baseUrl, 'reviewer@demo.modelgate.local');

    await tabTo(page, (focus) => focus.tag === 'a' && focus.name === 'Approvals' && focus.href === '/approvals');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    // After the page changes, focus starts at its content, not back at the top of the document.
    await waitForFocus(page, (focus) => focus.id === 'main', 'the main content');
    // The browser tab (and the screen reader, on the page change) names the page.
    await page.waitForFunction(() => document.title === 'Approvals – Modelgate');

    // The tabs are one Tab stop; the arrow keys move between them and the URL follows.
    const queueTab = await tabTo(page, (focus) => focus.role === 'tab');
    expect(queueTab.name).toBe('Review queue');
    await page.keyboard.press('ArrowRight');
    await waitForFocus(page, named('All requests'), 'the All requests tab');
    await page.waitForURL(/tab=all/);
    await page.keyboard.press('ArrowLeft');
    await waitForFocus(page, named('Review queue'), 'the Review queue tab');
    await page.waitForURL(/tab=queue/);
    await page.getByRole('table', { name: 'Review queue' }).waitFor();

    const request = await tabTo(page, (focus) => focus.tag === 'a' && /^\/approvals\/[0-9a-f-]{36}$/.test(focus.href ?? ''));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${request.name}: `) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(request.href);
    await page.context().close();
  });
});

import { describe, expect, it } from '@jest/globals';
import { signInAs, useBrowserJourney } from './support/browser.js';

// The admin app's shared patterns as a person meets them on any page: a table's column choice and density survive a
// reload, its headers sort it, and a form with unsaved changes asks before it is left.

describe('shared admin patterns, in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  it('remembers the columns and density chosen for a table, and sorts it by its headers', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'compliance@demo.modelgate.local');
    await page.goto(`${journey.server.baseUrl}/inventory/providers`);
    const table = page.getByRole('table', { name: 'Providers' });
    await table.waitFor();
    await expect(table.getByRole('columnheader', { name: /Headquarters/ }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Choose the columns of Providers' }).click();
    await page.getByRole('checkbox', { name: 'Headquarters' }).uncheck();
    // The column that names the row cannot be hidden.
    await expect(page.getByRole('checkbox', { name: 'Name' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('radio', { name: 'Compact' }).check();
    await page.keyboard.press('Escape');
    await expect(table.getByRole('columnheader', { name: /Headquarters/ }).count()).resolves.toBe(0);
    await expect(table.getAttribute('data-density')).resolves.toBe('compact');

    await page.reload();
    await table.waitFor();
    await expect(table.getByRole('columnheader', { name: /Headquarters/ }).count()).resolves.toBe(0);
    await expect(table.getAttribute('data-density')).resolves.toBe('compact');

    // A header sorts ascending, then descending; the order is what the cells say.
    const names = async () => (await table.locator('tbody tr td:first-child').allInnerTexts()).map((text) => text.trim());
    await table.getByRole('button', { name: 'Sort by Name' }).click();
    await expect(table.getByRole('columnheader', { name: /Name/ }).first().getAttribute('aria-sort')).resolves.toBe('ascending');
    const ascending = await names();
    expect(ascending.length).toBeGreaterThan(1);
    expect(ascending).toEqual(
      [...ascending].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })),
    );
    await table.getByRole('button', { name: 'Name, sorted ascending' }).click();
    await expect(names()).resolves.toEqual([...ascending].reverse());

    await page.context().close();
  });

  it('asks before leaving a form with unsaved changes: staying keeps what was typed, leaving discards it', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    await page.goto(`${journey.server.baseUrl}/inventory/versions/new`);
    const form = page.getByRole('form', { name: 'Register model version' });
    const versionName = form.getByRole('textbox', { name: 'Version name' });
    await versionName.fill('Unsaved-Version-Name');

    await page
      .getByRole('navigation', { name: /main navigation/i })
      .getByRole('link', { name: 'Approvals' })
      .click();
    const prompt = page.getByRole('dialog', { name: 'Leave without saving?' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Stay on this page' }).click();
    await prompt.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/inventory/versions/new');
    await expect(versionName.inputValue()).resolves.toBe('Unsaved-Version-Name');

    await page
      .getByRole('navigation', { name: /main navigation/i })
      .getByRole('link', { name: 'Approvals' })
      .click();
    await prompt.getByRole('button', { name: 'Leave and discard' }).click();
    await page.waitForURL((url) => url.pathname === '/approvals');

    // A form nobody changed is left without a question.
    await page.goto(`${journey.server.baseUrl}/inventory/versions/new`);
    await form.waitFor();
    await page
      .getByRole('navigation', { name: /main navigation/i })
      .getByRole('link', { name: 'Approvals' })
      .click();
    await page.waitForURL((url) => url.pathname === '/approvals');

    await page.context().close();
  });
});

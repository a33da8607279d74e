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
    // The sort is part of the page's address: a reload or a shared link shows the same order.
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name.desc');
    await page.reload();
    await table.waitFor();
    await expect(table.getByRole('columnheader', { name: /Name/ }).first().getAttribute('aria-sort')).resolves.toBe('descending');
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

  it('gives every entity and every view its own address: deployments, people, an audit event, hosting with retired targets', async () => {
    const { baseUrl } = journey.server;
    const page = await signInAs(journey.browser, baseUrl, 'compliance@demo.modelgate.local');

    // A deployment has a page; its list keeps the sort in the URL.
    await page.goto(`${baseUrl}/inventory/deployments`);
    const deployments = page.getByRole('table', { name: 'Deployments' });
    await deployments.waitFor();
    await deployments.getByRole('button', { name: 'Sort by Team' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'team.asc');
    await page.reload();
    await expect(
      deployments.getByRole('columnheader', { name: /Team/ }).first().getAttribute('aria-sort', { timeout: 30_000 }),
    ).resolves.toBe('ascending');
    const firstLink = deployments.locator('tbody tr').first().getByRole('link').nth(1);
    const application = (await firstLink.innerText()).trim();
    await firstLink.click();
    await page.waitForURL((url) => /^\/inventory\/deployments\/[0-9a-f-]{36}$/.test(url.pathname));
    const heading = page.getByRole('heading', { level: 2, name: new RegExp(application.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await heading.waitFor();
    await page.reload();
    await heading.waitFor();
    const facts = page.getByRole('table', { name: 'Deployment facts' });
    await expect(facts.getByRole('rowheader', { name: 'Environment' }).count()).resolves.toBe(1);
    // The breadcrumbs load on their own, after the page.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Deployments' }).waitFor();

    // Hosting: whether retired targets are listed is in the URL.
    await page.goto(`${baseUrl}/inventory/hosting`);
    const showRetired = page.getByRole('switch', { name: 'Show retired' });
    await showRetired.check();
    await page.waitForURL((url) => url.searchParams.get('retired') === 'true');
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Show retired' }).isChecked({ timeout: 30_000 })).resolves.toBe(true);
    // A hosting target has a page, with the deployments that run there.
    await page.getByRole('table', { name: 'Hosting targets' }).getByRole('link').first().click();
    await page.waitForURL((url) => /^\/inventory\/hosting\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('table', { name: 'Hosting target facts' }).waitFor();
    await page.getByRole('heading', { name: 'Deployments that run here' }).waitFor();

    // The audit event open in the side panel is in the URL, also one older than the loaded page.
    await page.goto(`${baseUrl}/audit`);
    const events = page.getByRole('table', { name: /audit/i }).first();
    await events.waitFor();
    const firstEvent = events.getByRole('button', { name: /^Details of event \d+$/ }).first();
    const seq = ((await firstEvent.getAttribute('aria-label')) ?? '').replace('Details of event ', '');
    await firstEvent.click();
    await page.waitForURL((url) => url.searchParams.get('event') === seq);
    await page.reload();
    await page.getByRole('dialog', { name: `Event #${seq}` }).waitFor();
    await page.goto(`${baseUrl}/audit?event=1`);
    const first = page.getByRole('dialog', { name: 'Event #1' });
    await first
      .getByRole('table', { name: /event 1/i })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('event'));
    await page.context().close();

    // A person has a page, where an admin sets the reviews they sign.
    const admin = await signInAs(journey.browser, baseUrl, 'admin@demo.modelgate.local');
    await admin.goto(`${baseUrl}/admin`);
    await admin
      .getByRole('table', { name: 'People' })
      .getByRole('link', { name: /reviewer/i })
      .first()
      .click();
    await admin.waitForURL((url) => /^\/admin\/people\/[0-9a-f-]{36}$/.test(url.pathname));
    await admin.getByRole('heading', { level: 1, name: 'Rosa Reviewer' }).waitFor();
    await admin.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: /^Edit / });
    const categories = dialog.getByLabel('Review categories', { exact: true });
    await categories.fill('sovereignty');
    await categories.press('Enter');
    await categories.press('Tab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.reload();
    const personFacts = admin.getByRole('table', { name: /^Facts about / });
    await expect(personFacts.getByRole('row', { name: /Review categories/ }).innerText({ timeout: 30_000 })).resolves.toMatch(
      /Geopolitical and sovereignty/,
    );
    // A team has a page with its members.
    await admin.goto(`${baseUrl}/admin`);
    await admin.getByRole('table', { name: 'Teams' }).getByRole('link').first().click();
    await admin.waitForURL((url) => /^\/admin\/teams\/[0-9a-f-]{36}$/.test(url.pathname));
    await admin.getByRole('table', { name: /^Facts about / }).waitFor();
    await admin.context().close();
  });
});

import { describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir, choose, signInAs, useBrowserJourney } from './support/browser.js';

const REVIEWS = ['Security and supply chain', 'Legal and licensing', 'Data protection'] as const;

describe('the approval workflow in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  const signIn = (email: string, password?: string): Promise<Page> =>
    signInAs(journey.browser, journey.server.baseUrl, email, password);

  it('takes a Qwen model from request through three reviews to an approval on premises only', async () => {
    // An engineer asks to use Qwen2.5-7B-Instruct in production with confidential data, starting from the inventory.
    const engineer = await signIn('engineer@demo.modelgate.local');
    await engineer.goto(`${journey.server.baseUrl}/inventory?search=Qwen2.5-7B-Instruct`);
    await engineer.getByRole('link', { name: 'Qwen2.5-7B-Instruct' }).first().click();
    await engineer.getByRole('link', { name: 'Request approval' }).click();
    const facts = engineer.getByRole('table', { name: 'Model facts' });
    // The form shows the model's provenance and license beside the scope.
    await facts.getByRole('cell', { name: 'China (CN)' }).first().waitFor();
    await facts.getByText('Apache-2.0').waitFor();

    // The shared schema checks the scope before anything is sent.
    const intendedUse = engineer.getByRole('textbox', { name: /Intended use/ });
    await intendedUse.fill('short');
    await engineer.getByRole('button', { name: 'Submit for review' }).click();
    await engineer.getByText('must describe the intended use in at least 10 characters').waitFor();

    await intendedUse.fill('Summarise confidential support tickets for first-line agents');
    await engineer.getByRole('checkbox', { name: 'Production' }).check();
    for (const other of ['Development', 'Staging']) await engineer.getByRole('checkbox', { name: other }).uncheck();
    await engineer.getByRole('checkbox', { name: 'On premises' }).check();
    for (const other of ['Private cloud', 'Vendor API', 'Third-party hosted', 'Edge']) {
      await engineer.getByRole('checkbox', { name: other }).uncheck();
    }
    await choose(engineer.locator('form'), engineer, 'Highest data classification', 'Confidential');
    await engineer.getByRole('textbox', { name: /Expected users/ }).fill('150');
    await engineer.getByRole('button', { name: 'Submit for review' }).click();
    const heading = engineer.getByRole('heading', { name: /^AR-\d+: Qwen2\.5-7B-Instruct$/ });
    await heading.waitFor();
    const reference = (await heading.textContent())!.split(':')[0]!;
    const requestUrl = engineer.url();
    expect(await engineer.getByTestId('approval-state').first().textContent()).toBe('Submitted');

    // The compliance officer assigns the three required reviews to the demo reviewer.
    const officer = await signIn('compliance@demo.modelgate.local');
    await officer.goto(`${journey.server.baseUrl}/approvals?tab=all`);
    await officer.getByRole('link', { name: reference, exact: true }).click();
    const reviewsHeading = officer.getByRole('heading', { name: 'Risk reviews' });
    await reviewsHeading.waitFor();
    for (const category of REVIEWS) {
      await officer.getByRole('button', { name: 'Assign review' }).first().click();
      const dialog = officer.getByRole('dialog');
      await choose(dialog, officer, 'Category', category);
      await choose(dialog, officer, 'Reviewer', /Rosa Reviewer/);
      await dialog.getByRole('button', { name: 'Assign' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await officer.getByRole('article', { name: 'Data protection review' }).waitFor();
    expect(await officer.getByTestId('approval-state').first().textContent()).toBe('In review');

    // The reviewer finds it in their queue, attaches evidence and signs off each review.
    const reviewer = await signIn('reviewer@demo.modelgate.local');
    await reviewer.goto(`${journey.server.baseUrl}/approvals`);
    await reviewer.getByRole('tab', { name: 'Review queue', selected: true }).waitFor();
    await reviewer.getByRole('link', { name: reference, exact: true }).click();
    const security = reviewer.getByRole('article', { name: 'Security and supply chain review' });
    const evidenceFile = path.join(journey.dataDir, 'weights-scan.txt');
    await writeFile(evidenceFile, 'sha256 scan of the safetensors files: no pickled code, checksums match\n');
    const evidenceForm = security.getByRole('form', { name: 'Add evidence' });
    await evidenceForm.getByRole('textbox', { name: /Title/ }).fill('Weights scan report');
    await evidenceForm.locator('input[type=file]').setInputFiles(evidenceFile);
    await evidenceForm.getByRole('button', { name: 'Add evidence' }).click();
    await security.getByRole('cell', { name: 'Weights scan report' }).waitFor();
    const [download] = await Promise.all([
      reviewer.waitForEvent('download'),
      security.getByRole('button', { name: 'Download weights-scan.txt' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toContain('no pickled code');
    for (const category of REVIEWS) {
      const form = reviewer.getByRole('form', { name: `${category} review` });
      await choose(form, reviewer, 'Likelihood', /^2/);
      await choose(form, reviewer, 'Impact', /^2/);
      await form
        .getByRole('textbox', { name: /Findings/ })
        .fill(`${category}: no concerns; weights from the official repository.`);
      await form.getByRole('button', { name: 'Sign off' }).click();
      await form.waitFor({ state: 'detached' });
    }
    await reviewer.getByText('The reviews rate this request low risk', { exact: false }).waitFor();
    await reviewer.screenshot({ path: path.join(artifactsDir, 'approval-reviewed.png'), fullPage: true });

    // The compliance officer approves on condition that it runs on premises only.
    await officer.reload();
    await officer.getByRole('button', { name: 'Decide' }).click();
    const decision = officer.getByRole('dialog');
    await decision
      .getByRole('textbox', { name: /Rationale/ })
      .fill('Low risk in every review; on premises keeps tickets in-house.');
    await decision.getByRole('checkbox', { name: 'Restrict hosting modes' }).check();
    await decision.getByText('The approval will read: On-premises only.').waitFor();
    await decision.getByRole('button', { name: 'Approve' }).click();
    await decision.waitFor({ state: 'detached' });

    // The engineer sees the approval, its condition, and a notification about it.
    await engineer.goto(`${journey.server.baseUrl}/approvals?tab=mine`);
    const row = engineer.getByRole('row').filter({ has: engineer.getByRole('link', { name: reference, exact: true }) });
    await row.getByText('Approved with conditions').waitFor();
    await engineer.goto(requestUrl);
    await engineer.getByTestId('conditions').getByText('On-premises only').waitFor();
    const bell = engineer.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.click();
    await engineer.getByRole('dialog', { name: 'Notifications' }).getByText(reference, { exact: false }).first().waitFor();
    await engineer.screenshot({ path: path.join(artifactsDir, 'approval-approved.png'), fullPage: true });

    // The model version's page lists the cycle with its condition.
    await engineer.getByRole('link', { name: 'All facts' }).click();
    const cycles = engineer.getByRole('table', { name: 'Approval cycles' });
    await cycles.getByRole('row').filter({ hasText: reference }).getByText('On-premises only').waitFor();
  });
});

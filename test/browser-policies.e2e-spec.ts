import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir, choose, signInAs, useBrowserJourney } from './support/browser.js';

const SECOND_OFFICER = 'olu.officer@demo.modelgate.local';
const SECOND_PASSWORD = 'second officer passphrase';

describe('policies in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  const signIn = (email: string, password?: string): Promise<Page> =>
    signInAs(journey.browser, journey.server.baseUrl, email, password);

  it('drafts a rule denying a hosting operator for confidential data, previews it, has a second officer activate it, lists the violation, and grants an exception under four eyes', async () => {
    // Four eyes need a second compliance officer: the admin adds one.
    const admin = await signIn('admin@demo.modelgate.local');
    await admin.goto(`${journey.server.baseUrl}/admin`);
    const person = admin.getByRole('form', { name: 'Add a person' });
    await person.getByRole('textbox', { name: 'E-mail' }).fill(SECOND_OFFICER);
    await person.getByRole('textbox', { name: 'Name' }).fill('Olu Officer');
    await person.getByRole('combobox', { name: 'Roles' }).focus();
    await admin.keyboard.press('ArrowDown');
    await admin.getByRole('option', { name: 'Compliance officer' }).click();
    await person.getByLabel('Initial password', { exact: true }).fill(SECOND_PASSWORD);
    await person.getByRole('button', { name: 'Add person' }).click();
    await admin.getByTestId('people').getByRole('row').filter({ hasText: SECOND_OFFICER }).waitFor();

    // The first officer reads the default policy in force, then drafts a new version from it.
    const drafter = await signIn('compliance@demo.modelgate.local');
    await drafter.goto(`${journey.server.baseUrl}/policies`);
    await drafter.getByTestId('policy-in-force').getByText('The default policy is in force').waitFor();
    await drafter.getByRole('article', { name: 'Rule deny-unknown-license' }).waitFor();
    await drafter.getByRole('button', { name: 'Draft a new version' }).click();
    await drafter.getByRole('heading', { name: /^Policy version \d+$/ }).waitFor();

    // The new rule: hosting operator is Northwind IT and data classification is at least confidential → deny.
    await drafter.getByRole('button', { name: 'Add rule' }).click();
    const rule = drafter.getByRole('article').last();
    await rule.getByRole('textbox', { name: 'Id' }).fill('deny-northwind-confidential');
    await rule.getByRole('textbox', { name: 'Name' }).fill('No confidential data on the Northwind cluster');
    await rule.getByRole('textbox', { name: 'Value' }).fill('Northwind IT');
    await rule.getByRole('button', { name: 'Put in a group' }).click();
    await rule.getByRole('button', { name: 'Add comparison' }).click();
    const second = rule.getByRole('group', { name: 'Comparison' }).nth(1);
    await choose(second, drafter, 'Fact', /^data classification/);
    await choose(second, drafter, 'Operator', 'is at least');
    // The shared schema reports the missing value and reason before anything is sent.
    await drafter.getByRole('alert').filter({ hasText: 'problems to fix' }).waitFor();
    await choose(second, drafter, 'Value', 'CONFIDENTIAL');
    await rule.getByRole('textbox', { name: 'Reason' }).fill('The Northwind cluster is not certified for confidential data.');
    await drafter.getByRole('alert').filter({ hasText: 'to fix' }).waitFor({ state: 'detached' });

    // The preview names the deployment the rule would deny.
    await drafter.getByRole('tab', { name: 'Preview' }).click();
    await drafter.getByRole('button', { name: 'Preview against active deployments' }).click();
    const changes = drafter.getByRole('table', { name: 'Decisions that would change' });
    const changed = changes.getByRole('row').filter({ hasText: 'Invoice field extraction' });
    await changed.getByText('Denied').waitFor();
    await expect(changed.textContent()).resolves.toContain('deny-northwind-confidential');
    await drafter.screenshot({ path: path.join(artifactsDir, 'policy-preview.png'), fullPage: true });

    await drafter.getByRole('textbox', { name: 'Note' }).fill('No confidential data on Northwind IT');
    await drafter.getByRole('button', { name: 'Save draft' }).click();
    await drafter.getByText('You edited this draft last').waitFor();
    await expect(drafter.getByRole('button', { name: 'Activate' }).isDisabled()).resolves.toBe(true);
    const draftUrl = drafter.url();

    // The second officer activates it; the violations screen lists the denied deployment.
    const activator = await signIn(SECOND_OFFICER, SECOND_PASSWORD);
    await activator.goto(draftUrl);
    await activator.getByRole('button', { name: 'Activate' }).click();
    await activator.getByText('In force', { exact: true }).waitFor();
    await activator.goto(`${journey.server.baseUrl}/policies?tab=violations`);
    await activator.getByRole('button', { name: 'Check all deployments now' }).click();
    const violation = activator
      .getByRole('table', { name: 'Violations' })
      .getByRole('row')
      .filter({ hasText: 'Invoice field extraction' });
    await violation.getByText('Denied by policy').waitFor();
    await violation.getByText('Northwind cluster is not certified', { exact: false }).waitFor();
    await activator.screenshot({ path: path.join(artifactsDir, 'policy-violations.png'), fullPage: true });

    // An engineer asks the gate the same question a pipeline would, and is told which rule denies it.
    const engineer = await signIn('engineer@demo.modelgate.local');
    await engineer.goto(`${journey.server.baseUrl}/policies?tab=gate`);
    const gate = engineer.getByRole('form', { name: 'Ask the gate' });
    const model = gate.getByRole('combobox', { name: 'Model version', exact: true });
    await model.click();
    await model.fill('Qwen2.5-7B-Instruct');
    await engineer
      .getByRole('option', { name: /^Qwen2\.5-7B-Instruct \(/ })
      .first()
      .click();
    await choose(gate, engineer, 'Hosting target', /On-premises GPU cluster/);
    await choose(gate, engineer, 'Data classification', 'Confidential');
    await gate.getByRole('button', { name: 'Ask' }).click();
    await engineer.getByTestId('gate-decision').getByText('Denied').waitFor();
    await engineer.getByText('deny-northwind-confidential').first().waitFor();

    // The engineer asks for a time-boxed exception; two officers other than the requester grant it (four eyes).
    await engineer.getByRole('tab', { name: 'Exceptions' }).click();
    await engineer.getByRole('button', { name: 'Request an exception' }).click();
    const request = engineer.getByRole('dialog', { name: 'Request an exception' });
    const exceptionModel = request.getByRole('combobox', { name: 'Model version', exact: true });
    await exceptionModel.click();
    await exceptionModel.fill('Qwen2.5-7B-Instruct');
    await engineer
      .getByRole('option', { name: /^Qwen2\.5-7B-Instruct \(/ })
      .first()
      .click();
    await choose(request, engineer, 'Highest data classification', 'Confidential');
    await request.getByRole('combobox', { name: 'Deny rules waived' }).click();
    await engineer.getByRole('option', { name: /deny-northwind-confidential/ }).click();
    await request
      .getByRole('textbox', { name: /Justification/ })
      .fill('Quarter-end invoices must be processed while the cluster is recertified.');
    await request
      .getByRole('textbox', { name: /Compensating controls/ })
      .fill('Access limited to the finance team\nDaily log review');
    await request.getByRole('button', { name: 'Request exception' }).click();
    await request.waitFor({ state: 'detached' });
    const exceptionRow = engineer
      .getByRole('table', { name: 'Exceptions' })
      .getByRole('row')
      .filter({ hasText: 'Qwen2.5-7B-Instruct' });
    await exceptionRow.getByText('Requested').waitFor();
    const reference = (await exceptionRow.getByText(/^EX-\d+$/).textContent())!;

    for (const officer of [drafter, activator]) {
      await officer.goto(`${journey.server.baseUrl}/policies?tab=exceptions`);
      const row = officer.getByRole('table', { name: 'Exceptions' }).getByRole('row').filter({ hasText: reference });
      await row.getByRole('button', { name: 'Grant or reject' }).click();
      const decide = officer.getByRole('dialog');
      await decide.getByRole('textbox', { name: /Reason/ }).fill('Compensating controls are adequate for a month.');
      await decide.getByRole('button', { name: 'Grant' }).click();
      await decide.waitFor({ state: 'detached' });
    }
    const granted = activator.getByRole('table', { name: 'Exceptions' }).getByRole('row').filter({ hasText: reference });
    await granted.getByText('Granted', { exact: true }).waitFor();
    await granted.getByText('by Chidi Compliance and Olu Officer').waitFor();
  });
});

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { artifactsDir, choose, signInAs, useBrowserJourney } from './support/browser.js';
import { repositoryRoot } from './support/production-server.js';

const cli = path.join(repositoryRoot, 'apps', 'cli', 'bin', 'modelgate.js');
const HOSTING = 'On-premises GPU cluster (Frankfurt)';

describe('discovery in headless Chromium: from a scan finding to a registered model and an approval request', () => {
  const journey = useBrowserJourney();

  it('lets an engineer add a scan’s JSON, see findings by status, and register an unknown model in one step', async () => {
    // A repository that uses an approved model, a registered one awaiting approval, and one nobody registered.
    const repo = path.join(journey.dataDir, 'support-bot');
    await mkdir(path.join(repo, 'app'), { recursive: true });
    await writeFile(
      path.join(repo, 'app', 'chat.py'),
      [
        'from transformers import AutoModelForCausalLM',
        'chat = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
        'coder = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-Math-7B-Instruct")',
        'legacy = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")',
        '',
      ].join('\n'),
    );
    const scan = spawnSync(process.execPath, [cli, 'scan', repo, '--offline', '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
    });
    expect(scan.status).toBe(0);

    const page = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    await page.goto(`${journey.server.baseUrl}/discovery`);
    await page.getByText('No scans yet.').waitFor();
    const form = page.getByRole('form', { name: 'Add scan results' });
    await form.getByRole('textbox', { name: 'Scan output (JSON)' }).fill(scan.stdout);
    await form.getByText('3 findings read').waitFor();
    // The folder's name is the starting point for the repository's.
    await expect(form.getByRole('textbox', { name: 'Repository' }).inputValue()).resolves.toBe('support-bot');
    await form.getByRole('textbox', { name: 'Repository' }).fill('github.com/acme/support-bot');
    // The use the scan was run for comes along: `modelgate scan` defaults to production.
    await expect(form.getByRole('combobox', { name: 'Environment', exact: true }).inputValue()).resolves.toBe('Production');
    await choose(form, page, 'Hosting target', HOSTING);
    await form.getByRole('button', { name: 'Add scan results' }).click();

    await page.getByRole('heading', { level: 1, name: 'github.com/acme/support-bot' }).waitFor();
    const group = (status: string) => page.getByTestId(`findings-${status}`);
    const references = async (status: string) => (await group(status).locator('tbody code').allTextContents()).sort();
    await expect(references('UNKNOWN')).resolves.toEqual(['Qwen/Qwen2.5-Math-7B-Instruct']);
    await expect(references('REGISTERED_NOT_APPROVED')).resolves.toEqual(['tiiuae/falcon-7b']);
    await expect(references('APPROVED')).resolves.toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
    await expect(group('UNKNOWN').getByText('app/chat.py:3').count()).resolves.toBe(1);
    const reportUrl = page.url();
    await page.screenshot({ path: path.join(artifactsDir, 'discovery-report.png'), fullPage: true });

    // One step from the finding to a drafted registration; nothing is saved until the form's own button.
    await page.getByRole('link', { name: 'Register Qwen/Qwen2.5-Math-7B-Instruct' }).click();
    const registration = page.getByRole('form', { name: 'Register model version' });
    await registration.waitFor();
    await page.getByText('Drafted from a scan finding').waitFor();
    const field = (label: string) => registration.getByRole('textbox', { name: label, exact: true }).inputValue();
    await expect(field('Version name')).resolves.toBe('Qwen2.5-Math-7B-Instruct');
    await expect(field('Family')).resolves.toBe('Qwen2.5-Math');
    await expect(field('Hugging Face repository')).resolves.toBe('Qwen/Qwen2.5-Math-7B-Instruct');
    await expect(field('Supplier')).resolves.toBe('Hugging Face');
    await expect(registration.getByRole('combobox', { name: 'Provider', exact: true }).inputValue()).resolves.toBe(
      'Qwen (Alibaba Cloud)',
    );
    await registration.getByRole('textbox', { name: 'Declared license', exact: true }).fill('Apache-2.0');
    await page.screenshot({ path: path.join(artifactsDir, 'discovery-draft-registration.png'), fullPage: true });
    await registration.getByRole('button', { name: 'Register model version' }).click();
    await page.getByRole('heading', { level: 2, name: /Qwen2.5-Math-7B-Instruct/ }).waitFor();

    // Back on the report, the finding is registered now; the answer when scanned stays visible.
    await page.goto(reportUrl);
    await page.getByRole('heading', { level: 1, name: 'github.com/acme/support-bot' }).waitFor();
    await expect(references('REGISTERED_NOT_APPROVED')).resolves.toEqual(['Qwen/Qwen2.5-Math-7B-Instruct', 'tiiuae/falcon-7b']);
    await expect(group('UNKNOWN').count()).resolves.toBe(0);
    await expect(group('REGISTERED_NOT_APPROVED').getByText('When scanned: not in the inventory').count()).resolves.toBe(1);

    await page.getByRole('link', { name: 'Request approval for Qwen/Qwen2.5-Math-7B-Instruct' }).click();
    await page.waitForURL(/\/approvals\/new\?modelVersionId=[0-9a-f-]{36}$/);

    // The repository list shows the latest scan with its counts in words.
    await page.goto(`${journey.server.baseUrl}/discovery`);
    const repositories = page.getByTestId('scanned-repositories');
    await repositories.getByRole('link', { name: 'github.com/acme/support-bot' }).waitFor();
    await expect(repositories.getByText('1 not in the inventory').count()).resolves.toBe(1);
    await page.close();
  });
});

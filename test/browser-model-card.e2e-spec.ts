import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { artifactsDir, signInAs, useBrowserJourney } from './support/browser.js';

describe('registering a model version from a model card, in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  it('lets an engineer paste a card, preview what it fills in, prefill the form, and register with the form', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    const name = `Qwen2.5-7B-Card-${Date.now().toString(36)}`;
    const card = [
      '---',
      'base_model: Qwen/Qwen2.5-7B-Instruct',
      'base_model_relation: finetune',
      'license: apache-2.0',
      'language:',
      '- en',
      'datasets:',
      '- HuggingFaceH4/ultrachat_200k',
      'pipeline_tag: text-generation',
      '---',
      '# A support assistant',
    ].join('\n');

    await page.goto(`${journey.server.baseUrl}/inventory`);
    await page.getByRole('link', { name: 'Register model version' }).click();
    const form = page.getByRole('form', { name: 'Register model version' });
    await form.getByRole('button', { name: 'Import from a model card' }).click();

    const dialog = page.getByRole('dialog', { name: 'Import from a model card' });
    await dialog.getByRole('textbox', { name: 'Hugging Face repository' }).fill(`Qwen/${name}`);
    await dialog.getByRole('textbox', { name: 'Model card text' }).fill(card);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const filled = preview.getByRole('table', { name: 'Will be filled in' });
    await expect(filled.getByRole('row', { name: /^Declared license/ }).textContent()).resolves.toBe(
      'Declared licenseApache-2.0',
    );
    await expect(filled.getByRole('row', { name: /^Provider/ }).textContent()).resolves.toBe('ProviderQwen (Alibaba Cloud)');
    await expect(filled.getByRole('row', { name: /^Bases/ }).textContent()).resolves.toBe('BasesQwen2.5-7B-Instruct (Fine-tune)');
    const inCard = preview.getByRole('table', { name: 'In the model card' });
    await expect(inCard.getByRole('row', { name: /^Datasets/ }).textContent()).resolves.toBe(
      'DatasetsHuggingFaceH4/ultrachat_200k',
    );
    await page.screenshot({ path: path.join(artifactsDir, 'model-card-preview.png') });
    await dialog.getByRole('button', { name: 'Use these values' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Nothing is saved until the form's own button: the form now holds the card's values.
    const field = (label: string) => form.getByRole('textbox', { name: label, exact: true }).inputValue();
    await expect(field('Family')).resolves.toBe('Qwen2.5');
    await expect(field('Version name')).resolves.toBe(name);
    await expect(field('Supplier')).resolves.toBe('Hugging Face');
    await expect(field('Hugging Face repository')).resolves.toBe(`Qwen/${name}`);
    await expect(field('Task')).resolves.toBe('text-generation');
    await expect(field('Declared license')).resolves.toBe('Apache-2.0');
    await expect(form.getByRole('combobox', { name: 'Provider', exact: true }).inputValue()).resolves.toBe(
      'Qwen (Alibaba Cloud)',
    );
    await expect(form.getByRole('combobox', { name: 'Base 1', exact: true }).inputValue()).resolves.toBe('Qwen2.5-7B-Instruct');

    await form.getByRole('button', { name: 'Register model version' }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.close();
  });
});

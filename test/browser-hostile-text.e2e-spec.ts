import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir, signInAs, useBrowserJourney } from './support/browser.js';
import { repositoryRoot } from './support/production-server.js';

// Names and notes come from people and from imports; some will be markup. The admin app must show them as
// the text they are: no element made from them, no script run.
const FAMILY = 'Hostile Text Family';
const VERSION_NAME = '<img src=x onerror="window.__pwned=1">';
const PROVIDER_NAME = '<img src=x onerror=window.__pwned=3> Labs';
const LEGAL_ENTITY = '<script>window.__pwned=2</script>';
const INTENDED_USE = '<b onmouseover="window.__pwned=4">bold?</b> =cmd|\' /C calc\'!A0';

/** Every source file of the admin app, so that the check below covers files added later. */
async function adminSources(directory = path.join(repositoryRoot, 'apps', 'admin', 'src')): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === 'gql' ? [] : adminSources(full);
      return /\.(tsx?|jsx?)$/.test(entry.name) ? [full] : [];
    }),
  );
  return files.flat();
}

/** What markup in the data would have made if it had been parsed: elements, handlers, a script's effect. */
async function parsedMarkup(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [onmouseover]').length,
    scripts: [...document.querySelectorAll('script')].filter((script) => script.textContent?.includes('__pwned')).length,
  }));
}

const NOTHING_PARSED = { pwned: null, images: 0, handlers: 0, scripts: 0 };

describe('hostile text in the admin app, in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  it('has no component that writes HTML from strings', async () => {
    const offenders: string[] = [];
    for (const file of await adminSources()) {
      const source = await readFile(file, 'utf8');
      if (/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(source)) {
        offenders.push(path.relative(repositoryRoot, file));
      }
    }
    expect(offenders).toEqual([]);
  });

  it('shows model version and provider names that are markup as text, in the list and on the version page', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'engineer@demo.modelgate.local');
    const created = await page.evaluate(
      async (values) => {
        const call = async (query: string, variables: object, csrfToken?: string) => {
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await response.json()) as {
            data?: Record<string, { id?: string; csrfToken?: string }>;
            errors?: unknown;
          };
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          return body.data;
        };
        const csrfToken = (await call('{ viewer { csrfToken } }', {})).viewer!.csrfToken!;
        const provider = await call(
          'mutation ($input: CreateProviderInput!) { createProvider(input: $input) { id } }',
          { input: { name: values.provider, legalEntity: values.legalEntity, headquartersCountry: 'FR', type: 'COMPANY' } },
          csrfToken,
        );
        const version = await call(
          'mutation ($input: CreateModelVersionInput!) { createModelVersion(input: $input) { id } }',
          {
            input: {
              providerId: provider.createProvider!.id,
              familyName: values.family,
              versionName: values.version,
              developerCountry: 'FR',
              supplier: 'Hostile Labs',
              distribution: 'API_ONLY',
              modalities: ['TEXT'],
              declaredLicense: 'Apache-2.0',
              intendedUse: values.intendedUse,
            },
          },
          csrfToken,
        );
        return { providerId: provider.createProvider!.id!, versionId: version.createModelVersion!.id! };
      },
      { provider: PROVIDER_NAME, legalEntity: LEGAL_ENTITY, family: FAMILY, version: VERSION_NAME, intendedUse: INTENDED_USE },
    );

    await page.goto(`${journey.server.baseUrl}/inventory?search=${encodeURIComponent(FAMILY)}`);
    // The list names a version "<family> <version name>", as a link to its page.
    await page.getByRole('link', { name: `${FAMILY} ${VERSION_NAME}`, exact: true }).waitFor();
    await expect(page.getByText(PROVIDER_NAME, { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'hostile-text-list.png'), fullPage: true });
    await expect(parsedMarkup(page)).resolves.toEqual(NOTHING_PARSED);

    await page.goto(`${journey.server.baseUrl}/inventory/versions/${created.versionId}`);
    await page.getByText(VERSION_NAME).first().waitFor();
    await page.getByText(INTENDED_USE, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'hostile-text-version.png'), fullPage: true });
    await expect(parsedMarkup(page)).resolves.toEqual(NOTHING_PARSED);

    await page.goto(`${journey.server.baseUrl}/inventory/providers/${created.providerId}`);
    await page.getByText(LEGAL_ENTITY, { exact: true }).waitFor();
    await expect(parsedMarkup(page)).resolves.toEqual(NOTHING_PARSED);
  });
});

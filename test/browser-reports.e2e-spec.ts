import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { artifactsDir, choose, signInAs, useBrowserJourney } from './support/browser.js';
import { repositoryRoot } from './support/production-server.js';

const cli = path.join(repositoryRoot, 'apps', 'cli', 'bin', 'modelgate.js');

function verifyWithCli(bundle: string, key: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'report', 'verify', bundle, '--key', key], { env: { PATH: process.env.PATH } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('auditor reports in headless Chromium against the production build', () => {
  const journey = useBrowserJourney();

  /** Clicks Export and saves the bundle the browser downloads. */
  const exportAndSave = async (page: Page, name: string): Promise<string> => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('form', { name: 'Export a report' }).getByRole('button', { name: 'Export' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^modelgate-approvals-and-decisions-.*\.zip$/);
    const file = path.join(journey.dataDir, name);
    await download.saveAs(file);
    return file;
  };

  it('lets an auditor export last quarter’s approvals as XLSX and PDF, and the verify command accepts both bundles', async () => {
    const page = await signInAs(journey.browser, journey.server.baseUrl, 'auditor@demo.modelgate.local');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const form = page.getByRole('form', { name: 'Export a report' });

    // The public key is shown and downloadable; the verify command will trust nothing else.
    const keyId = await page.getByTestId('signing-key-id').textContent();
    expect(keyId).toMatch(/^[0-9a-f]{64}$/);
    const keyDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the public key (.pem)' }).click();
    const keyFile = path.join(journey.dataDir, 'modelgate-signing-key.pem');
    await (await keyDownload).saveAs(keyFile);

    await choose(form, page, 'Report', 'Approvals and decisions');
    await choose(form, page, 'Period', 'Last quarter');
    const now = new Date();
    const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
    const lastQuarterEnd = new Date(quarterStart.getTime() - 86_400_000).toISOString().slice(0, 10);
    await expect(form.getByLabel('To (UTC)').inputValue()).resolves.toBe(lastQuarterEnd);

    await choose(form, page, 'Format', /^Excel workbook/);
    const xlsx = await exportAndSave(page, 'approvals-xlsx.zip');
    await choose(form, page, 'Format', /^PDF/);
    const pdf = await exportAndSave(page, 'approvals-pdf.zip');

    // Both exports are listed with their SHA-256 and a download.
    const exportsTable = page.getByTestId('report-exports');
    await expect(exportsTable.getByRole('row').filter({ hasText: 'Ready' }).count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(artifactsDir, 'reports.png'), fullPage: true });

    for (const bundle of [xlsx, pdf]) {
      const result = await verifyWithCli(bundle, keyFile);
      expect(result.stdout).toContain('intact and signed');
      expect(result.code).toBe(0);
    }

    // A person can look at the PDF: its pages are rendered to PNG beside the other artifacts.
    const pdfFile = unzipSync(await readFile(pdf))['report.pdf']!;
    const { renderPdfPages } = (await import(
      path.join(repositoryRoot, 'apps', 'api', 'dist', 'reports', 'formats', 'pdf-pages.testing.js')
    )) as { renderPdfPages: (pdf: Uint8Array, outDir: string, prefix: string) => Promise<string[]> };
    const pages = await renderPdfPages(pdfFile, artifactsDir, 'approvals-report');
    expect(pages.length).toBeGreaterThanOrEqual(3);

    // Tampering is caught: one changed byte in the workbook and the command names the file.
    const files = unzipSync(await readFile(xlsx));
    const workbook = files['report.xlsx']!;
    workbook[workbook.length - 10] = workbook[workbook.length - 10]! ^ 0xff;
    const { zipSync } = await import('fflate');
    const tampered = path.join(journey.dataDir, 'tampered.zip');
    await writeFile(tampered, zipSync(files));
    const refused = await verifyWithCli(tampered, keyFile);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('FAIL report.xlsx');

    // Each export has its own page, with the bundle's SHA-256 and the audit-trail snapshot its manifest names.
    const sha256 = createHash('sha256')
      .update(await readFile(pdf))
      .digest('hex');
    await exportsTable.getByRole('link', { name: 'Approvals and decisions' }).first().click();
    await page.waitForURL((url) => /^\/reports\/exports\/[0-9a-f-]{36}$/.test(url.pathname));
    const facts = page.getByRole('table', { name: 'Export facts' });
    await facts.waitFor();
    await page.reload();
    await expect(facts.getByRole('row', { name: /SHA-256/ }).innerText({ timeout: 30_000 })).resolves.toContain(sha256);
    await expect(facts.getByRole('row', { name: /Audit trail read/ }).innerText()).resolves.toMatch(/events \d+ to \d+/);
    await page.close();
  });
});

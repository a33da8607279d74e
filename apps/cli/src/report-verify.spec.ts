import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileSha256, manifestBytes, type ReportManifest } from '@modelgate/domain/reports';
import { zipSync } from 'fflate';
import { describeVerification, verifyReportBundle } from './report-verify.js';

const keys = generateKeyPairSync('ed25519');
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const encode = (text: string) => new TextEncoder().encode(text);

function bundleZip(csv: string, tamper?: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const manifest: ReportManifest = {
    formatVersion: 1,
    reportType: 'audit-trail',
    title: 'Audit trail extract',
    filters: {},
    generatedAt: '2026-11-23T12:00:00.000Z',
    generator: { name: 'modelgate', version: '0.1.0' },
    snapshot: { firstAuditSeq: '1', lastAuditSeq: '2', chainHeadHash: 'cd'.repeat(32) },
    files: [{ name: 'audit.csv', sha256: fileSha256(encode(csv)), bytes: encode(csv).length, rows: 1, contentType: 'text/csv' }],
    signing: { algorithm: 'Ed25519', keyId: 'k', publicKey: publicPem },
  };
  const bytes = manifestBytes(manifest);
  const files: Record<string, Uint8Array> = {
    'manifest.json': bytes,
    'manifest.sig': encode(sign(null, bytes, keys.privateKey).toString('base64')),
    'audit.csv': encode(csv),
  };
  tamper?.(files);
  return zipSync(files);
}

describe('modelgate report verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mg-bundle-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts an untouched bundle with the trusted key, and names what was changed in a tampered one', async () => {
    const good = path.join(dir, 'good.zip');
    const keyFile = path.join(dir, 'key.pem');
    await writeFile(good, bundleZip('seq,action\n1,user.create\n'));
    await writeFile(keyFile, publicPem);
    const ok = await verifyReportBundle(good, keyFile);
    expect(ok.ok).toBe(true);
    expect(describeVerification(good, ok)).toContain('OK   audit.csv (25 bytes, 1 rows)');

    const bad = path.join(dir, 'bad.zip');
    await writeFile(
      bad,
      bundleZip('seq,action\n1,user.create\n', (files) => (files['audit.csv'] = encode('seq,action\n1,user.delete\n'))),
    );
    const tampered = await verifyReportBundle(bad, keyFile);
    expect(tampered.ok).toBe(false);
    expect(describeVerification(bad, tampered)).toContain('FAIL audit.csv does not match its SHA-256 in the manifest');
  });

  it('explains a file that is not a bundle', async () => {
    const junk = path.join(dir, 'junk.zip');
    await writeFile(junk, 'not a zip');
    await expect(verifyReportBundle(junk, undefined)).rejects.toThrow(/is not a report bundle/);
  });
});

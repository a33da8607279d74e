import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { fileSha256, manifestBytes, MANIFEST_FILE, SIGNATURE_FILE, verifyBundle, type ReportManifest } from './bundle.js';

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const check = (pem: string, message: Uint8Array, signature: Uint8Array) => verify(null, message, pem, signature);
const encode = (text: string) => new TextEncoder().encode(text);

function bundle(files: Record<string, string>, signer = keys.privateKey): Map<string, Uint8Array> {
  const manifest: ReportManifest = {
    formatVersion: 1,
    reportType: 'audit-trail',
    title: 'Audit trail extract',
    filters: { from: '2026-07-01' },
    generatedAt: '2026-11-23T12:00:00.000Z',
    generator: { name: 'modelgate', version: '0.1.0' },
    snapshot: { firstAuditSeq: '1', lastAuditSeq: '42', chainHeadHash: 'ab'.repeat(32) },
    files: Object.entries(files).map(([name, content]) => ({
      name,
      sha256: fileSha256(encode(content)),
      bytes: encode(content).length,
      rows: 2,
      contentType: 'text/csv',
    })),
    signing: { algorithm: 'Ed25519', keyId: 'k1', publicKey: publicPem },
  };
  const bytes = manifestBytes(manifest);
  return new Map([
    ...Object.entries(files).map(([name, content]) => [name, encode(content)] as const),
    [MANIFEST_FILE, bytes],
    [SIGNATURE_FILE, encode(Buffer.from(sign(null, bytes, signer)).toString('base64'))],
  ]);
}

describe('report bundles', () => {
  const files = { 'audit.csv': 'seq,action\n1,user.create\n', 'audit.json': '[{"seq":"1"}]' };

  it('verify when nothing was touched, with the key the auditor trusts', () => {
    expect(verifyBundle(bundle(files), check, publicPem)).toMatchObject({ ok: true, problems: [] });
  });

  it('name an altered byte, a removed file, an added file and a swapped file', () => {
    const flipped = bundle(files);
    const csv = flipped.get('audit.csv')!;
    csv[csv.length - 2] = csv[csv.length - 2]! ^ 1;
    expect(verifyBundle(flipped, check).problems).toEqual([
      { problem: 'ALTERED', file: 'audit.csv', detail: 'audit.csv does not match its SHA-256 in the manifest' },
    ]);
    const removed = bundle(files);
    removed.delete('audit.json');
    removed.set('extra.csv', encode('x'));
    expect(verifyBundle(removed, check).problems.map((p) => p.problem)).toEqual(['MISSING', 'UNLISTED']);
    const swapped = bundle(files);
    swapped.set('audit.json', bundle({ 'audit.json': '[]' }).get('audit.json')!);
    expect(verifyBundle(swapped, check).problems.map((p) => p.problem)).toEqual(['ALTERED']);
  });

  it('catch a rewritten manifest, a foreign signer and a key nobody trusts', () => {
    const rewritten = bundle(files);
    const text = new TextDecoder().decode(rewritten.get(MANIFEST_FILE)).replace('audit-trail', 'audit-trails');
    rewritten.set(MANIFEST_FILE, encode(text));
    expect(verifyBundle(rewritten, check).problems.map((p) => p.problem)).toEqual(['BAD_SIGNATURE']);
    expect(verifyBundle(bundle(files, otherKeys.privateKey), check).problems.map((p) => p.problem)).toEqual(['BAD_SIGNATURE']);
    const otherPem = otherKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyBundle(bundle(files), check, otherPem).problems.map((p) => p.problem)).toEqual(['UNTRUSTED_KEY']);
    const noManifest = bundle(files);
    noManifest.delete(MANIFEST_FILE);
    expect(verifyBundle(noManifest, check).problems.map((p) => p.problem)).toEqual(['NO_MANIFEST']);
  });
});

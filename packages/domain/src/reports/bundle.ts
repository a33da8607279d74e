import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

/**
 * A report bundle: the report's files, a manifest that lists each with its SHA-256, and a signature of
 * the manifest's exact bytes by the instance's Ed25519 key. Anyone holding the bundle (and, to trust
 * it, the instance's public key) can check offline that nothing was altered, added or removed.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

export const reportManifestSchema = z.object({
  formatVersion: z.literal(1),
  reportType: z.string().min(1),
  title: z.string().min(1),
  /** The filters the report was made with, as given. */
  filters: z.record(z.string(), z.unknown()),
  generatedAt: z.string(),
  generator: z.object({ name: z.literal('modelgate'), version: z.string() }),
  /** The audit trail the data was read alongside: the report is consistent with the chain up to here. */
  snapshot: z.object({
    firstAuditSeq: z.string().nullable(),
    lastAuditSeq: z.string().nullable(),
    chainHeadHash: z.string().nullable(),
  }),
  files: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be a plain file name'),
        sha256: sha256Hex,
        bytes: z.number().int().min(0),
        rows: z.number().int().min(0).nullable(),
        contentType: z.string(),
      }),
    )
    .min(1),
  signing: z.object({
    algorithm: z.literal('Ed25519'),
    keyId: z.string(),
    /** The public key, PEM (SPKI). Compare it with the instance's published key before trusting it. */
    publicKey: z.string(),
  }),
});
export type ReportManifest = z.output<typeof reportManifestSchema>;

export const fileSha256 = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

export type BundleProblem =
  | { problem: 'NO_MANIFEST' | 'BAD_MANIFEST' | 'NO_SIGNATURE' | 'BAD_SIGNATURE' | 'UNTRUSTED_KEY'; detail: string }
  | { problem: 'MISSING' | 'ALTERED' | 'UNLISTED'; file: string; detail: string };

export type BundleVerification = { ok: boolean; manifest: ReportManifest | null; problems: BundleProblem[] };

/** Ed25519 verification, supplied by the caller (node:crypto on servers and the command line). */
export type SignatureCheck = (publicKeyPem: string, message: Uint8Array, signature: Uint8Array) => boolean;

/**
 * Checks a bundle given as its files: the manifest parses, its signature holds for its exact bytes,
 * the key is the one the caller trusts (when given), and every file is listed, present and unchanged.
 * Names every problem rather than stopping at the first.
 */
export function verifyBundle(
  files: ReadonlyMap<string, Uint8Array>,
  checkSignature: SignatureCheck,
  trustedPublicKeyPem?: string,
): BundleVerification {
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes)
    return { ok: false, manifest: null, problems: [{ problem: 'NO_MANIFEST', detail: `${MANIFEST_FILE} is missing` }] };
  let manifest: ReportManifest;
  try {
    manifest = reportManifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch (error) {
    return {
      ok: false,
      manifest: null,
      problems: [
        {
          problem: 'BAD_MANIFEST',
          detail: `${MANIFEST_FILE} is not a valid manifest: ${(error as Error).message.slice(0, 300)}`,
        },
      ],
    };
  }
  const problems: BundleProblem[] = [];
  const signature = files.get(SIGNATURE_FILE);
  if (!signature) {
    problems.push({ problem: 'NO_SIGNATURE', detail: `${SIGNATURE_FILE} is missing` });
  } else {
    const raw = decodeBase64(new TextDecoder().decode(signature).trim());
    if (!raw || !checkSignature(manifest.signing.publicKey, manifestBytes, raw)) {
      problems.push({
        problem: 'BAD_SIGNATURE',
        detail: 'the signature does not match the manifest: the manifest was changed, or signed by another key',
      });
    }
  }
  if (trustedPublicKeyPem !== undefined && normalisePem(trustedPublicKeyPem) !== normalisePem(manifest.signing.publicKey)) {
    problems.push({ problem: 'UNTRUSTED_KEY', detail: 'the bundle was signed with a key other than the one you trust' });
  }
  const listed = new Set(manifest.files.map((file) => file.name));
  for (const file of manifest.files) {
    const bytes = files.get(file.name);
    if (!bytes) problems.push({ problem: 'MISSING', file: file.name, detail: `${file.name} is listed but not in the bundle` });
    else if (fileSha256(bytes) !== file.sha256 || bytes.length !== file.bytes) {
      problems.push({ problem: 'ALTERED', file: file.name, detail: `${file.name} does not match its SHA-256 in the manifest` });
    }
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.has(name)) {
      problems.push({ problem: 'UNLISTED', file: name, detail: `${name} is in the bundle but not in the manifest` });
    }
  }
  return { ok: problems.length === 0, manifest, problems };
}

/** The manifest's bytes as signed: canonical enough to be stable, readable enough for people. */
export function manifestBytes(manifest: ReportManifest): Uint8Array {
  return utf8ToBytes(`${JSON.stringify(manifest, null, 2)}\n`);
}

function normalisePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

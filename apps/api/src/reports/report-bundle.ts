import { createHash, sign } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, manifestBytes, SIGNATURE_FILE, type ReportManifest } from '@modelgate/domain/reports';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { SigningKey } from '../audit/checkpoint-signature.js';

/** Formats that are already compressed gain nothing from deflate. */
const STORED_AS_IS = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

/** How much zipped output may wait in memory for the disk before reading pauses. */
const HIGH_WATER_BYTES = 8 * 1024 * 1024;

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function signManifest(manifest: ReportManifest, key: SigningKey): { manifest: Uint8Array; signature: string } {
  const bytes = manifestBytes(manifest);
  return { manifest: bytes, signature: sign(null, bytes, key.privateKey).toString('base64') };
}

/**
 * Zips the report's files (streamed from `directory`), the manifest and its signature into `bundlePath`.
 * Reading waits whenever the output stream is behind, so a bundle of any size passes in bounded memory.
 */
export async function writeBundle(
  bundlePath: string,
  directory: string,
  files: ReadonlyArray<{ name: string; contentType: string }>,
  signed: { manifest: Uint8Array; signature: string },
): Promise<{ sha256: string; bytes: number }> {
  const out = createWriteStream(bundlePath);
  const hash = createHash('sha256');
  let bytes = 0;
  // Set by fflate's callback; a holder object so the checks below are not narrowed away.
  const zipping: { failure: Error | null } = { failure: null };
  const finished = new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.on('finish', resolve);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      zipping.failure = error;
      out.destroy(error);
      return;
    }
    hash.update(chunk);
    bytes += chunk.length;
    out.write(chunk);
    if (final) out.end();
  });
  const add = (name: string, compress: boolean) => {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    return entry;
  };
  for (const file of files) {
    const entry = add(file.name, !STORED_AS_IS.has(file.contentType));
    for await (const chunk of createReadStream(path.join(directory, file.name)) as AsyncIterable<Buffer>) {
      entry.push(chunk);
      if (zipping.failure) throw zipping.failure;
      if (out.writableLength > HIGH_WATER_BYTES) await once(out, 'drain');
    }
    entry.push(new Uint8Array(0), true);
  }
  add(MANIFEST_FILE, true).push(signed.manifest, true);
  add(SIGNATURE_FILE, false).push(new TextEncoder().encode(`${signed.signature}\n`), true);
  zip.end();
  await finished;
  if (zipping.failure) throw zipping.failure;
  return { sha256: hash.digest('hex'), bytes };
}

import { createHash, sign } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { MANIFEST_FILE, manifestBytes, SIGNATURE_FILE, type ReportManifest } from '@modelgate/domain/reports';
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import type { SigningKey } from '../audit/checkpoint-signature.js';
import type { DeflatedFile } from './formats/report-document.js';

/** Formats that are already compressed gain nothing from deflate. */
const STORED_AS_IS = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

/**
 * zlib's fastest level: on a million-event CSV extract (550 MB) it deflates in half the time of the default level 6
 * for a bundle 6% larger (43 MB rather than 40 MB), and deflating was the longest step of the export.
 */
export const DEFLATE_LEVEL = 1;

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
 * Reading waits whenever compression or the output stream is behind, so a bundle of any size passes in
 * bounded memory; compression runs in node:zlib, off the event loop.
 */
export async function writeBundle(
  bundlePath: string,
  directory: string,
  files: ReadonlyArray<{ name: string; contentType: string; bytes: number; deflated?: DeflatedFile }>,
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
    const entry = new ZipEntry(name, compress);
    zip.add(entry);
    return entry;
  };
  for (const file of files) {
    if (file.deflated) {
      const entry = new DeflatedZipEntry(file.name, file.deflated.crc32, file.bytes);
      zip.add(entry);
      for await (const chunk of createReadStream(path.join(directory, file.deflated.file)) as AsyncIterable<Buffer>) {
        entry.push(chunk);
        if (zipping.failure) throw zipping.failure;
        if (out.writableLength > HIGH_WATER_BYTES) await once(out, 'drain');
      }
      entry.end();
      continue;
    }
    const entry = add(file.name, !STORED_AS_IS.has(file.contentType));
    for await (const chunk of createReadStream(path.join(directory, file.name)) as AsyncIterable<Buffer>) {
      await entry.push(chunk);
      if (zipping.failure) throw zipping.failure;
      if (out.writableLength > HIGH_WATER_BYTES) await once(out, 'drain');
    }
    await entry.end();
  }
  const manifest = add(MANIFEST_FILE, true);
  await manifest.push(signed.manifest);
  await manifest.end();
  const signature = add(SIGNATURE_FILE, false);
  await signature.push(new TextEncoder().encode(`${signed.signature}\n`));
  await signature.end();
  zip.end();
  await finished;
  if (zipping.failure) throw zipping.failure;
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * One file of the bundle for fflate's Zip, stored or deflated by node:zlib. fflate's own deflate and CRC
 * are JavaScript on the main thread: on a million-row CSV they took half the export's CPU and kept
 * /healthz waiting; zlib deflates on the libuv thread pool, and `push` waits while it is behind.
 */
class ZipEntry implements ZipInputFile {
  readonly compression: number;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflate: DeflateRaw | null;
  private failure: Error | null = null;

  constructor(
    readonly filename: string,
    compress: boolean,
  ) {
    this.compression = compress ? 8 : 0;
    this.deflate = compress ? createDeflateRaw({ level: DEFLATE_LEVEL }) : null;
    this.deflate?.on('data', (chunk: Buffer) => this.ondata?.(null, unshared(chunk), false));
    this.deflate?.on('error', (error) => (this.failure = error));
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    if (!this.deflate) this.ondata?.(null, unshared(chunk), false);
    else if (!this.deflate.write(chunk)) await once(this.deflate, 'drain');
  }

  async end(): Promise<void> {
    if (this.deflate) {
      const ended = once(this.deflate, 'end');
      this.deflate.end();
      await ended;
    }
    if (this.failure) throw this.failure;
    this.ondata?.(null, new Uint8Array(0), true);
  }
}

/** A file its writer already deflated (see `DeflatedFile`): its compressed bytes go into the zip as they are. */
class DeflatedZipEntry implements ZipInputFile {
  readonly compression = 8;
  ondata?: AsyncFlateStreamHandler;

  constructor(
    readonly filename: string,
    readonly crc: number,
    readonly size: number,
  ) {}

  push(chunk: Uint8Array): void {
    this.ondata?.(null, unshared(chunk), false);
  }

  end(): void {
    this.ondata?.(null, new Uint8Array(0), true);
  }
}

/** fflate's types want memory that is not shared; file and zlib buffers never are. */
const unshared = (chunk: Uint8Array) => chunk as Uint8Array<ArrayBuffer>;

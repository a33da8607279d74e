import { createHash, sign } from 'node:crypto';
import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { MANIFEST_FILE, manifestBytes, SIGNATURE_FILE, type ReportManifest } from '@modelgate/domain/reports';
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import type { SigningKey } from '../audit/checkpoint-signature.js';
import { readInReusedBuffers } from './file-chunks.js';
import type { DeflatedFile } from './formats/report-document.js';

/** Formats that are already compressed gain nothing from deflate. */
const STORED_AS_IS = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

/**
 * zlib's fastest level: on a million-event CSV extract (550 MB) it deflates in half the time of the default level 6
 * for a bundle 6% larger (43 MB rather than 40 MB), and deflating was the longest step of the export.
 */
export const DEFLATE_LEVEL = 1;

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const bytes = await readInReusedBuffers(handle, (chunk) => {
      hash.update(chunk);
      return Promise.resolve();
    });
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

export function signManifest(manifest: ReportManifest, key: SigningKey): { manifest: Uint8Array; signature: string } {
  const bytes = manifestBytes(manifest);
  return { manifest: bytes, signature: sign(null, bytes, key.privateKey).toString('base64') };
}

/**
 * Zips the report's files (read from `directory`), the manifest and its signature into `bundlePath`. Files are read
 * into two reused buffers (`readInReusedBuffers`) and a buffer is read into again only once the zipped bytes it gave
 * are on disk, so a bundle of any size passes in a few megabytes, without the churn of fresh buffers that made V8
 * collect garbage over and over; compression runs in node:zlib, off the event loop.
 */
export async function writeBundle(
  bundlePath: string,
  directory: string,
  files: ReadonlyArray<{ name: string; contentType: string; bytes: number; deflated?: DeflatedFile }>,
  signed: { manifest: Uint8Array; signature: string },
): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(bundlePath, 'w');
  try {
    const output = new HashedOutput(handle);
    // Set by fflate's callback; a holder object so the checks below are not narrowed away.
    const zipping: { failure: Error | null } = { failure: null };
    const zip = new Zip((error, chunk) => {
      if (error) zipping.failure = error;
      else output.write(chunk);
    });
    const zipped = async () => {
      if (zipping.failure) throw zipping.failure;
      await output.written();
    };
    for (const file of files) {
      const source = await open(path.join(directory, file.deflated?.file ?? file.name), 'r');
      try {
        if (file.deflated) {
          const entry = new DeflatedZipEntry(file.name, file.deflated.crc32, file.bytes);
          zip.add(entry);
          await readInReusedBuffers(source, (chunk) => {
            entry.push(chunk);
            return zipped();
          });
          entry.end();
        } else {
          const entry = new ZipEntry(file.name, !STORED_AS_IS.has(file.contentType));
          zip.add(entry);
          await readInReusedBuffers(source, async (chunk) => {
            await entry.push(chunk);
            await zipped();
          });
          await entry.end();
        }
      } finally {
        await source.close();
      }
    }
    const manifest = new ZipEntry(MANIFEST_FILE, true);
    zip.add(manifest);
    await manifest.push(signed.manifest);
    await manifest.end();
    const signature = new ZipEntry(SIGNATURE_FILE, false);
    zip.add(signature);
    await signature.push(new TextEncoder().encode(`${signed.signature}\n`));
    await signature.end();
    zip.end();
    await zipped();
    return output.digest();
  } finally {
    await handle.close();
  }
}

/**
 * The bundle file as fflate hands out its bytes: each chunk is hashed and appended in order, and `written` says when
 * every chunk so far is on disk (so the buffer it came from may be reused).
 */
class HashedOutput {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly handle: FileHandle) {}

  write(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.tail = this.tail.then(() => writeAll(this.handle, chunk));
    // Seen by the next `written`; until then a failure must not count as unhandled.
    this.tail.catch(() => undefined);
  }

  written(): Promise<void> {
    return this.tail;
  }

  digest(): { sha256: string; bytes: number } {
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.length;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
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
    if (!this.deflate) {
      this.ondata?.(null, unshared(chunk), false);
      return;
    }
    // Once zlib calls back it has consumed the chunk, and the caller may reuse its buffer.
    const deflate = this.deflate;
    await new Promise<void>((resolve, reject) => deflate.write(chunk, (error) => (error ? reject(error) : resolve())));
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

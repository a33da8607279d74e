import { createHash, randomBytes, verify } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MANIFEST_FILE, SIGNATURE_FILE, verifyBundle, type ReportManifest } from '@modelgate/domain/reports';
import { unzipSync } from 'fflate';
import { generateSigningKey } from '../audit/checkpoint-signature.js';
import { CHUNK_BYTES, readInReusedBuffers, sendFileBody } from './file-chunks.js';
import { signManifest, writeBundle } from './report-bundle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes that deflate a little (so a deflated file is still several chunks long) and are never the same twice. */
function contentOf(bytes: number): Buffer {
  const content = randomBytes(bytes);
  for (let at = 0; at < bytes; at += 3) content[at] = 0x2c;
  return content;
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'file-chunks-'));
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

const fileOf = async (name: string, content: Buffer) => {
  const file = path.join(directory, name);
  await writeFile(file, content);
  return file;
};

describe('reading files in reused buffers', () => {
  it('hands over a file many times the buffer exactly, and refills a buffer only once its chunk is released', async () => {
    const content = contentOf(10 * 4096 + 123);
    const handle = await open(await fileOf('large.bin', content), 'r');
    const received: Buffer[] = [];
    try {
      const bytes = await readInReusedBuffers(
        handle,
        async (chunk) => {
          const copy = Buffer.from(chunk);
          // Held a while, as a disk or socket write would: its buffer must not change meanwhile.
          await sleep(2);
          expect(chunk.equals(copy)).toBe(true);
          received.push(copy);
        },
        4096,
      );
      expect(bytes).toBe(content.length);
    } finally {
      await handle.close();
    }
    expect(received.map((chunk) => chunk.length)).toEqual([...Array<number>(10).fill(4096), 123]);
    expect(Buffer.concat(received).equals(content)).toBe(true);
  });

  it('hands over nothing for an empty file', async () => {
    const handle = await open(await fileOf('empty.bin', Buffer.alloc(0)), 'r');
    const received: Buffer[] = [];
    try {
      expect(
        await readInReusedBuffers(handle, (chunk) => {
          received.push(chunk);
          return Promise.resolve();
        }),
      ).toBe(0);
    } finally {
      await handle.close();
    }
    expect(received).toEqual([]);
  });

  it('fails with the first failed write', async () => {
    const handle = await open(await fileOf('failing.bin', contentOf(5 * 1024)), 'r');
    let writes = 0;
    try {
      await expect(
        readInReusedBuffers(
          handle,
          () => {
            writes += 1;
            return writes === 2 ? Promise.reject(new Error('disk full')) : Promise.resolve();
          },
          1024,
        ),
      ).rejects.toThrow('disk full');
    } finally {
      await handle.close();
    }
    expect(writes).toBeLessThanOrEqual(3);
  });

  describe('sending a file as a response body', () => {
    let server: Server;
    let url: string;
    let served: string;
    /** What the server says the file holds; the file's own size unless a test sets it. */
    let announcedSize: number | undefined;
    let lastResponse: ServerResponse;
    let outcome: Promise<unknown>;

    beforeAll(async () => {
      server = createServer((_request, response) => {
        lastResponse = response;
        outcome = (async () => {
          const handle = await open(served, 'r');
          try {
            const size = announcedSize ?? (await handle.stat()).size;
            response.writeHead(200, { 'content-length': size });
            await sendFileBody(response, handle, size);
          } catch (error) {
            response.destroy();
            throw error;
          } finally {
            await handle.close();
          }
        })();
        outcome.catch(() => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });

    beforeEach(() => {
      announcedSize = undefined;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends a file larger than its buffers exactly', async () => {
      const content = contentOf(3 * CHUNK_BYTES + 777);
      served = await fileOf('download.bin', content);
      const response = await fetch(url);
      const body = Buffer.from(await response.arrayBuffer());
      await outcome;
      expect(response.status).toBe(200);
      expect(body.length).toBe(content.length);
      expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    });

    it('has ended the response by the time the client has the last byte, and keeps the connection alive', async () => {
      served = await fileOf('ended.bin', contentOf(2 * CHUNK_BYTES + 5));
      const response = await fetch(url);
      await response.arrayBuffer();
      // A shutdown that starts now finds the connection idle, not serving a response it then waits on.
      expect(lastResponse.writableEnded).toBe(true);
      expect(response.headers.get('connection')).toBe('keep-alive');
      await outcome;
    });

    it('sends an empty file', async () => {
      served = await fileOf('empty.bin', Buffer.alloc(0));
      const response = await fetch(url);
      expect((await response.arrayBuffer()).byteLength).toBe(0);
      await outcome;
    });

    it('sends only the announced bytes of a file that grew, and fails on one that is shorter', async () => {
      const content = contentOf(CHUNK_BYTES + 10);
      served = await fileOf('grown.bin', content);
      announcedSize = CHUNK_BYTES + 3;
      const grown = Buffer.from(await (await fetch(url)).arrayBuffer());
      await outcome;
      expect(grown.equals(content.subarray(0, CHUNK_BYTES + 3))).toBe(true);

      announcedSize = content.length + 1;
      const short = await fetch(url);
      await expect(short.arrayBuffer()).rejects.toThrow();
      await expect(outcome).rejects.toThrow(`the file ended after ${content.length} of its ${content.length + 1} bytes`);
    });

    it('stops, and says so, when the client goes away before the end', async () => {
      served = await fileOf('abandoned.bin', contentOf(64 * CHUNK_BYTES));
      const aborting = new AbortController();
      const response = await fetch(url, { signal: aborting.signal });
      const reader = response.body!.getReader();
      await reader.read();
      aborting.abort();
      await expect(outcome).rejects.toThrow();
    });
  });
});

describe('writeBundle', () => {
  it('zips an already deflated file larger than its buffers, a stored and a compressed one; the bundle verifies', async () => {
    const csv = contentOf(3 * CHUNK_BYTES + 4321);
    const deflated = deflateRawSync(csv, { level: 1 });
    expect(deflated.length).toBeGreaterThan(2 * CHUNK_BYTES);
    await writeFile(path.join(directory, 'extract.csv.deflate'), deflated);
    const pdf = contentOf(CHUNK_BYTES + 1);
    await writeFile(path.join(directory, 'report.pdf'), pdf);
    const json = Buffer.from(JSON.stringify({ rows: Array.from({ length: 20_000 }, (_, n) => ({ n })) }));
    await writeFile(path.join(directory, 'report.json'), json);

    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const files = [
      { name: 'audit-events.csv', contentType: 'text/csv', bytes: csv.length, rows: 1, sha256: sha256(csv) },
      { name: 'report.pdf', contentType: 'application/pdf', bytes: pdf.length, rows: null, sha256: sha256(pdf) },
      { name: 'report.json', contentType: 'application/json', bytes: json.length, rows: null, sha256: sha256(json) },
    ];
    const key = generateSigningKey();
    const publicKeyPem = key.publicKeyPem;
    const manifest: ReportManifest = {
      formatVersion: 1,
      reportType: 'AUDIT_TRAIL',
      title: 'Audit trail',
      filters: {},
      generatedAt: new Date(0).toISOString(),
      generator: { name: 'modelgate', version: 'test' },
      snapshot: { firstAuditSeq: null, lastAuditSeq: null, chainHeadHash: null },
      files,
      signing: { algorithm: 'Ed25519', keyId: 'test', publicKey: publicKeyPem },
    };
    const bundlePath = path.join(directory, 'bundle.zip');
    const written = await writeBundle(
      bundlePath,
      directory,
      [{ ...files[0]!, deflated: { file: 'extract.csv.deflate', crc32: crc32(csv) } }, files[1]!, files[2]!],
      signManifest(manifest, key),
    );

    const bundle = await readFile(bundlePath);
    expect(written).toEqual({ sha256: sha256(bundle), bytes: bundle.length });
    const entries = unzipSync(bundle);
    expect(Object.keys(entries).sort()).toEqual([MANIFEST_FILE, SIGNATURE_FILE, ...files.map((file) => file.name)].sort());
    expect(Buffer.from(entries['audit-events.csv']!).equals(csv)).toBe(true);
    const verification = verifyBundle(
      new Map(Object.entries(entries)),
      (key, message, signature) => verify(null, message, key, signature),
      publicKeyPem,
    );
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
  });
});

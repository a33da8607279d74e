import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** How much of a file is read at a time when a bundle is written or downloaded. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a whole file into two buffers allocated once, in turn, and hands each filled part to `write`; a buffer is
 * filled again only once the promise `write` returned for it has settled, so `write` may keep the chunk until then
 * (a disk or socket write in flight) but not after. Reading the next part overlaps writing the last one.
 *
 * Why not a read stream: it allocates a new 64 KB buffer per chunk. Copying a 100 MB file that way is 100 MB of new
 * off-heap memory with next to no JavaScript allocation, which V8 answers with back-to-back full collections (external
 * memory pressure) that held the event loop 20-40 ms each, several times per export.
 */
export async function readInReusedBuffers(
  file: FileHandle,
  write: (chunk: Buffer) => Promise<void>,
  chunkBytes = CHUNK_BYTES,
): Promise<number> {
  const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)] as const;
  const released: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  let position = 0;
  for (let turn = 0; ; turn ^= 1) {
    await released[turn];
    const buffer = buffers[turn]!;
    const { bytesRead } = await file.read(buffer, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    released[turn] = write(buffer.subarray(0, bytesRead));
    // Awaited on this buffer's next turn (or below); until then a failure must not count as unhandled.
    released[turn]!.catch(() => undefined);
  }
  await Promise.all(released);
  return position;
}

/**
 * Writes the first `size` bytes of a file as the body of `response` (whose head the caller has written, with that
 * length) in reused buffers: a buffer is read into again once the socket has taken what it held. Rejects if the
 * client goes away first, or if the file is shorter than `size`.
 *
 * The last part goes out with `end()`, so the response has finished before the client can have its last byte: a
 * client that has the whole file finds the server done with the request (a shutdown right then does not wait on it).
 * The connection stays open for the next request: closing it after the body trips Node's own fetch (undici) when it
 * is holding the body back as the close arrives, an AssertionError instead of the file.
 */
export async function sendFileBody(response: Writable, file: FileHandle, size: number): Promise<void> {
  if (size === 0) {
    response.end();
    return;
  }
  const closed = new Promise<never>((_resolve, reject) =>
    response.once('close', () => reject(new Error('the client closed the connection before the end of the file'))),
  );
  // Only a failure while writing counts; after the end, closing is normal.
  closed.catch(() => undefined);
  let sent = 0;
  const send = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      if (sent === size) response.end(part, done);
      else response.write(part, done);
    });
  const read = await readInReusedBuffers(file, (chunk) =>
    sent === size ? Promise.resolve() : Promise.race([closed, send(chunk)]),
  );
  if (read < size) {
    throw new Error(`the file ended after ${read} of its ${size} bytes`);
  }
}

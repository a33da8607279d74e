import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, CliError } from './api-client.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('ApiClient', () => {
  it('turns an unreachable server into a CLI error with exit code 2', async () => {
    const client = new ApiClient(`http://127.0.0.1:${await freePort()}`, { token: 'mgt_x' });
    const attempt = client.query('{ viewer { id } }');
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('cannot reach') });
  });
});

describe('ApiClient.download', () => {
  let directory: string;
  let server: Server;
  let baseUrl: string;
  /** What the server does with the next download request. */
  let respond: (response: ServerResponse) => void;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'modelgate-cli-download-'));
    server = createServer((_request, response) => respond(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  const content = Buffer.from('PK\u0003\u0004 a bundle '.repeat(5_000));
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const client = () => new ApiClient(baseUrl, { token: 'mgt_x' });

  it('saves the file when its SHA-256 is the one announced', async () => {
    respond = (response) => {
      response.writeHead(200, { 'content-length': content.length, 'x-content-sha256': sha256(content) });
      response.end(content);
    };
    const file = path.join(directory, 'good.zip');
    await client().download('/bundle', file);
    expect((await readFile(file)).equals(content)).toBe(true);
    expect(await readdir(directory)).toEqual(['good.zip']);
  });

  it('refuses a file whose SHA-256 differs, and keeps what was there before', async () => {
    const file = path.join(directory, 'kept.zip');
    await writeFile(file, 'the earlier bundle');
    respond = (response) => {
      response.writeHead(200, { 'content-length': content.length, 'x-content-sha256': sha256(Buffer.from('other')) });
      response.end(content);
    };
    const attempt = client().download('/bundle', file);
    await expect(attempt).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('download corrupted') });
    expect(await readFile(file, 'utf8')).toBe('the earlier bundle');
    expect((await readdir(directory)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('leaves no file behind when the transfer is cut short', async () => {
    respond = (response) => {
      response.writeHead(200, { 'content-length': content.length, 'x-content-sha256': sha256(content) });
      response.write(content.subarray(0, 1000), () => response.destroy());
    };
    const file = path.join(directory, 'cut.zip');
    const attempt = client().download('/bundle', file);
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 1 });
    expect((await readdir(directory)).filter((name) => name.startsWith('cut.zip'))).toEqual([]);
  });
});

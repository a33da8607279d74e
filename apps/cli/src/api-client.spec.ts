import { describe, expect, it } from '@jest/globals';
import net from 'node:net';
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

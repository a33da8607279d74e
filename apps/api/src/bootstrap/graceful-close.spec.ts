import { request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { closeIdleConnectionsUntilClosed } from './graceful-close.js';

/** Far below the server's keep-alive timeout (72 s), far above the sweep (100 ms). */
const CLOSE_WITHIN_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms, 'still closing'));

describe('closing the server with a request in flight', () => {
  let agent: Agent;
  let app: FastifyInstance;

  afterEach(async () => {
    agent.destroy();
    app.server.closeAllConnections();
    await app.close();
  });

  /**
   * Starts a POST whose body is only half sent, so the request is still in flight, starts closing the server, then
   * sends the rest: the answer goes out on a connection the client keeps alive.
   */
  async function answerDuringClose() {
    app = Fastify({ return503OnClosing: true });
    closeIdleConnectionsUntilClosed(app);
    app.post('/echo', (req, reply) => reply.send({ got: req.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    agent = new Agent({ keepAlive: true });
    const body = JSON.stringify({ hello: 'world' });
    const answered = new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: (app.server.address() as AddressInfo).port,
          method: 'POST',
          path: '/echo',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, text, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await sleep(100);
    const closed = app.close().then(() => 'closed');
    const answer = await answered;
    return { answer, closing: await Promise.race([closed, sleep(CLOSE_WITHIN_MS)]) };
  }

  // Without the sweep, the close waits on that connection until the keep-alive timeout.
  it('answers it, then closes its kept-alive connection instead of waiting on it', async () => {
    const { answer, closing } = await answerDuringClose();
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ got: { hello: 'world' } }), connection: 'keep-alive' });
    expect(closing).toBe('closed');
  });
});

import type { FastifyInstance } from 'fastify';

/** How often, while the server closes, connections that have just become idle are closed. */
const SWEEP_EVERY_MS = 100;

/**
 * Lets a shutdown finish once the requests in flight have been answered. Closing the server closes the connections
 * idle at that moment, once; a connection still serving a request is skipped and, once its response is out, stays
 * open as a kept-alive connection that the close then waits on until the client gives it up (72 s by default), past
 * any shutdown deadline. So, until the server has closed, idle connections are closed again every 100 ms.
 */
export function closeIdleConnectionsUntilClosed(fastify: FastifyInstance): void {
  let sweep: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', (done) => {
    sweep = setInterval(() => fastify.server.closeIdleConnections(), SWEEP_EVERY_MS);
    sweep.unref();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = {
  method: string;
  path: string;
  /** Lower-case names, as Node gives them. */
  headers: http.IncomingHttpHeaders;
  /** The body exactly as received, for signature checks. */
  body: string;
  /** The status this receiver answered with; null when it did not answer at all. */
  status: number | null;
};

export type ReceiverAnswer = number | 'no-answer';

export type WebhookReceiver = {
  /** `http://127.0.0.1:<port>/hooks`; any path is accepted. */
  url: string;
  /** Every request so far, oldest first. */
  requests: ReceivedRequest[];
  /**
   * Answers the next requests with these statuses, in order (e.g. 503, 503), then with the default
   * again. `'no-answer'` reads the request and never responds (until `close()`), to test timeouts.
   */
  respondWith(...statuses: ReceiverAnswer[]): void;
  /** The status answered when no queued one is left (200 unless changed). */
  setDefaultStatus(status: number): void;
  /** Waits until `count` requests have arrived; throws after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
};

/** A real HTTP server on 127.0.0.1 and a random port that records what webhooks send it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const queued: ReceiverAnswer[] = [];
  let defaultStatus = 200;
  const waiters = new Set<() => void>();

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = queued.shift() ?? defaultStatus;
      const status = answer === 'no-answer' ? null : answer;
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      if (status !== null) response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    respondWith(...statuses) {
      queued.push(...statuses);
    },
    setDefaultStatus(status) {
      defaultStatus = status;
    },
    waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} webhook request(s) within ${timeoutMs} ms, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from the sender would otherwise hold the server open.
        server.closeAllConnections();
      });
    },
  };
}

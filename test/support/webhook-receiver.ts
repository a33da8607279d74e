import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, with the raw body bytes (what the signature covers). */
export type ReceivedWebhook = {
  deliveryId: string | null;
  event: string | null;
  signature: string | null;
  body: Buffer;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
};

const header = (request: http.IncomingMessage, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
};

/** An HTTP endpoint on 127.0.0.1 that accepts every webhook (200) and keeps what it got. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        deliveryId: header(request, 'modelgate-delivery'),
        event: header(request, 'modelgate-event'),
        signature: header(request, 'modelgate-signature'),
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/modelgate-webhooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

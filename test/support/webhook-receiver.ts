import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as it arrived, with the raw body bytes (what the signature covers) and the body's own id. */
export type ReceivedWebhook = {
  /** The `Modelgate-Delivery` header: the delivery id, the same on every attempt. */
  deliveryId: string | null;
  event: string | null;
  signature: string | null;
  body: Buffer;
  payloadId: string | null;
  /** False when the receiver held the request without answering (see `setMode`). */
  answered: boolean;
  at: number;
};

export type WebhookReceiver = {
  url: string;
  /** Every delivery that arrived, oldest first, whether or not it was answered. */
  received: ReceivedWebhook[];
  /** `answer`: 200 at once. `hold`: read the request and never answer, so the sender's attempt stays in flight. */
  setMode(mode: 'answer' | 'hold'): void;
  /** How often each delivery id arrived. */
  counts(): Map<string | null, number>;
  close(): Promise<void>;
};

const header = (request: http.IncomingMessage, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
};

function payloadIdOf(body: Buffer): string | null {
  try {
    return (JSON.parse(body.toString('utf8')) as { id?: string }).id ?? null;
  } catch {
    return null;
  }
}

/**
 * A webhook endpoint on 127.0.0.1 that keeps what it got. It records a delivery as soon as it arrives, as a receiver
 * that acts on it would, so a delivery sent again after a lost answer shows up twice.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const held = new Set<http.ServerResponse>();
  let mode: 'answer' | 'hold' = 'answer';

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const answered = mode === 'answer';
      received.push({
        deliveryId: header(request, 'modelgate-delivery'),
        event: header(request, 'modelgate-event'),
        signature: header(request, 'modelgate-signature'),
        body,
        payloadId: payloadIdOf(body),
        answered,
        at: Date.now(),
      });
      if (answered) {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } else {
        held.add(response);
        response.on('close', () => held.delete(response));
      }
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
    setMode: (next) => {
      mode = next;
    },
    counts: () => {
      const counts = new Map<string | null, number>();
      for (const { deliveryId } of received) counts.set(deliveryId, (counts.get(deliveryId) ?? 0) + 1);
      return counts;
    },
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as it arrived: the `Modelgate-Delivery` header (the delivery id), the event and the body's own id. */
export type ReceivedDelivery = { deliveryId: string; event: string; payloadId: string | null; answered: boolean; at: number };

export type CountingReceiver = {
  url: string;
  /** Every delivery that arrived, oldest first, whether or not it was answered. */
  received: ReceivedDelivery[];
  /** `answer`: 200 at once. `hold`: read the request and never answer, so the sender's attempt stays in flight. */
  setMode(mode: 'answer' | 'hold'): void;
  /** How often each delivery id arrived. */
  counts(): Map<string, number>;
  close(): Promise<void>;
};

/**
 * A webhook receiver on 127.0.0.1 that counts deliveries by id. It records a delivery as soon as it arrives, as a
 * receiver that acts on it would, so a delivery sent again after a lost answer shows up twice.
 */
export async function startCountingReceiver(): Promise<CountingReceiver> {
  const received: ReceivedDelivery[] = [];
  const held = new Set<http.ServerResponse>();
  let mode: 'answer' | 'hold' = 'answer';

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let payloadId: string | null;
      try {
        payloadId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string }).id ?? null;
      } catch {
        payloadId = null;
      }
      const answered = mode === 'answer';
      received.push({
        deliveryId: String(request.headers['modelgate-delivery'] ?? ''),
        event: String(request.headers['modelgate-event'] ?? ''),
        payloadId,
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
    url: `http://127.0.0.1:${port}/modelgate-hooks`,
    received,
    setMode: (next) => {
      mode = next;
    },
    counts: () => {
      const counts = new Map<string, number>();
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

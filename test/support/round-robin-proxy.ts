import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on: which upstream answered, and what it answered. */
export type ProxiedRequest = {
  upstream: string;
  method: string;
  path: string;
  /** The `mg_session` cookie value sent with the request, if any. */
  session: string | null;
  csrfToken: boolean;
  status: number;
  /** Upstreams that refused the connection before this one answered (each tried at most once). */
  skipped: string[];
};

export type RoundRobinProxy = {
  baseUrl: string;
  /** Every request passed on, in the order they were answered. */
  log: ProxiedRequest[];
  /** Requests answered per upstream name. */
  served(): Record<string, number>;
  close(): Promise<void>;
};

/** Response header naming the upstream that answered, so a client can tell who served each request. */
export const UPSTREAM_HEADER = 'x-served-by';

/** Hop-by-hop headers (RFC 9110, 7.6.1): they describe one connection, not the request, and are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

function sessionOf(cookie: string | undefined): string | null {
  const match = /(?:^|;\s*)mg_session=([^;]*)/.exec(cookie ?? '');
  return match?.[1] ?? null;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

type Upstream = { name: string; url: URL };
type UpstreamAnswer = { response: http.IncomingMessage } | { refused: true };

/** Sends one request to one upstream; a refused connection (nothing was sent) is an answer too, so the caller can go on. */
function forward(upstream: Upstream, incoming: http.IncomingMessage, body: Buffer, agent: http.Agent): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const headers = endToEnd(incoming.headers);
    headers['content-length'] = String(body.length);
    const request = http.request(
      {
        agent,
        hostname: upstream.url.hostname,
        port: upstream.url.port,
        method: incoming.method,
        path: incoming.url,
        headers,
      },
      (response) => resolve({ response }),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve({ refused: true }) : reject(error),
    );
    request.end(body);
  });
}

/**
 * A small reverse proxy on 127.0.0.1 for tests: passes each request (method, path, headers, body) to the next
 * upstream in turn and the answer back, and records which upstream served it. Like a load balancer's
 * "next upstream on connect error", an upstream that refuses the connection is skipped for that request: no
 * byte of it reached that upstream, so trying the next one is safe even for a mutation. Connections to the
 * upstreams are not kept alive, so every request opens its own.
 */
export async function startRoundRobinProxy(upstreams: Record<string, string>): Promise<RoundRobinProxy> {
  const targets: Upstream[] = Object.entries(upstreams).map(([name, url]) => ({ name, url: new URL(url) }));
  if (targets.length === 0) throw new Error('the proxy needs at least one upstream');
  const agent = new http.Agent({ keepAlive: false });
  const log: ProxiedRequest[] = [];
  let next = 0;

  const server = http.createServer((incoming, outgoing) => {
    const handle = async () => {
      const body = await readBody(incoming);
      const first = next++ % targets.length;
      const skipped: string[] = [];
      for (let offset = 0; offset < targets.length; offset++) {
        const upstream = targets[(first + offset) % targets.length]!;
        const answer = await forward(upstream, incoming, body, agent);
        if ('refused' in answer) {
          skipped.push(upstream.name);
          continue;
        }
        const { response } = answer;
        log.push({
          upstream: upstream.name,
          method: incoming.method ?? 'GET',
          path: incoming.url ?? '/',
          session: sessionOf(incoming.headers.cookie),
          csrfToken: typeof incoming.headers['x-csrf-token'] === 'string',
          status: response.statusCode ?? 0,
          skipped,
        });
        outgoing.writeHead(response.statusCode ?? 502, response.statusMessage, {
          ...endToEnd(response.headers),
          [UPSTREAM_HEADER]: upstream.name,
        });
        response.pipe(outgoing);
        return;
      }
      outgoing
        .writeHead(502, { 'content-type': 'text/plain' })
        .end(`no upstream accepted the connection (${skipped.join(', ')})`);
    };
    handle().catch((error: unknown) => {
      if (outgoing.headersSent) outgoing.destroy();
      else outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log,
    served: () => {
      const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
      for (const entry of log) counts[entry.upstream] = (counts[entry.upstream] ?? 0) + 1;
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { Client, Pool } from 'undici';

export type Target = {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Request bodies, used in turn; none for GET. */
  bodies?: readonly string[];
};

export type ThroughputResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

/** Closed loop: `connections` clients each send the next request as soon as the last is answered, for `seconds`. */
export async function maxThroughput(target: Target, connections: number, seconds: number): Promise<ThroughputResult> {
  let next = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: target.method,
        path: target.path,
        headers: target.headers,
        setupRequest: (request) => {
          const bodies = target.bodies;
          if (!bodies?.length) return request;
          return { ...request, body: bodies[next++ % bodies.length] };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export type LatencyResult = {
  rate: number;
  sent: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  failures: number;
  /** How late the load generator sent requests against their schedule (its own delay, counted in the latencies). */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
};

/** A generator that sends later than this at its p99 was too busy to keep its schedule: its latencies include its own delay. */
export const SEND_LAG_LIMIT_MS = 2;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The open loop's first second is not counted: the generator's own HTTP client is compiled then, and connections opened. */
const WARM_UP_SECONDS = 1;

/**
 * Open loop at a fixed rate: requests leave on a schedule whether or not earlier ones have been answered, and each
 * latency is measured from the moment the request was due, not from when it could be sent. A server that stalls
 * therefore shows its stall in every request scheduled during it (no coordinated omission).
 *
 * The generator runs in a worker thread of its own, after a second of warm-up: on the bench's main thread, whose heap
 * holds the generated data set (hundreds of megabytes at L), its own garbage collections delayed sends and answers,
 * and those delays were counted as the server's.
 */
export function latencyAtRate(target: Target, rate: number, seconds: number): Promise<LatencyResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./latency-worker.js', import.meta.url), { workerData: { target, rate, seconds } });
    worker.once('message', (result: LatencyResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator's worker exited with ${code}`));
    });
  });
}

/** `latencyAtRate` within the calling thread, after a warm-up at the same rate. */
export async function openLoopLatency(target: Target, rate: number, seconds: number): Promise<LatencyResult> {
  const pool = new Pool(target.url, { connections: 256, pipelining: 1 });
  try {
    await openLoop(pool, target, rate, WARM_UP_SECONDS);
    return await openLoop(pool, target, rate, seconds);
  } finally {
    await pool.close();
  }
}

async function openLoop(pool: Pool, target: Target, rate: number, seconds: number): Promise<LatencyResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const sendLags: number[] = [];
  let failures = 0;
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  const send = async (index: number) => {
    const due = start + (index * 1000) / rate;
    sendLags.push(performance.now() - due);
    try {
      const response = await pool.request({
        method: target.method,
        path: target.path,
        headers: target.headers,
        body: target.bodies?.length ? target.bodies[index % target.bodies.length] : undefined,
      });
      const text = await response.body.text();
      if (response.statusCode >= 300 || text.includes('"errors"')) failures += 1;
    } catch {
      failures += 1;
    }
    latencies.push(performance.now() - due);
  };
  for (let index = 0; index < total; index += 1) {
    const wait = start + (index * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  sendLags.sort((a, b) => a - b);
  return {
    rate,
    sent: total,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    failures,
    sendLagP99Ms: percentile(sendLags, 99),
    sendLagMaxMs: sendLags.at(-1) ?? Number.NaN,
  };
}

export type QueueResult = { perSecond: number; completed: number; seconds: number; failures: number; exhausted: boolean };

/**
 * Closed loop over work that can be done only once (a request approved once): client `i` sends the bodies of
 * `queues[i]` in turn, each as soon as its last answer is in, until `seconds` have passed or a queue runs dry (then
 * every client stops, and the rate is over the time actually run). `accept` says whether an answer did the work.
 */
export async function throughputOverQueues(
  target: Omit<Target, 'bodies'>,
  queues: readonly (readonly string[])[],
  seconds: number,
  accept: (status: number, body: string) => boolean,
  headersOf: (client: number) => Record<string, string> = () => ({}),
): Promise<QueueResult> {
  let completed = 0;
  let failures = 0;
  let exhausted = false;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    queues.map(async (queue, index) => {
      const client = new Client(target.url, { pipelining: 1 });
      const headers = { ...target.headers, ...headersOf(index) };
      try {
        for (const body of queue) {
          if (exhausted || performance.now() >= deadline) return;
          try {
            const response = await client.request({ method: target.method, path: target.path, headers, body });
            const text = await response.body.text();
            if (accept(response.statusCode, text)) completed += 1;
            else failures += 1;
          } catch {
            failures += 1;
          }
        }
        exhausted = performance.now() < deadline;
      } finally {
        await client.close();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: completed / elapsed, completed, seconds: elapsed, failures, exhausted };
}

/** One request, to check before a run that both servers answer it without an error (a run with errors is invalid). */
export async function probe(target: Target, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(target.path, target.url), { method: target.method, headers: target.headers, body });
  return { status: response.status, json: await response.json() };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

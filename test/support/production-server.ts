import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiMainScript, apiProductionNodeFlags } from '@modelgate/db/paths';
import { findFreePort } from '@modelgate/db/testing';
import { exitOutcomeOf, stopProcess, type ExitOutcome } from './exit-outcome.js';

export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

const running = new Set<ProductionServer>();

/** Stops every server a test started and did not stop (a failed assertion must not leak processes). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop('SIGKILL')));
}

export type ProductionServer = {
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server wrote so far (JSON log lines and the banner). */
  output(): string;
  /** Resolves once the output matches, e.g. a log line written after a response was sent. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit code (or the signal that ended it) once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<ExitOutcome>;
};

export async function makeDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Starts the production build as `npm start` does (node with the start script's flags, apps/api/dist/main.js), on the
 * embedded PostgreSQL in `dataDir`, and waits until /healthz answers.
 */
export async function startProductionServer(
  dataDir: string,
  options: { embeddedPgPort?: number } = {},
): Promise<ProductionServer> {
  const port = await findFreePort();
  const embeddedPgPort = options.embeddedPgPort ?? (await findFreePort());
  let output = '';
  const child = spawn(process.execPath, [...apiProductionNodeFlags(), apiMainScript], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      MODELGATE_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(embeddedPgPort),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = exitOutcomeOf(child);

  const baseUrl = `http://127.0.0.1:${port}`;
  // A hang guard: a first start initialises PostgreSQL and applies every migration, slow on a loaded machine.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy:\n${output}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 240 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const server: ProductionServer = {
    baseUrl,
    process: child,
    output: () => output,
    waitForOutput: async (pattern, timeoutMs = 5_000) => {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > until) throw new Error(`output never matched ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async (signal = 'SIGTERM') => {
      const outcome = await stopProcess(child, exited, signal, () => output);
      running.delete(server);
      return outcome;
    },
  };
  running.add(server);
  return server;
}

export const DEMO_PASSWORD = 'modelgate-demo';

/** Signs in with a demo account and returns the session cookie. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { id } } }',
      variables: { input: { email, password } },
    }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mg_session='));
  if (!cookie) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return cookie.split(';')[0]!;
}

export async function graphql<T>(baseUrl: string, query: string, cookie?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiMainScript, apiProductionNodeFlags } from '@modelgate/db/paths';
import { findFreePort } from '@modelgate/db/testing';

export type Service = { name: string; url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> };

/** With two or more cores, servers run on core 0 and the load generator on the others, so they do not steal each other's time. */
export const canPin = os.availableParallelism() >= 2 && existsSync('/usr/bin/taskset');

/**
 * Node.js flags added to the API's for profiling a run, from `BENCH_APP_NODE_FLAGS` (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/profiles` or `--trace-gc`). With them, the app's output is kept in a file named when it stops.
 */
const profilingFlags = (process.env.BENCH_APP_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * Starts a Node.js service (pinned to core 0 when possible) and waits until its /healthz answers. The API's production
 * build gets the flags of its production start command.
 */
export async function startService(name: string, script: string, env: Record<string, string>): Promise<Service> {
  const port = await findFreePort();
  const isApp = path.resolve(script) === apiMainScript;
  const nodeArgs = [...(isApp ? [...apiProductionNodeFlags(), ...profilingFlags] : []), script];
  const command = canPin ? 'taskset' : process.execPath;
  const args = canPin ? ['-c', '0', process.execPath, ...nodeArgs] : nodeArgs;
  let output = '';
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy in 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          if (isApp && profilingFlags.length) {
            const file = path.join(os.tmpdir(), `modelgate-bench-app-${child.pid}.log`);
            writeFileSync(file, output);
            console.log(`[bench] the app's output (${profilingFlags.join(' ')}): ${file}`);
          }
          resolve();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

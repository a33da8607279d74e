import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { apiTokenPrefix, formatApiToken, hashApiToken } from '@modelgate/domain/auth/api-tokens';
import { stringify } from 'csv-stringify';
import pg from 'pg';
import { median } from './load.js';
import { canPin, type Service } from './processes.js';
import type { ScenarioResult } from './report.js';

/** Rows per round trip of the raw baseline (the app reads the audit trail in pages of 500). */
const PAGE_SIZE = 2_000;
const SAMPLE_EVERY_MS = 100;
const POLL_EVERY_MS = 250;
const IDLE_SAMPLE_MS = 3_000;
const EXPORT_DEADLINE_MS = 30 * 60_000;
const MB = 2 ** 20;

/** Targets chosen for this benchmark: the issue asks for flat memory and fast health checks but sets no figures. */
export const RSS_GROWTH_TARGET_MB = 256;
export const HEALTHZ_P99_TARGET_MS = 100;

type Format = 'CSV' | 'XLSX';

const EXPORT_FIELDS = 'id status rowsWritten bytes downloadPath error';
const CREATE_EXPORT = `mutation ($input: CreateReportExportInput!) { createReportExport(input: $input) { ${EXPORT_FIELDS} } }`;
const GET_EXPORT = `query ($id: ID!) { reportExport(id: $id) { ${EXPORT_FIELDS} } }`;

type ExportView = {
  id: string;
  status: string;
  rowsWritten: number;
  bytes: number | null;
  downloadPath: string | null;
  error: string | null;
};

type AppRun = {
  seconds: number;
  rows: number;
  bundleBytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  healthzIdleP99Ms: number;
  healthzP50Ms: number;
  healthzP99Ms: number;
  healthzMaxMs: number;
  healthzCalls: number;
  failures: number;
};

type BaselineRun = { seconds: number; rows: number; bytes: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
}

const BASELINE_HEADER = [
  'Seq',
  'Occurred',
  'Actor type',
  'Actor',
  'Actor id',
  'Roles',
  'Channel',
  'Action',
  'Record type',
  'Record id',
  'Outcome',
  'Reason',
  'Before',
  'After',
  'Event id',
  'Request id',
  'IP',
  'User agent',
  'Previous hash',
  'Hash',
];

// The extract's columns, formatted by PostgreSQL as text (dates in UTC with milliseconds, JSON as stored).
const BASELINE_PAGE = `
  SELECT e.seq::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.actor_type,
         e.actor_label, e.actor_id, array_to_string(e.actor_roles, ', '), e.channel, e.action, e.entity_type, e.entity_id,
         e.outcome, e.reason, e.before::text, e.after::text, e.id::text, e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash
  FROM audit_event e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT ${PAGE_SIZE}`;

/**
 * The raw counterpart of a CSV export (run by `pinnedRawCsvExport`): the same columns in keyset pages of 2,000 from one REPEATABLE READ read-only
 * transaction with plain `pg`, written by csv-stringify to a file. No GraphQL, job row, progress, XLSX, zip, hashes,
 * signature or download. (`COPY ... TO STDOUT` would be the ideal baseline, but pg-copy-streams is not installed.)
 */
export async function rawCsvExport(databaseUrl: string, file: string): Promise<BaselineRun> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const csv = stringify({ bom: true, record_delimiter: 'windows' });
    const out = createWriteStream(file);
    csv.pipe(out);
    csv.write(BASELINE_HEADER);
    for (let after = '0'; ;) {
      const page = await client.query<string[]>({ text: BASELINE_PAGE, values: [after], rowMode: 'array' });
      for (const row of page.rows) {
        if (!csv.write(row)) await once(csv, 'drain');
      }
      rows += page.rows.length;
      if (page.rows.length < PAGE_SIZE) break;
      after = page.rows.at(-1)![0]!;
    }
    csv.end();
    await finished(out);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(file);
  await rm(file, { force: true });
  return { seconds, rows, bytes: size };
}

/** The raw dump in a process of its own, pinned to the core the app runs on, as the baseline servers are. */
async function pinnedRawCsvExport(databaseUrl: string, file: string): Promise<BaselineRun> {
  const script = `const { rawCsvExport } = await import(${JSON.stringify(import.meta.url)});
    console.log(JSON.stringify(await rawCsvExport(${JSON.stringify(databaseUrl)}, ${JSON.stringify(file)})));`;
  const node = [process.execPath, '--input-type=module', '-e', script];
  const [command, ...args] = canPin ? ['taskset', '-c', '0', ...node] : node;
  const { stdout } = await promisify(execFile)(command!, args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as BaselineRun;
}

/** Resident set size (`VmRSS`) of a process, in bytes, from /proc. */
async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kilobytes ? Number(kilobytes) * 1024 : Number.NaN;
}

/**
 * Samples the app's RSS and asks its /healthz every 100 ms until stopped. Health checks leave on a fixed schedule
 * whether or not the last one was answered, and each latency counts from the moment the check was due.
 */
function watchApp(app: Service): { stop: () => Promise<{ rssPeak: number; latencies: number[]; failures: number }> } {
  const pid = app.process.pid!;
  let rssPeak = 0;
  const latencies: number[] = [];
  let failures = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let tick = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const due = start + tick * SAMPLE_EVERY_MS;
      tick += 1;
      pending.push(
        residentBytes(pid).then(
          (rss) => void (rssPeak = Math.max(rssPeak, rss)),
          () => undefined,
        ),
        fetch(`${app.url}/healthz`).then(
          async (response) => {
            await response.arrayBuffer();
            if (response.status !== 200) failures += 1;
            latencies.push(performance.now() - due);
          },
          () => void (failures += 1),
        ),
      );
      await sleep(Math.max(0, start + tick * SAMPLE_EVERY_MS - performance.now()));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await Promise.all(pending);
      return { rssPeak, latencies, failures };
    },
  };
}

async function graphql<T>(app: Service, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body).slice(0, 400)}`);
  return body.data;
}

/** One export on a freshly started app: the mutation, polling until READY, and the bundle's download. */
async function appExport(startApp: () => Promise<Service>, token: string, format: Format): Promise<AppRun> {
  // A fresh process per run: memory the last export freed is not handed back to the system, so it would hide this one's.
  const app = await startApp();
  try {
    const idle = watchApp(app);
    await sleep(IDLE_SAMPLE_MS);
    const idleFigures = await idle.stop();
    const rssBefore = await residentBytes(app.process.pid!);
    const watcher = watchApp(app);
    const started = performance.now();
    let failures = 0;
    let view = (
      await graphql<{ createReportExport: ExportView }>(app, token, CREATE_EXPORT, { input: { type: 'AUDIT_TRAIL', format } })
    ).createReportExport;
    while (view.status !== 'READY' && view.status !== 'FAILED' && performance.now() - started < EXPORT_DEADLINE_MS) {
      await sleep(POLL_EVERY_MS);
      view = (await graphql<{ reportExport: ExportView }>(app, token, GET_EXPORT, { id: view.id })).reportExport;
    }
    let downloaded = 0;
    if (view.status === 'READY' && view.downloadPath) {
      const response = await fetch(`${app.url}${view.downloadPath}`, { headers: { authorization: `Bearer ${token}` } });
      for await (const chunk of response.body ?? []) downloaded += (chunk as Uint8Array).length;
      if (response.status !== 200 || downloaded !== view.bytes) failures += 1;
    } else {
      console.log(`[bench] ${format} export ended ${view.status}: ${view.error ?? 'deadline passed'}`);
      failures += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const watched = await watcher.stop();
    return {
      seconds,
      rows: view.rowsWritten,
      bundleBytes: downloaded,
      rssBeforeMb: rssBefore / MB,
      rssPeakMb: Math.max(watched.rssPeak, rssBefore) / MB,
      healthzIdleP99Ms: percentile(idleFigures.latencies, 99),
      healthzP50Ms: percentile(watched.latencies, 50),
      healthzP99Ms: percentile(watched.latencies, 99),
      healthzMaxMs: Math.max(...watched.latencies),
      healthzCalls: watched.latencies.length,
      failures: failures + watched.failures + idleFigures.failures,
    };
  } finally {
    await app.stop();
  }
}

/** A token of the benchmark user that may request and download reports. */
async function reportsToken(databaseUrl: string): Promise<string> {
  const token = formatApiToken(randomBytes(32));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO api_token (name, prefix, token_hash, scopes, user_id, created_by_id, expires_at)
       SELECT 'bench-reports', $1, $2, '{reports:read}', id, id, now() + interval '1 day'
       FROM app_user WHERE email = 'bench@bench.modelgate.local'`,
      [apiTokenPrefix(token), hashApiToken(token)],
    );
  } finally {
    await client.end();
  }
  return token;
}

/**
 * Audit trail exports (CSV and XLSX) through GraphQL until the bundle is READY, plus its download, against a raw
 * keyset-paged CSV dump of the same table. Each app run starts a fresh app process, sampled every 100 ms for RSS
 * (/proc/<pid>/status) and /healthz latency.
 */
export async function exportScenarios(options: {
  databaseUrl: string;
  directory: string;
  rounds: number;
  startApp: () => Promise<Service>;
  log: (message: string) => void;
}): Promise<ScenarioResult[]> {
  const { databaseUrl, directory, rounds, startApp, log } = options;
  const token = await reportsToken(databaseUrl);
  const scenarios: ScenarioResult[] = [];
  for (const format of ['CSV', 'XLSX'] as const) {
    log(`audit trail export to ${format}: the app (GraphQL until READY, then download) vs a raw keyset-paged CSV dump`);
    const baselineRuns: BaselineRun[] = [];
    const appRuns: AppRun[] = [];
    for (let round = 0; round < rounds; round += 1) {
      baselineRuns.push(await pinnedRawCsvExport(databaseUrl, path.join(directory, `raw-export-${round}.csv`)));
      const run = await appExport(startApp, token, format);
      appRuns.push(run);
      log(
        `${format} round ${round + 1}: app ${run.seconds.toFixed(1)} s for ${run.rows} rows, RSS ${run.rssBeforeMb.toFixed(0)} → ` +
          `${run.rssPeakMb.toFixed(0)} MB, /healthz p99 ${run.healthzP99Ms.toFixed(1)} ms; raw ${baselineRuns.at(-1)!.seconds.toFixed(1)} s`,
      );
    }
    // The app's extract also holds its own request's audit event, so one row more than the baseline dumped just before.
    const invalidRuns = appRuns.filter((run, i) => {
      const extra = run.rows - baselineRuns[i]!.rows;
      return run.failures > 0 || extra < 0 || extra > 3;
    }).length;
    const rows = Math.max(...appRuns.map((run) => run.rows));
    const seconds = median(appRuns.map((run) => run.seconds));
    const baselineSeconds = median(baselineRuns.map((run) => run.seconds));
    const rssBefore = median(appRuns.map((run) => run.rssBeforeMb));
    const rssPeak = median(appRuns.map((run) => run.rssPeakMb));
    const growth = median(appRuns.map((run) => run.rssPeakMb - run.rssBeforeMb));
    const healthzP99 = median(appRuns.map((run) => run.healthzP99Ms));
    const healthzIdleP99 = median(appRuns.map((run) => run.healthzIdleP99Ms));
    const common = { rows, rounds, appRuns, baselineRuns };
    const key = format.toLowerCase();
    scenarios.push(
      {
        id: `export-${key}-time`,
        title: `Audit trail export to ${format}, ${rows.toLocaleString('en')} events (until READY, plus download)`,
        unit: 's',
        app: seconds,
        baseline: baselineSeconds,
        ratio: seconds / baselineSeconds,
        target: 'none in the issue (reported)',
        met: null,
        invalidResponses: invalidRuns,
        details: {
          ...common,
          rowsPerSecond: rows / seconds,
          baseline:
            'raw CSV dump (also for XLSX) in its own process on the app core: plain pg, keyset pages of 2,000 in one ' +
            'REPEATABLE READ read-only transaction, csv-stringify to a file; pg-copy-streams is not installed, so not COPY TO STDOUT',
        },
      },
      {
        id: `export-${key}-rss`,
        title: `Audit trail export to ${format}: app peak RSS (baseline: its RSS before the export)`,
        unit: 'MB',
        app: rssPeak,
        baseline: rssBefore,
        ratio: rssPeak / rssBefore,
        target: `flat memory: peak RSS growth < ${RSS_GROWTH_TARGET_MB} MB (target chosen for this bench)`,
        met: growth < RSS_GROWTH_TARGET_MB,
        invalidResponses: invalidRuns,
        details: { ...common, peakGrowthMb: growth, sampledEveryMs: SAMPLE_EVERY_MS, source: '/proc/<pid>/status VmRSS' },
      },
      {
        id: `export-${key}-healthz`,
        title: `/healthz p99 during the ${format} export (baseline: same app, idle)`,
        unit: 'ms',
        app: healthzP99,
        baseline: healthzIdleP99,
        ratio: healthzP99 / healthzIdleP99,
        target: `healthz p99 < ${HEALTHZ_P99_TARGET_MS} ms during export (target chosen for this bench)`,
        met: healthzP99 < HEALTHZ_P99_TARGET_MS,
        invalidResponses: invalidRuns,
        details: {
          ...common,
          p50: median(appRuns.map((run) => run.healthzP50Ms)),
          max: Math.max(...appRuns.map((run) => run.healthzMaxMs)),
          calls: appRuns.reduce((sum, run) => sum + run.healthzCalls, 0),
          sampledEveryMs: SAMPLE_EVERY_MS,
        },
      },
    );
  }
  return scenarios;
}

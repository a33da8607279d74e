import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { apiTokenPrefix, formatApiToken, hashApiToken } from '@modelgate/domain/auth/api-tokens';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { median } from './load.js';
import { canPin, type Service } from './processes.js';
import type { ScenarioResult } from './report.js';

const SAMPLE_EVERY_MS = 100;
/**
 * Health checks every 10 ms: an export at S lasts about a second, so checks every 100 ms made its p99 the single
 * worst of about a dozen checks. At 10 ms the p99 is a percentile of about a hundred (S) or six hundred (L) checks.
 */
const HEALTH_CHECK_EVERY_MS = 10;
const POLL_EVERY_MS = 250;
const IDLE_SAMPLE_MS = 3_000;
const EXPORT_DEADLINE_MS = 30 * 60_000;
const MB = 2 ** 20;

/** The targets for the CSV export of a million audit events, and for XLSX against CSV. */
export const ROWS_PER_SECOND_TARGET = 0.5;
export const RSS_AT_1M_OVER_100K_TARGET = 1.2;
export const HEALTHZ_P99_OVER_IDLE_TARGET = 2;
export const XLSX_OVER_CSV_TIME_TARGET = 4;

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
  /** How late the probe itself sent its checks (p99, ms) during the export and idle: its own delay, not the app's. */
  healthzSendLagP99Ms: number;
  healthzIdleSendLagP99Ms: number;
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

// The extract's columns, formatted by PostgreSQL as text (dates in UTC with milliseconds, JSON as stored), named as
// the app's header names them.
const BASELINE_COLUMNS = [
  'e.seq',
  `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  'e.actor_type',
  'e.actor_label',
  'e.actor_id',
  `array_to_string(e.actor_roles, ', ')`,
  'e.channel',
  'e.action',
  'e.entity_type',
  'e.entity_id',
  'e.outcome',
  'e.reason',
  'e.before::text',
  'e.after::text',
  'e.id',
  'e.request_id',
  'e.ip',
  'e.user_agent',
  'e.prev_hash',
  'e.hash',
].map((column, index) => `${column} AS "${BASELINE_HEADER[index]}"`);

const BASELINE_COPY = `COPY (SELECT ${BASELINE_COLUMNS.join(', ')} FROM audit_event e ORDER BY e.seq) TO STDOUT WITH (FORMAT csv, HEADER)`;

/**
 * The baseline for a CSV export (run by `pinnedCopyCsvExport`): `COPY (SELECT <the same columns>) TO STDOUT
 * WITH (FORMAT csv, HEADER)` in a REPEATABLE READ read-only transaction, streamed by pg-copy-streams to a file.
 * PostgreSQL does all the formatting; no GraphQL, job row, canonical JSON, formula guard, zip, hashes, signature or
 * download.
 */
export async function copyCsvExport(databaseUrl: string, file: string): Promise<BaselineRun> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: number;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const copy = client.query(copyTo(BASELINE_COPY));
    await pipeline(copy, createWriteStream(file));
    await client.query('COMMIT');
    rows = copy.rowCount;
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(file);
  await rm(file, { force: true });
  return { seconds, rows, bytes: size };
}

/** The COPY dump in a process of its own, pinned to the core the app runs on, as the baseline servers are. */
async function pinnedCopyCsvExport(databaseUrl: string, file: string): Promise<BaselineRun> {
  const script = `const { copyCsvExport } = await import(${JSON.stringify(import.meta.url)});
    console.log(JSON.stringify(await copyCsvExport(${JSON.stringify(databaseUrl)}, ${JSON.stringify(file)})));`;
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
 * Asks `workerData.url` every `workerData.everyMs` until told to stop, then answers with the latencies. Health checks
 * leave on a fixed schedule whether or not the last one was answered, and each latency counts from the moment the
 * check was due. It runs in a worker thread: on the bench's main thread, reading the downloaded bundle (100 MB at L)
 * delayed the checks' own timers and responses, and that delay was counted against the app.
 */
const HEALTH_PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, everyMs } = workerData;
const latencies = [];
const sendLags = [];
let failures = 0;
let running = true;
const pending = [];
let start = 0;
const loop = (async () => {
  // The worker's first request loads and compiles the HTTP client: tens of milliseconds that are not the app's.
  await fetch(url).then((response) => response.arrayBuffer());
  parentPort.postMessage('ready');
  start = performance.now();
  for (let tick = 0; running; ) {
    const due = start + tick * everyMs;
    tick += 1;
    sendLags.push(performance.now() - due);
    pending.push(
      fetch(url).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) failures += 1;
          latencies.push(performance.now() - due);
        },
        () => void (failures += 1),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + tick * everyMs - performance.now())));
  }
})();
parentPort.once('message', async () => {
  running = false;
  await loop;
  await Promise.all(pending);
  parentPort.postMessage({ latencies, sendLags, failures });
});
`;

/** What the health probe hands back when stopped: each check's latency, how late each left, and the failed checks. */
type ProbeFigures = { latencies: number[]; sendLags: number[]; failures: number };

/** Samples the app's RSS (here, every 100 ms) and its /healthz latency (`HEALTH_PROBE`, in a worker thread, every 10 ms) until stopped. */
async function watchApp(app: Service): Promise<{ stop: () => Promise<ProbeFigures & { rssPeak: number }> }> {
  const pid = app.process.pid!;
  const probe = new Worker(HEALTH_PROBE, {
    eval: true,
    workerData: { url: `${app.url}/healthz`, everyMs: HEALTH_CHECK_EVERY_MS },
  });
  const ready = new Promise<void>((resolve, reject) => {
    probe.once('message', () => resolve());
    probe.once('error', reject);
  });
  const probed = ready.then(
    () =>
      new Promise<ProbeFigures>((resolve, reject) => {
        probe.once('message', resolve);
        probe.once('error', reject);
      }),
  );
  probed.catch(() => undefined);
  await ready;
  let rssPeak = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      rssPeak = Math.max(rssPeak, await residentBytes(pid).catch(() => 0));
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      probe.postMessage('stop');
      const [{ latencies, sendLags, failures }] = await Promise.all([probed, sampling]);
      await probe.terminate();
      return { rssPeak, latencies, sendLags, failures };
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
    await warmUp(app, token, format);
    const idle = await watchApp(app);
    await sleep(IDLE_SAMPLE_MS);
    const idleFigures = await idle.stop();
    const rssBefore = await residentBytes(app.process.pid!);
    const watcher = await watchApp(app);
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
      healthzSendLagP99Ms: percentile(watched.sendLags, 99),
      healthzIdleSendLagP99Ms: percentile(idleFigures.sendLags, 99),
      failures: failures + watched.failures + idleFigures.failures,
    };
  } finally {
    await app.stop();
  }
}

/**
 * One export of no events (its request, a poll and its download) before measuring: the first request of a fresh process
 * compiles its queries and code paths, which held the event loop 100-170 ms (the poll's GraphQL query alone, 18 ms); a
 * server in service has done that long before.
 */
async function warmUp(app: Service, token: string, format: Format): Promise<void> {
  const input = { type: 'AUDIT_TRAIL', format, filters: { action: 'bench.warm-up' } };
  const view = (await graphql<{ createReportExport: ExportView }>(app, token, CREATE_EXPORT, { input })).createReportExport;
  if (view.status !== 'READY' || !view.downloadPath) throw new Error(`the warm-up export ended ${view.status}: ${view.error}`);
  await graphql<{ reportExport: ExportView }>(app, token, GET_EXPORT, { id: view.id });
  const response = await fetch(`${app.url}${view.downloadPath}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
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
 * Peak RSS of the last export of each format at a smaller scale in this run (S, 100,000 events): the base of the
 * issue's ratio "peak RSS at 1M ≤ 1.2× peak RSS at 100k", which the L run computes.
 */
const smallerScalePeaks = new Map<Format, { rows: number; peakMb: number }>();

type FormatFigures = {
  rows: number;
  seconds: number;
  baselineRows: number;
  baselineSeconds: number;
  rssBefore: number;
  rssPeak: number;
  healthzP99: number;
  healthzIdleP99: number;
  invalidRuns: number;
  common: Record<string, unknown>;
};

async function measureFormat(
  format: Format,
  options: {
    databaseUrl: string;
    directory: string;
    rounds: number;
    startApp: () => Promise<Service>;
    log: (message: string) => void;
  },
  token: string,
): Promise<FormatFigures> {
  const { databaseUrl, directory, rounds, startApp, log } = options;
  log(`audit trail export to ${format}: the app (GraphQL until READY, then download) vs COPY (SELECT ...) TO STDOUT CSV`);
  const baselineRuns: BaselineRun[] = [];
  const appRuns: AppRun[] = [];
  for (let round = 0; round < rounds; round += 1) {
    baselineRuns.push(await pinnedCopyCsvExport(databaseUrl, path.join(directory, `copy-export-${round}.csv`)));
    const run = await appExport(startApp, token, format);
    appRuns.push(run);
    log(
      `${format} round ${round + 1}: app ${run.seconds.toFixed(1)} s for ${run.rows} rows, RSS ${run.rssBeforeMb.toFixed(0)} → ` +
        `${run.rssPeakMb.toFixed(0)} MB, /healthz p99 ${run.healthzP99Ms.toFixed(1)} ms (idle ${run.healthzIdleP99Ms.toFixed(1)} ms; ` +
        `probe send lag p99 ${run.healthzSendLagP99Ms.toFixed(1)} ms, idle ${run.healthzIdleSendLagP99Ms.toFixed(1)} ms); ` +
        `COPY ${baselineRuns.at(-1)!.seconds.toFixed(1)} s`,
    );
  }
  // The app's extract also holds the warm-up's audit events (request, export, download) and its own request's, so a
  // few rows more than the baseline dumped just before.
  const invalidRuns = appRuns.filter((run, i) => {
    const extra = run.rows - baselineRuns[i]!.rows;
    return run.failures > 0 || extra < 0 || extra > 6;
  }).length;
  return {
    rows: Math.max(...appRuns.map((run) => run.rows)),
    seconds: median(appRuns.map((run) => run.seconds)),
    baselineRows: Math.max(...baselineRuns.map((run) => run.rows)),
    baselineSeconds: median(baselineRuns.map((run) => run.seconds)),
    rssBefore: median(appRuns.map((run) => run.rssBeforeMb)),
    rssPeak: median(appRuns.map((run) => run.rssPeakMb)),
    healthzP99: median(appRuns.map((run) => run.healthzP99Ms)),
    healthzIdleP99: median(appRuns.map((run) => run.healthzIdleP99Ms)),
    invalidRuns,
    common: {
      rounds,
      appRuns,
      baselineRuns,
      healthzP50: median(appRuns.map((run) => run.healthzP50Ms)),
      healthzMax: Math.max(...appRuns.map((run) => run.healthzMaxMs)),
      healthzCalls: appRuns.reduce((sum, run) => sum + run.healthzCalls, 0),
      healthzSendLagP99: median(appRuns.map((run) => run.healthzSendLagP99Ms)),
      healthzIdleSendLagP99: median(appRuns.map((run) => run.healthzIdleSendLagP99Ms)),
      sampledEveryMs: SAMPLE_EVERY_MS,
      rssSource: '/proc/<pid>/status VmRSS of a freshly started app',
      warmUp: 'each fresh app exports 0 events in the same format (and downloads it) before the idle and export figures',
      baseline:
        'COPY (SELECT <the same columns> FROM audit_event ORDER BY seq) TO STDOUT WITH (FORMAT csv, HEADER) via ' +
        'pg-copy-streams to a file, in its own process pinned to the app core, one REPEATABLE READ read-only transaction',
    },
  };
}

/** Peak RSS of this export against the same format's at 100,000 events earlier in the run (L), or reported alone (S). */
function rssScenario(format: Format, scale: 'S' | 'L', figures: FormatFigures): ScenarioResult {
  const key = format.toLowerCase();
  const smaller = smallerScalePeaks.get(format);
  const title = `Audit trail export to ${format}: app peak RSS at ${figures.rows.toLocaleString('en')} events`;
  const appliesTo = format === 'CSV' ? '' : " (the issue's CSV target, reported for XLSX)";
  if (scale === 'L' && smaller && smaller.rows < figures.rows) {
    const ratio = figures.rssPeak / smaller.peakMb;
    return {
      id: `export-${key}-rss`,
      title: `${title} (baseline: its peak at ${smaller.rows.toLocaleString('en')})`,
      unit: 'MB',
      app: figures.rssPeak,
      baseline: smaller.peakMb,
      ratio,
      target: `peak RSS at 1M ≤ ${RSS_AT_1M_OVER_100K_TARGET}× peak RSS at 100k${appliesTo}`,
      met: format === 'CSV' ? ratio <= RSS_AT_1M_OVER_100K_TARGET : null,
      invalidResponses: figures.invalidRuns,
      details: { ...figures.common, rows: figures.rows, smallerScale: smaller, rssBeforeMb: figures.rssBefore },
    };
  }
  if (scale === 'S') smallerScalePeaks.set(format, { rows: figures.rows, peakMb: figures.rssPeak });
  return {
    id: `export-${key}-rss`,
    title: `${title} (baseline: the same app idle, before it)`,
    unit: 'MB',
    app: figures.rssPeak,
    baseline: figures.rssBefore,
    ratio: figures.rssPeak / figures.rssBefore,
    target:
      `peak RSS at 1M ≤ ${RSS_AT_1M_OVER_100K_TARGET}× peak RSS at 100k${appliesTo}: needs scale L after S in the same ` +
      'run; reported here',
    met: null,
    invalidResponses: figures.invalidRuns,
    details: { ...figures.common, rows: figures.rows, rssBeforeMb: figures.rssBefore },
  };
}

/**
 * Audit trail exports (CSV and XLSX) through GraphQL until the bundle is READY, plus its download, against
 * `COPY ... TO STDOUT` of the same columns. Each app run starts a fresh app process, sampled for RSS
 * (/proc/<pid>/status, every 100 ms) and /healthz latency (every 10 ms; first idle, then during the export). The targets: CSV rows/s
 * ≥ 0.5 of COPY's at 1M events; peak RSS at 1M ≤ 1.2× the peak at 100k (S then L in one run); /healthz p99 during
 * the export ≤ 2× idle; XLSX at 100k < 4× the CSV export's time.
 */
export async function exportScenarios(options: {
  databaseUrl: string;
  directory: string;
  rounds: number;
  scale: 'S' | 'L';
  startApp: () => Promise<Service>;
  log: (message: string) => void;
}): Promise<ScenarioResult[]> {
  const { scale } = options;
  const token = await reportsToken(options.databaseUrl);
  const csv = await measureFormat('CSV', options, token);
  const xlsx = await measureFormat('XLSX', options, token);
  const scenarios: ScenarioResult[] = [];
  const csvRowsPerSecond = csv.rows / csv.seconds;
  const copyRowsPerSecond = csv.baselineRows / csv.baselineSeconds;
  const throughputRatio = csvRowsPerSecond / copyRowsPerSecond;
  scenarios.push(
    {
      id: 'export-csv-rows-per-second',
      title: `Audit trail export to CSV, ${csv.rows.toLocaleString('en')} events (until READY, plus download), rows/s`,
      unit: 'rows/s',
      app: csvRowsPerSecond,
      baseline: copyRowsPerSecond,
      ratio: throughputRatio,
      target: `≥ ${ROWS_PER_SECOND_TARGET.toFixed(2)} of COPY TO STDOUT CSV rows/s at 1M events${scale === 'L' ? '' : ' (scale L; reported here)'}`,
      met: scale === 'L' ? throughputRatio >= ROWS_PER_SECOND_TARGET : null,
      invalidResponses: csv.invalidRuns,
      details: {
        ...csv.common,
        rows: csv.rows,
        seconds: csv.seconds,
        copySeconds: csv.baselineSeconds,
        copyRows: csv.baselineRows,
      },
    },
    rssScenario('CSV', scale, csv),
    {
      id: 'export-csv-healthz',
      title: '/healthz p99 during the CSV export (baseline: same app, idle)',
      unit: 'ms',
      app: csv.healthzP99,
      baseline: csv.healthzIdleP99,
      ratio: csv.healthzP99 / csv.healthzIdleP99,
      target: `≤ ${HEALTHZ_P99_OVER_IDLE_TARGET}× idle p99`,
      met: csv.healthzP99 / csv.healthzIdleP99 <= HEALTHZ_P99_OVER_IDLE_TARGET,
      invalidResponses: csv.invalidRuns,
      details: { ...csv.common, rows: csv.rows },
    },
  );
  const xlsxOverCsv = xlsx.seconds / csv.seconds;
  scenarios.push(
    {
      id: 'export-xlsx-time',
      title: `Audit trail export to XLSX, ${xlsx.rows.toLocaleString('en')} events (baseline: the CSV export of the same rows)`,
      unit: 's',
      app: xlsx.seconds,
      baseline: csv.seconds,
      ratio: xlsxOverCsv,
      target: `< ${XLSX_OVER_CSV_TIME_TARGET}× the CSV export's time at 100k rows${scale === 'S' ? '' : ' (scale S; reported here)'}`,
      met: scale === 'S' ? xlsxOverCsv < XLSX_OVER_CSV_TIME_TARGET : null,
      invalidResponses: xlsx.invalidRuns + csv.invalidRuns,
      details: {
        ...xlsx.common,
        rows: xlsx.rows,
        rowsPerSecond: xlsx.rows / xlsx.seconds,
        copySeconds: xlsx.baselineSeconds,
        ratioToCopy: xlsx.seconds / xlsx.baselineSeconds,
      },
    },
    rssScenario('XLSX', scale, xlsx),
    {
      id: 'export-xlsx-healthz',
      title: '/healthz p99 during the XLSX export (baseline: same app, idle)',
      unit: 'ms',
      app: xlsx.healthzP99,
      baseline: xlsx.healthzIdleP99,
      ratio: xlsx.healthzP99 / xlsx.healthzIdleP99,
      target: `≤ ${HEALTHZ_P99_OVER_IDLE_TARGET}× idle p99 (the issue's CSV target, reported for XLSX)`,
      met: null,
      invalidResponses: xlsx.invalidRuns,
      details: { ...xlsx.common, rows: xlsx.rows },
    },
  );
  return scenarios;
}

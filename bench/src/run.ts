// `npm run bench [-- --quick] [-- --scale S|L] [-- --only transition,statements,...]`: Modelgate's production build
// against raw baselines, in the same run. With --only, the chosen scenarios alone, printed but not written to the results.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@modelgate/db/embedded';
import { deployMigrations } from '@modelgate/db/migrations';
import { repositoryRoot } from '@modelgate/db/paths';
import { findFreePort } from '@modelgate/db/testing';
import pg from 'pg';
import * as prettier from 'prettier';
import { generateAuditTrail, generateDataset, SCALES, settleDatabase, type Dataset, type Scale } from './data.js';
import { adminFirstRenderScenarios } from './scenarios-admin.js';
import { scanScenario } from './scenarios-scan.js';
import { IMPORT_ROWS, importCsv, importRecords, rawImport } from './scenarios-bulk.js';
import { exportScenarios } from './scenarios-export.js';
import { pgbenchScenario } from './scenarios-pgbench.js';
import { statementsScenarios, withStatementStatistics } from './scenarios-statements.js';
import { transitionScenario } from './scenarios-transition.js';
import { latencyAtRate, maxThroughput, median, probe, SEND_LAG_LIMIT_MS, type Target } from './load.js';
import { canPin, startService, type Service } from './processes.js';
import { renderMarkdown, renderTable, type RunReport, type ScenarioResult } from './report.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const scaleArg = args[args.indexOf('--scale') + 1];
const scales: Scale[] =
  args.includes('--scale') && (scaleArg === 'S' || scaleArg === 'L')
    ? [SCALES[scaleArg]]
    : quick
      ? [SCALES.S]
      : [SCALES.S, SCALES.L];
const SCENARIOS = [
  'decisions',
  'inventory',
  'exports',
  'import',
  'verify',
  'statements',
  'transition',
  'pgbench',
  'admin',
  'scan',
] as const;
type ScenarioGroup = (typeof SCENARIOS)[number];
const onlyArg = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '') : null;
const only = onlyArg === null ? null : onlyArg.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name)) ?? [];
if (only && (only.length === 0 || unknown.length > 0)) {
  console.error(
    `--only takes a comma-separated list of: ${SCENARIOS.join(', ')} (unknown: ${unknown.join(', ') || 'none given'})`,
  );
  process.exit(2);
}
const selected = (group: ScenarioGroup) => only === null || only.includes(group);
// Quick runs keep three alternations per scenario but shorter ones, to stay within five minutes.
const SECONDS = quick ? 3 : 10;
const ROUNDS = 3;
// A latency figure is the p99 of a 10 s run, which one pause of the shared machine (30-200 ms) can decide: five runs a
// side, so that the median is not a disturbed run's.
const LATENCY_ROUNDS = quick ? 3 : 5;
const CONNECTIONS = 16;

// Counted before this process pins itself to a subset of them.
const cores = os.cpus().length;
if (canPin) execFileSync('taskset', ['-cp', `1-${cores - 1}`, String(process.pid)], { stdio: 'ignore' });

const startedAt = performance.now();
/** Each line with the seconds since the start, so a slow phase shows in the log. */
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);

function decisionTargets(app: Service, baseline: Service, dataset: Dataset): { app: Target; baseline: Target; bodies: string[] } {
  const environments = ['DEVELOPMENT', 'STAGING', 'PRODUCTION'];
  const classes = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'];
  const bodies = Array.from({ length: 200 }, (_, i) =>
    JSON.stringify({
      modelVersionId: dataset.versionIds[(i * 7919) % dataset.versionIds.length],
      hostingTargetId: dataset.hostingTargetIds[i % dataset.hostingTargetIds.length],
      environment: environments[i % 3],
      dataClassification: classes[(i >> 1) % 4],
    }),
  );
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` };
  return {
    app: { url: app.url, method: 'POST', path: '/api/v1/decisions', headers, bodies },
    baseline: { url: baseline.url, method: 'POST', path: '/api/v1/decisions', headers, bodies },
    bodies,
  };
}

const INVENTORY_QUERY = `query Bench($first: Int) { modelVersions(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id familyName versionName developerCountry licenseClass concludedLicense provider { id name } deploymentCount
  approvalRequests { state } } } } }`;

function inventoryTargets(app: Service, baseline: Service, dataset: Dataset, first: number): { app: Target; baseline: Target } {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` };
  return {
    app: {
      url: app.url,
      method: 'POST',
      path: '/graphql',
      headers,
      bodies: [JSON.stringify({ query: INVENTORY_QUERY, variables: { first } })],
    },
    baseline: { url: baseline.url, method: 'GET', path: `/api/inventory?first=${first}`, headers },
  };
}

/** Both servers must answer every request of the run without an error, and the same way; otherwise the figures mean nothing. */
async function checkDecisions(
  app: Target,
  baseline: Target,
  bodies: readonly string[],
): Promise<{ agreed: number; checked: number }> {
  let agreed = 0;
  for (const body of bodies) {
    const [a, b] = await Promise.all([probe(app, body), probe(baseline, body)]);
    if (a.status !== 200 || b.status !== 200) {
      throw new Error(
        `a decision failed: app ${a.status} ${JSON.stringify(a.json)}; baseline ${b.status} ${JSON.stringify(b.json)}`,
      );
    }
    if ((a.json as { decision: string }).decision === (b.json as { decision: string }).decision) agreed += 1;
  }
  return { agreed, checked: bodies.length };
}

async function checkInventory(app: Target, baseline: Target): Promise<void> {
  const a = await probe(app, app.bodies?.[0]);
  const b = await probe(baseline);
  const appNodes = (a.json as { data?: { modelVersions: { edges: unknown[] } }; errors?: unknown }).data?.modelVersions.edges
    .length;
  const baselineNodes = (b.json as { nodes?: unknown[] }).nodes?.length;
  if (a.status !== 200 || (a.json as { errors?: unknown }).errors || appNodes === undefined || appNodes !== baselineNodes) {
    throw new Error(
      `the inventory answers differ: app ${a.status} ${JSON.stringify(a.json).slice(0, 500)}; baseline ${baselineNodes}`,
    );
  }
}

/** Alternates baseline and app runs and keeps the medians, so drift on a shared machine hits both alike. */
async function alternate<T>(rounds: number, run: (side: 'app' | 'baseline') => Promise<T>): Promise<{ app: T[]; baseline: T[] }> {
  const results = { app: [] as T[], baseline: [] as T[] };
  for (let round = 0; round < rounds; round += 1) {
    results.baseline.push(await run('baseline'));
    results.app.push(await run('app'));
  }
  return results;
}

function roundsOf<T>(results: { app: T[]; baseline: T[] }, figure: (result: T) => number): { app: number[]; baseline: number[] } {
  return { app: results.app.map(figure), baseline: results.baseline.map(figure) };
}

function invalid(results: { non2xx?: number; errors?: number; failures?: number }[]): number {
  return results.reduce((sum, r) => sum + (r.non2xx ?? 0) + (r.errors ?? 0) + (r.failures ?? 0), 0);
}

async function runScale(scale: Scale): Promise<{ scenarios: ScenarioResult[]; postgres: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-bench-'));
  let database: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: dir, port: await findFreePort() });
  const services: Service[] = [];
  try {
    if (selected('statements')) database = await withStatementStatistics(database, dir, log);
    log(`scale ${scale.name}: migrating a throwaway PostgreSQL`);
    await deployMigrations(database.url);
    const started = Date.now();
    const dataset = await generateDataset(database.url, scale);
    log(
      `scale ${scale.name}: ${scale.versions} versions, ${scale.deployments} deployments generated in ${Date.now() - started} ms`,
    );
    if (selected('exports') || selected('verify')) {
      const auditStarted = Date.now();
      await generateAuditTrail(database.url, scale.auditEvents);
      log(`scale ${scale.name}: ${scale.auditEvents} chained audit events generated in ${Date.now() - auditStarted} ms`);
    }
    const settleStarted = Date.now();
    await settleDatabase(database.url);
    log(`scale ${scale.name}: database vacuumed and checkpointed in ${Date.now() - settleStarted} ms`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await client.end();

    const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '10' };
    const appScript = path.join(repositoryRoot, 'apps/api/dist/main.js');
    const appEnv = {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      JOBS_ENABLED: 'false',
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_MAX: '1000000',
      MODELGATE_DATA_DIR: dir,
    };
    const app = await startService('app', appScript, appEnv);
    services.push(app);
    const baseline = await startService('baseline', path.join(import.meta.dirname, 'baseline-server.js'), env);
    services.push(baseline);

    const scenarios: ScenarioResult[] = [];
    const bearer = { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` };
    if (selected('decisions')) {
      const decisions = decisionTargets(app, baseline, dataset);
      const agreement = await checkDecisions(decisions.app, decisions.baseline, decisions.bodies);
      log(`decisions: app and baseline agree on ${agreement.agreed} of ${agreement.checked} questions`);

      log('decision API: closed-loop throughput');
      const decisionRuns = await alternate(ROUNDS, (side) => maxThroughput(decisions[side], CONNECTIONS, SECONDS));
      const decisionApp = median(decisionRuns.app.map((r) => r.requestsPerSecond));
      const decisionBaseline = median(decisionRuns.baseline.map((r) => r.requestsPerSecond));
      scenarios.push({
        id: 'decision-throughput',
        title: 'Decision API (CI gate), max throughput',
        unit: 'req/s',
        app: decisionApp,
        baseline: decisionBaseline,
        ratio: decisionApp / decisionBaseline,
        target: '≥ 0.50 of baseline',
        met: decisionApp / decisionBaseline >= 0.5,
        invalidResponses: invalid([...decisionRuns.app, ...decisionRuns.baseline]),
        details: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, agreement },
      });

      log('decision API: latency at 500 req/s (open loop)');
      const decisionLatency = await alternate(LATENCY_ROUNDS, (side) => latencyAtRate(decisions[side], 500, SECONDS));
      const decisionP99Rounds = roundsOf(decisionLatency, (r) => r.p99Ms);
      const p99App = median(decisionP99Rounds.app);
      const p99Baseline = median(decisionP99Rounds.baseline);
      const sendLag = {
        app: median(decisionLatency.app.map((r) => r.sendLagP99Ms)),
        baseline: median(decisionLatency.baseline.map((r) => r.sendLagP99Ms)),
      };
      if (Math.max(sendLag.app, sendLag.baseline) > SEND_LAG_LIMIT_MS) {
        log(
          `decision API: the load generator fell behind its schedule (send lag p99 app ${sendLag.app.toFixed(1)} ms, ` +
            `baseline ${sendLag.baseline.toFixed(1)} ms): the latencies include its own delay`,
        );
      }
      scenarios.push({
        id: 'decision-p99-500',
        title: 'Decision API, p99 latency at 500 req/s',
        unit: 'ms',
        app: p99App,
        baseline: p99Baseline,
        ratio: p99App / p99Baseline,
        target: 'app p99 < 10 ms',
        met: p99App < 10,
        invalidResponses: invalid([...decisionLatency.app, ...decisionLatency.baseline]),
        details: {
          rounds: LATENCY_ROUNDS,
          p50: {
            app: median(decisionLatency.app.map((r) => r.p50Ms)),
            baseline: median(decisionLatency.baseline.map((r) => r.p50Ms)),
          },
          p95: {
            app: median(decisionLatency.app.map((r) => r.p95Ms)),
            baseline: median(decisionLatency.baseline.map((r) => r.p95Ms)),
          },
          // Each round's p99, in the order run: the figure is their median.
          p99Rounds: decisionP99Rounds,
          // The generator's own lateness (p99 of send time minus due time): above the limit, it could not keep the rate.
          sendLagP99: sendLag,
          generatorKeptSchedule: Math.max(sendLag.app, sendLag.baseline) <= SEND_LAG_LIMIT_MS,
        },
      });
    }

    if (selected('inventory')) {
      const inventory = inventoryTargets(app, baseline, dataset, 50);
      await checkInventory(inventory.app, inventory.baseline);
      log('inventory list (first: 50): closed-loop throughput');
      const inventoryRuns = await alternate(ROUNDS, (side) => maxThroughput(inventory[side], CONNECTIONS, SECONDS));
      const inventoryApp = median(inventoryRuns.app.map((r) => r.requestsPerSecond));
      const inventoryBaseline = median(inventoryRuns.baseline.map((r) => r.requestsPerSecond));
      scenarios.push({
        id: 'inventory-throughput',
        title: 'Inventory list, first: 50, max throughput',
        unit: 'req/s',
        app: inventoryApp,
        baseline: inventoryBaseline,
        ratio: inventoryApp / inventoryBaseline,
        target: '≥ 0.65 of baseline',
        met: inventoryApp / inventoryBaseline >= 0.65,
        invalidResponses: invalid([...inventoryRuns.app, ...inventoryRuns.baseline]),
        details: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS },
      });

      const rate = Math.max(10, Math.round(inventoryBaseline * 0.7));
      log(`inventory list: latency at ${rate} req/s (70% of the baseline's maximum, open loop)`);
      const inventoryLatency = await alternate(LATENCY_ROUNDS, (side) => latencyAtRate(inventory[side], rate, SECONDS));
      const inventoryP99Rounds = roundsOf(inventoryLatency, (r) => r.p99Ms);
      const invP99App = median(inventoryP99Rounds.app);
      const invP99Baseline = median(inventoryP99Rounds.baseline);
      scenarios.push({
        id: 'inventory-p99-70',
        title: "Inventory list, p99 at 70% of the baseline's max rate",
        unit: 'ms',
        app: invP99App,
        baseline: invP99Baseline,
        ratio: invP99App / invP99Baseline,
        target: '≤ 2× baseline p99',
        met: invP99App / invP99Baseline <= 2,
        invalidResponses: invalid([...inventoryLatency.app, ...inventoryLatency.baseline]),
        details: { rate, rounds: LATENCY_ROUNDS, p99Rounds: inventoryP99Rounds },
      });
    }
    // Before the imports, which add 10,000 versions a round: the list is measured at the scale's own size (S 1,000,
    // L 10,000 versions). It adds a review queue for its own user, which no later scenario reads.
    if (selected('admin')) {
      // A browser failure (a page that never renders, an admin build replaced under the running app) is recorded as
      // an invalid row rather than losing the run's other figures.
      const admin = await adminFirstRenderScenarios({ appUrl: app.url, databaseUrl: database.url, rounds: ROUNDS, log }).catch(
        (error: Error): ScenarioResult[] => {
          log(`admin first render: FAILED: ${error.message.split('\n')[0]}`);
          return [
            {
              id: 'admin-first-render',
              title: 'Admin first render (failed, see the log)',
              unit: 'ms',
              app: Number.NaN,
              baseline: null,
              ratio: null,
              target: 'reported',
              met: null,
              invalidResponses: 1,
              details: { error: error.message.slice(0, 2_000) },
            },
          ];
        },
      );
      scenarios.push(...admin);
    }
    let exportResults: ScenarioResult[] = [];
    // Before the imports add their events, so the trail holds the generated events (S 100,000, L 1,000,000) and the
    // exports' own; reported after the other scenarios.
    if (selected('exports')) {
      exportResults = await exportScenarios({
        databaseUrl: database.url,
        directory: dir,
        rounds: scale.name === 'L' ? 1 : ROUNDS,
        scale: scale.name,
        startApp: () => startService('app-export', appScript, appEnv),
        log,
      });
    }

    if (selected('import')) {
      log(`inventory import: ${IMPORT_ROWS} rows (CSV) through the API vs the same rows written with raw SQL`);
      const importRuns = await alternate(ROUNDS, async (side) => {
        const round = `${side}-${Math.random().toString(36).slice(2, 8)}`;
        const started = performance.now();
        if (side === 'baseline') {
          await rawImport(database.url, importRecords(round));
          return { seconds: (performance.now() - started) / 1000, failures: 0 };
        }
        const content = importCsv(round);
        const response = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: bearer,
          body: JSON.stringify({
            query: 'mutation ($input: ImportInventoryInput!) { importInventory(input: $input) { ok created errors { reason } } }',
            variables: { input: { format: 'CSV', content, dryRun: false } },
          }),
        });
        const seconds = (performance.now() - started) / 1000;
        const body = (await response.json()) as {
          data?: { importInventory: { ok: boolean; created: number } };
          errors?: unknown;
        };
        const ok =
          response.ok &&
          !body.errors &&
          body.data?.importInventory.ok === true &&
          body.data.importInventory.created === IMPORT_ROWS;
        if (!ok) log(`import failed: ${JSON.stringify(body).slice(0, 400)}`);
        return { seconds, failures: ok ? 0 : 1 };
      });
      const importApp = median(importRuns.app.map((r) => r.seconds));
      const importBaseline = median(importRuns.baseline.map((r) => r.seconds));
      scenarios.push({
        id: 'import-10k',
        title: `Import ${IMPORT_ROWS.toLocaleString('en')}-row CSV inventory`,
        unit: 's',
        app: importApp,
        baseline: importBaseline,
        ratio: importApp / importBaseline,
        target: 'app < 5 s',
        met: importApp < 5,
        invalidResponses: invalid([...importRuns.app, ...importRuns.baseline]),
        details: { rows: IMPORT_ROWS, baseline: 'two set-based INSERTs, no validation, lineage, derived facts or audit' },
      });
    }

    if (selected('verify')) {
      log('audit chain verification over the whole trail');
      const verifyRuns = await alternate(ROUNDS, async (side) => {
        const started = performance.now();
        const response =
          side === 'app'
            ? await fetch(`${app.url}/graphql`, {
                method: 'POST',
                headers: bearer,
                body: JSON.stringify({ query: '{ auditTrailVerification { ok checkedEvents } }' }),
              })
            : await fetch(`${baseline.url}/api/audit/verify`, { headers: bearer });
        const seconds = (performance.now() - started) / 1000;
        const body = (await response.json()) as {
          ok?: boolean;
          checkedEvents?: number;
          data?: { auditTrailVerification: { ok: boolean; checkedEvents: number } };
        };
        const result = side === 'app' ? body.data?.auditTrailVerification : body;
        return { seconds, checkedEvents: result?.checkedEvents ?? 0, failures: result?.ok === true ? 0 : 1 };
      });
      const verifyApp = median(verifyRuns.app.map((r) => r.seconds));
      const verifyBaseline = median(verifyRuns.baseline.map((r) => r.seconds));
      const checkedEvents = Math.max(...verifyRuns.app.map((r) => r.checkedEvents));
      scenarios.push({
        id: 'audit-verify',
        title: `Audit chain verification, ${checkedEvents.toLocaleString('en')} events`,
        unit: 's',
        app: verifyApp,
        baseline: verifyBaseline,
        ratio: verifyApp / verifyBaseline,
        target: '< 10 s for 1,000,000 events',
        // The target is set for scale L; at S the figure is scaled linearly to a million events.
        met: (verifyApp * 1_000_000) / Math.max(1, checkedEvents) < 10,
        invalidResponses: invalid([...verifyRuns.app, ...verifyRuns.baseline]),
        details: { checkedEvents, projectedSecondsPerMillion: (verifyApp * 1_000_000) / Math.max(1, checkedEvents) },
      });
    }
    if (selected('statements')) {
      log('SQL statements per inventory request (pg_stat_statements)');
      scenarios.push(
        ...(await statementsScenarios({
          databaseUrl: database.url,
          targetsFor: (first) => inventoryTargets(app, baseline, dataset, first),
          log,
        })),
      );
    }
    if (selected('transition')) {
      log('approve transition: closed loop, each client on its own requests');
      scenarios.push(
        await transitionScenario({ app, baseline, databaseUrl: database.url, rounds: ROUNDS, seconds: SECONDS, log }),
      );
    }
    scenarios.push(...exportResults);
    // The scan reads files only, so it runs once, with the smallest scale.
    if (selected('scan') && scale === scales[0]) scenarios.push(await scanScenario({ quick, log }));
    // A reference line for the machine, not for a scale: once, with the first.
    if (selected('pgbench') && scale === scales[0]) {
      const reference = await pgbenchScenario({ databaseUrl: database.url, quick, rounds: ROUNDS, seconds: SECONDS, log });
      if (reference) scenarios.push(reference);
    }
    return { scenarios, postgres };
  } finally {
    for (const service of services.reverse()) await service.stop();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const report: RunReport = {
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    pinned: canPin,
    postgres: '',
  },
  scales: [],
};

for (const scale of scales) {
  const { scenarios, postgres } = await runScale(scale);
  report.machine.postgres = postgres;
  report.scales.push({ scale, scenarios });
}

console.log(renderTable(report));
if (only) {
  // A partial run would replace the whole record: its results go to a temporary file instead.
  const partial = path.join(os.tmpdir(), `modelgate-bench-${only.join('-')}.json`);
  await writeFile(partial, JSON.stringify(report, null, 2) + '\n');
  log(`--only ${only.join(',')}: results in ${partial}; bench/results and docs/benchmarks.md left as they were`);
  process.exit(0);
}
const resultsDir = path.join(repositoryRoot, 'bench', 'results');
await mkdir(resultsDir, { recursive: true });
const docsFile = path.join(repositoryRoot, 'docs', 'benchmarks.md');
const resultsFile = path.join(resultsDir, 'latest.json');
// Both formatted as the repository's format check expects, so a committed result passes it.
const prettierOptions = (await prettier.resolveConfig(docsFile)) ?? {};
await writeFile(resultsFile, await prettier.format(JSON.stringify(report), { ...prettierOptions, filepath: resultsFile }));
await writeFile(docsFile, await prettier.format(renderMarkdown(report), { ...prettierOptions, filepath: docsFile }));
log('wrote bench/results/latest.json and docs/benchmarks.md');

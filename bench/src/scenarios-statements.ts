// SQL statements per inventory-list request, counted by PostgreSQL itself (pg_stat_statements): the app's GraphQL list
// and the baseline's one hand-written query (plus its count and token lookup), at first 10, 50 and 100.
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@modelgate/db/embedded';
import pg from 'pg';
import { median, probe, type Target } from './load.js';
import type { ScenarioResult } from './report.js';

const PAGE_SIZES = [10, 50, 100];
const REQUESTS = 20;
/** The target: a constant number of statements whatever the page size, and at most this many. */
const MAX_STATEMENTS = 3;

/** The statistics database: pg_stat_statements lives there, so reading and resetting it is not counted. */
const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * Restarts the cluster with pg_stat_statements loaded (it can only be loaded at start), tracking nothing until
 * `countStatements` turns it on, so the other scenarios run as without it. Same data directory and port, so the URL
 * does not change.
 */
export async function withStatementStatistics(
  database: EmbeddedPostgres,
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedPostgres> {
  const admin = new pg.Client({ connectionString: withDatabase(database.url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  } finally {
    await admin.end();
  }
  await database.stop();
  const restarted = await startEmbeddedPostgres({ dataDir, port: database.port });
  const stats = new pg.Client({ connectionString: withDatabase(restarted.url, 'postgres') });
  await stats.connect();
  try {
    await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await setTracking(stats, 'none');
  } finally {
    await stats.end();
  }
  log('statements: PostgreSQL restarted with pg_stat_statements (tracking off until the scenario)');
  return restarted;
}

type Counted = {
  /** The median over the requests: a once-a-minute write (the token's last use) does not move it. */
  perRequest: number;
  min: number;
  max: number;
  statements: { query: string; perRequest: number }[];
};

async function setTracking(stats: pg.Client, track: 'top' | 'none'): Promise<void> {
  await stats.query(`ALTER SYSTEM SET pg_stat_statements.track = '${track}'`);
  await stats.query('SELECT pg_reload_conf()');
  // Every backend rereads the configuration before its next command; give the postmaster time to signal them.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The statements the database ran for each of `REQUESTS` sequential requests, counted one request at a time. */
async function count(stats: pg.Client, database: string, target: Target): Promise<Counted> {
  const perRequest: number[] = [];
  const byQuery = new Map<string, number>();
  for (let i = 0; i < REQUESTS; i += 1) {
    await stats.query('SELECT pg_stat_statements_reset()');
    const answer = await probe(target, target.bodies?.[0]);
    if (answer.status !== 200 || (answer.json as { errors?: unknown }).errors) {
      throw new Error(`an inventory request failed while counting statements: ${JSON.stringify(answer.json).slice(0, 300)}`);
    }
    const { rows } = await stats.query<{ query: string; calls: string }>(
      'SELECT query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)',
      [database],
    );
    perRequest.push(rows.reduce((sum, row) => sum + Number(row.calls), 0));
    for (const row of rows) {
      const query = row.query.replace(/\s+/g, ' ').slice(0, 240);
      byQuery.set(query, (byQuery.get(query) ?? 0) + Number(row.calls));
    }
  }
  return {
    perRequest: median(perRequest),
    min: Math.min(...perRequest),
    max: Math.max(...perRequest),
    statements: [...byQuery].map(([query, calls]) => ({ query, perRequest: calls / REQUESTS })),
  };
}

export async function statementsScenarios(options: {
  databaseUrl: string;
  targetsFor: (first: number) => { app: Target; baseline: Target };
  log: (line: string) => void;
}): Promise<ScenarioResult[]> {
  const database = new URL(options.databaseUrl).pathname.slice(1);
  const stats = new pg.Client({ connectionString: withDatabase(options.databaseUrl, 'postgres') });
  await stats.connect();
  const counted: { first: number; app: Counted; baseline: Counted }[] = [];
  try {
    await setTracking(stats, 'top');
    for (const first of PAGE_SIZES) {
      const targets = options.targetsFor(first);
      const baseline = await count(stats, database, targets.baseline);
      const app = await count(stats, database, targets.app);
      options.log(`statements: first ${first}: app ${app.perRequest}, baseline ${baseline.perRequest} per request`);
      counted.push({ first, app, baseline });
    }
  } finally {
    await setTracking(stats, 'none').catch(() => undefined);
    await stats.end();
  }
  const constant = counted.every((c) => c.app.perRequest === counted[0]!.app.perRequest);
  return counted.map(({ first, app, baseline }) => ({
    id: `inventory-statements-${first}`,
    title: `SQL statements per inventory request, first: ${first}`,
    unit: 'statements',
    app: app.perRequest,
    baseline: baseline.perRequest,
    ratio: app.perRequest / baseline.perRequest,
    target: `constant in first, ≤ ${MAX_STATEMENTS}`,
    met: constant && app.perRequest <= MAX_STATEMENTS,
    invalidResponses: 0,
    details: {
      requests: REQUESTS,
      counting:
        'pg_stat_statements calls in the app database per request, median of the requests; token lookup and transaction control included',
      range: { app: [app.min, app.max], baseline: [baseline.min, baseline.max] },
      appStatements: app.statements,
      baselineStatements: baseline.statements,
    },
  }));
}

// The admin app's first render in headless Chromium: from the start of a navigation to the first rows of the inventory
// list and of the approvals review queue, for a signed-in compliance officer on the generated data (S: 1,000 model
// versions, L: 10,000). The baseline is the page's own list request replayed alone from Node with the same session,
// so the ratio is what loading the code and rendering add to the data. Skipped, with a line in the log, where there is
// no Chromium.
import { randomBytes, scrypt } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { median } from './load.js';
import type { ScenarioResult } from './report.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The generated data's compliance officer (see data.ts); this scenario gives it a password to sign in with. */
const BENCH_EMAIL = 'bench@bench.modelgate.local';
const BENCH_PASSWORD = 'bench-first-render';
/** Open requests with a security review assigned to the bench user: one per ten model versions. */
const QUEUE_SHARE = 10;
const BASELINE_REPEATS = 5;

/** `targetMs`: the "first meaningful render < 1 s" for the inventory; the review queue's figure is reported. */
type Page = { id: string; title: string; path: string; rows: string; operation: string; targetMs?: number };

type Measurement = {
  firstRowsMs: number;
  rowsInDom: number;
  scripts: number;
  scriptKB: number;
  graphqlRequests: number;
  /** When the last script before the rows had arrived, and when each GraphQL request before them started. */
  scriptsLoadedMs: number;
  graphqlStartsMs: number[];
  listRequest: string | null;
};

export type AdminFirstRenderOptions = {
  appUrl: string;
  databaseUrl: string;
  rounds: number;
  log: (line: string) => void;
};

/** A password hash the API accepts: the format of apps/api/src/auth/password-hasher.ts, `scrypt$N$r$p$salt$hash`. */
async function passwordHash(password: string): Promise<string> {
  const params = { N: 2 ** 15, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Gives the bench user a password and a review queue: open requests for every tenth model version, each with a
 * security review assigned to them, due between five days ago and a fortnight ahead. Runs after the other scenarios,
 * so their data is as they expect it.
 */
async function prepare(databaseUrl: string): Promise<{ versions: number; queued: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const user = await client.query<{ id: string }>('UPDATE app_user SET password_hash = $1 WHERE email = $2 RETURNING id', [
      await passwordHash(BENCH_PASSWORD),
      BENCH_EMAIL,
    ]);
    const userId = user.rows[0]?.id;
    if (!userId) throw new Error(`no ${BENCH_EMAIL} in the generated data`);
    const queued = await client.query(
      `WITH v AS (
         SELECT id, weights_sha256, row_number() OVER (ORDER BY key) AS i FROM model_version WHERE key LIKE 'bench-mv-%'
       ),
       r AS (
         INSERT INTO approval_request (model_version_id, weights_sha256, team_id, requester_id, requested_via, state,
           intended_use, environments, hosting_modes, max_data_classification, personal_data, expected_users,
           required_categories, submitted_at, policy_version, updated_at)
         SELECT v.id, v.weights_sha256, (SELECT id FROM team ORDER BY slug LIMIT 1), $1, 'API', 'IN_REVIEW',
           'Benchmark review queue', '{PRODUCTION}', '{PRIVATE_CLOUD}', 'INTERNAL', false, 100, '{security}',
           now() - (v.i || ' minutes')::interval, 0, now()
         FROM v WHERE v.i % $2 = 0
         RETURNING id, number
       )
       INSERT INTO risk_review (request_id, category, reviewer_id, status, due_at, mitigations, updated_at)
       SELECT r.id, 'security', $1, 'ASSIGNED', now() + ((r.number % 20) - 5 || ' days')::interval, '{}', now() FROM r`,
      [userId, QUEUE_SHARE],
    );
    await client.query('COMMIT');
    const versions = await client.query<{ count: string }>('SELECT count(*) FROM model_version');
    return { versions: Number(versions.rows[0]!.count), queued: queued.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Signs in through the sign-in page, as a person would, and returns the session for fresh browser contexts. */
async function signIn(browser: Browser, appUrl: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(BENCH_EMAIL);
    await page.getByRole('textbox', { name: 'Password' }).fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('session').waitFor({ timeout: 30_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** What the measuring code reads in the page; this workspace compiles without the DOM's types. */
type PageGlobals = {
  __benchFirstRows?: number;
  document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): { length: number } };
  performance: {
    now(): number;
    getEntriesByType(type: 'resource'): { name: string; startTime: number; responseEnd: number; encodedBodySize: number }[];
  };
  requestAnimationFrame(callback: () => void): void;
  MutationObserver: new (callback: (records: unknown, observer: { disconnect(): void }) => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  };
};

/** In the page, before its scripts: notes the time (0 = navigation start) of the frame after the rows first appear. */
function watchForRows(selector: string) {
  const page = globalThis as unknown as PageGlobals;
  new page.MutationObserver((_, observer) => {
    if (!page.document.querySelector(selector)) return;
    observer.disconnect();
    page.requestAnimationFrame(() => (page.__benchFirstRows = page.performance.now()));
  }).observe(page.document, { childList: true, subtree: true });
}

/** In the page, once the rows are there: the time, the rows and what was loaded before them. */
function readMeasurement(selector: string): Omit<Measurement, 'listRequest'> {
  const page = globalThis as unknown as PageGlobals;
  const at = page.__benchFirstRows!;
  const before = page.performance.getEntriesByType('resource').filter((entry) => entry.startTime < at);
  const scripts = before.filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
  const graphql = before.filter((entry) => new URL(entry.name).pathname === '/graphql');
  return {
    firstRowsMs: at,
    rowsInDom: page.document.querySelectorAll(selector).length,
    scripts: scripts.length,
    scriptKB: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0) / 1000,
    graphqlRequests: graphql.length,
    scriptsLoadedMs: Math.max(0, ...scripts.map((entry) => entry.responseEnd)),
    graphqlStartsMs: graphql.map((entry) => Math.round(entry.startTime)),
  };
}

/** Opens the page in a new tab of the context and measures its first rows. */
async function measure(context: BrowserContext, appUrl: string, page: Page): Promise<Measurement> {
  const tab = await context.newPage();
  try {
    await tab.addInitScript(watchForRows, page.rows);
    let listRequest: string | null = null;
    tab.on('request', (request) => {
      const body = request.postData();
      if (request.url().endsWith('/graphql') && body?.includes(`query ${page.operation}`)) listRequest ??= body;
    });
    await tab.goto(`${appUrl}${page.path}`, { waitUntil: 'commit' });
    await tab
      .waitForFunction(() => (globalThis as unknown as PageGlobals).__benchFirstRows !== undefined, undefined, {
        timeout: 60_000,
        polling: 50,
      })
      .catch(async (error: Error) => {
        // What the page shows instead of the rows, so a failed run says why.
        const shown = await tab
          .locator('body')
          .innerText({ timeout: 5_000 })
          .catch(() => '(unreadable)');
        const screenshot = path.join(os.tmpdir(), `bench-${page.id}.png`);
        await tab.screenshot({ path: screenshot }).catch(() => undefined);
        throw new Error(
          `${page.path}: no ${page.rows} within 60 s (${error.message.split('\n')[0]}); at ${tab.url()} the page shows: ` +
            `${shown.replace(/\s+/g, ' ').slice(0, 600)} (screenshot: ${screenshot})`,
        );
      });
    return { ...(await tab.evaluate(readMeasurement, page.rows)), listRequest };
  } finally {
    await tab.close();
  }
}

/** The "scrolling stays smooth": while scrolling, the 95th percentile frame at most twice the idle page's. */
const SMOOTH_FRAME_OVER_IDLE_TARGET = 2;
const IDLE_FRAMES_MS = 1_000;
const SCROLL_MS = 5_000;
/** Pixels scrolled each frame: a fast flick, about 24,000 px (some 500 rows) a second at 60 frames per second. */
const SCROLL_STEP_PX = 400;

type Scrolling = { idleFramesMs: number[]; scrollFramesMs: number[]; maxRowsInDom: number; lastRowIndex: number };

/** The DOM the scrolling code touches; this workspace compiles without the DOM's types. */
type ScrollElement = { parentElement: ScrollElement | null; scrollHeight: number; clientHeight: number; scrollTop: number };
type ScrollGlobals = {
  document: {
    querySelector(selector: string): ScrollElement | null;
    querySelectorAll(selector: string): { length: number; [index: number]: { getAttribute(name: string): string | null } };
  };
  performance: { now(): number };
  requestAnimationFrame(callback: (now: number) => void): void;
};

/**
 * In the page, once the rows are there: frame intervals for a second of the idle page, then for a few seconds of
 * scrolling the list's box down by a fixed step every frame (more pages load as the end comes near), with the most
 * rows the document held at once and the last row reached.
 */
function scrollAndTimeFrames(args: { table: string; rows: string; idleMs: number; scrollMs: number; stepPx: number }) {
  const page = globalThis as unknown as ScrollGlobals;
  let box = page.document.querySelector(args.table);
  while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
  if (!box) throw new Error(`nothing scrolls around ${args.table}`);
  const scroller = box;
  return new Promise<Scrolling>((resolve) => {
    const result: Scrolling = { idleFramesMs: [], scrollFramesMs: [], maxRowsInDom: 0, lastRowIndex: 0 };
    let started: number | null = null;
    let last = 0;
    const frame = (now: number) => {
      if (started === null) started = now;
      else if (now - started < args.idleMs) result.idleFramesMs.push(now - last);
      else {
        result.scrollFramesMs.push(now - last);
        const rows = page.document.querySelectorAll(args.rows);
        result.maxRowsInDom = Math.max(result.maxRowsInDom, rows.length);
        if (rows.length)
          result.lastRowIndex = Math.max(result.lastRowIndex, Number(rows[rows.length - 1]!.getAttribute('data-index')));
        if (now - started >= args.idleMs + args.scrollMs) return resolve(result);
      }
      if (started !== null && now - started >= args.idleMs) scroller.scrollTop += args.stepPx;
      last = now;
      page.requestAnimationFrame(frame);
    };
    page.requestAnimationFrame(frame);
  });
}

/** The inventory list opened in a fresh tab of the context, then scrolled (`scrollAndTimeFrames`). */
async function measureScrolling(context: BrowserContext, appUrl: string, page: Page): Promise<Scrolling> {
  const tab = await context.newPage();
  try {
    await tab.goto(`${appUrl}${page.path}`);
    await tab.locator(page.rows).first().waitFor({ timeout: 60_000 });
    return await tab.evaluate(scrollAndTimeFrames, {
      table: page.rows.split(' ')[0]!,
      rows: page.rows,
      idleMs: IDLE_FRAMES_MS,
      scrollMs: SCROLL_MS,
      stepPx: SCROLL_STEP_PX,
    });
  } finally {
    await tab.close();
  }
}

function percentileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The list request alone, from Node with the page's session: what the data costs without the browser. */
async function replay(appUrl: string, cookie: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${appUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie },
    body,
  });
  const json = (await response.json()) as { errors?: unknown };
  if (!response.ok || json.errors) throw new Error(`the replayed list request failed: ${JSON.stringify(json).slice(0, 300)}`);
  return performance.now() - started;
}

export async function adminFirstRenderScenarios(options: AdminFirstRenderOptions): Promise<ScenarioResult[]> {
  const { appUrl, log } = options;
  if (!existsSync(CHROMIUM_PATH)) {
    log(`admin first render: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return [];
  }
  // The app serves the admin build only if it found one when it started (apps/admin/dist).
  const page = await fetch(`${appUrl}/inventory`).then(
    async (response) => ({
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.text(),
    }),
    (error: Error) => ({ status: 0, type: '', body: error.message }),
  );
  if (page.status !== 200 || !page.type.includes('text/html')) {
    log(
      `admin first render: skipped, the app serves no admin build at /inventory (${page.status} ${page.type}: ` +
        `${page.body.slice(0, 120)}); build apps/admin (npx vite build there) before starting the run`,
    );
    return [];
  }
  const { versions, queued } = await prepare(options.databaseUrl);
  log(`admin first render: ${versions} model versions, ${queued} requests in the bench user's review queue`);
  const pages: Page[] = [
    {
      id: 'admin-first-render-inventory',
      title: `Admin first render: inventory list, ${versions.toLocaleString('en')} versions`,
      path: '/inventory',
      rows: '[data-testid="model-versions"] tbody tr[data-index]',
      targetMs: 1_000,
      operation: 'ModelVersions',
    },
    {
      id: 'admin-first-render-review-queue',
      title: `Admin first render: review queue, ${queued.toLocaleString('en')} requests`,
      path: '/approvals?tab=queue',
      rows: 'table[aria-label="Review queue"] tbody tr',
      operation: 'ApprovalRequests',
    },
  ];

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const session = await signIn(browser, appUrl);
    const cookie = session.cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
    const results: ScenarioResult[] = [];
    for (const page of pages) {
      log(`admin first render: ${page.path}, ${options.rounds} cold and ${options.rounds} warm loads`);
      const cold: Measurement[] = [];
      const warm: Measurement[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        // A fresh context has an empty HTTP cache: every script is downloaded, as on a first visit.
        const context = await browser.newContext({ storageState: session, viewport: { width: 1400, height: 1000 } });
        try {
          cold.push(await measure(context, appUrl, page));
          // The same context again: scripts from the cache, data (and the app's query cache) fresh.
          warm.push(await measure(context, appUrl, page));
        } finally {
          await context.close();
        }
      }
      const listRequest = cold.find((m) => m.listRequest)?.listRequest;
      if (!listRequest) throw new Error(`${page.path} never sent its ${page.operation} request`);
      const baseline: number[] = [];
      for (let i = 0; i < options.rounds * BASELINE_REPEATS; i += 1) baseline.push(await replay(appUrl, cookie, listRequest));
      const app = median(cold.map((m) => m.firstRowsMs));
      const data = median(baseline);
      results.push({
        id: page.id,
        title: page.title,
        unit: 'ms',
        app,
        baseline: data,
        ratio: app / data,
        target: page.targetMs === undefined ? 'reported' : `first rows < ${page.targetMs} ms (cold load)`,
        met: page.targetMs === undefined ? null : app < page.targetMs,
        invalidResponses: 0,
        details: {
          path: page.path,
          coldMs: cold.map((m) => m.firstRowsMs),
          warmMedianMs: median(warm.map((m) => m.firstRowsMs)),
          rowsInDom: cold[0]!.rowsInDom,
          scriptsBeforeFirstRows: cold[0]!.scripts,
          scriptKBBeforeFirstRows: cold[0]!.scriptKB,
          graphqlRequestsBeforeFirstRows: cold[0]!.graphqlRequests,
          // No waterfall: the list request starts before the page's scripts have all arrived.
          scriptsLoadedMs: cold.map((m) => Math.round(m.scriptsLoadedMs)),
          graphqlStartsMs: cold.map((m) => m.graphqlStartsMs),
          baseline: `the page's ${page.operation} request alone, replayed from Node with the same session`,
        },
      });
      if (page.id === 'admin-first-render-inventory') results.push(await scrollingScenario(browser, session, options, page));
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** The inventory list scrolled in headless Chromium, a fresh context a round: frame times against the same page idle, medians. */
async function scrollingScenario(
  browser: Browser,
  session: Awaited<ReturnType<BrowserContext['storageState']>>,
  options: AdminFirstRenderOptions,
  page: Page,
): Promise<ScenarioResult> {
  options.log(`admin scrolling: ${page.path}, ${options.rounds} rounds of ${SCROLL_MS / 1000} s`);
  const runs: Scrolling[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const context = await browser.newContext({ storageState: session, viewport: { width: 1400, height: 1000 } });
    try {
      runs.push(await measureScrolling(context, options.appUrl, page));
    } finally {
      await context.close();
    }
  }
  const scrollP95 = median(runs.map((run) => percentileOf(run.scrollFramesMs, 95)));
  const idleP95 = median(runs.map((run) => percentileOf(run.idleFramesMs, 95)));
  const maxRowsInDom = Math.max(...runs.map((run) => run.maxRowsInDom));
  const rowsReached = median(runs.map((run) => run.lastRowIndex + 1));
  options.log(
    `admin scrolling: frame p95 ${scrollP95.toFixed(1)} ms scrolling, ${idleP95.toFixed(1)} ms idle; ` +
      `at most ${maxRowsInDom} rows in the document, row ${rowsReached} reached`,
  );
  return {
    id: 'admin-scroll-inventory',
    title: `Admin inventory list scrolled: 95th percentile frame (baseline: the same page idle)`,
    unit: 'ms',
    app: scrollP95,
    baseline: idleP95,
    ratio: scrollP95 / idleP95,
    target: `frame p95 ≤ ${SMOOTH_FRAME_OVER_IDLE_TARGET}× idle; rows in the document bounded (virtualised)`,
    // Bounded: a few screens of rows, however far the list was scrolled.
    met: scrollP95 <= SMOOTH_FRAME_OVER_IDLE_TARGET * idleP95 && maxRowsInDom < 200 && rowsReached > maxRowsInDom,
    invalidResponses: 0,
    details: {
      scrollPxPerFrame: SCROLL_STEP_PX,
      scrollSeconds: SCROLL_MS / 1000,
      framesScrolling: runs.map((run) => run.scrollFramesMs.length),
      frameP99ScrollingMs: runs.map((run) => percentileOf(run.scrollFramesMs, 99)),
      frameMaxScrollingMs: runs.map((run) => Math.max(...run.scrollFramesMs)),
      maxRowsInDom,
      rowsReached,
    },
  };
}

import type { Dirent } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ignore, { type Ignore } from 'ignore';
import { compareFindings, type Finding, type ScanResult, type SkippedFile } from '../findings.js';
import type { CompiledRules } from '../rules/load-rules.js';
import type { WeightFileDefinition } from '../rules/schema.js';
import { inspectText, type Outcome, type TextFile } from './text-file.js';
import { inspectWeightFile } from './weights.js';

export type ScanOptions = {
  rules: CompiledRules;
  /** Weight files hashed at once (default 2); text files are read one after the other (see scanTree). */
  concurrency?: number;
  /** Honour `.gitignore` and `.modelgateignore` files (default true). */
  gitignore?: boolean;
  /**
   * Threads that scan text files; 0: this thread. Default: with 4 or more cores and at least 2,000 text
   * files, one per core but one, at most 4; otherwise 0. Scanning is CPU-bound regular-expression work.
   */
  workers?: number;
  /** The worker script; by default `scan-worker.js` beside this module (built code only). */
  workerScript?: URL;
};

/** The ignore files read in every folder, in this order; `.modelgateignore` can exclude what git keeps. */
export const IGNORE_FILES = ['.gitignore', '.modelgateignore'] as const;

type IgnoreLevel = { base: string; rules: Ignore };

type Candidate =
  | { type: 'text'; absolute: string; relative: string }
  | { type: 'weights'; absolute: string; relative: string; definition: WeightFileDefinition };

function isIgnored(levels: readonly IgnoreLevel[], relative: string, directory: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const below = level.base === '' ? relative : relative.slice(level.base.length + 1);
    const result = level.rules.test(directory ? `${below}/` : below);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function readIgnoreLevel(directory: string, base: string, entries: readonly Dirent[]): Promise<IgnoreLevel | null> {
  const present = IGNORE_FILES.filter((name) => entries.some((entry) => entry.name === name && entry.isFile()));
  if (present.length === 0) return null;
  const rules = ignore();
  for (const name of present) {
    const text = await readFile(path.join(directory, name), 'utf8').catch(() => '');
    rules.add(text);
  }
  return { base, rules };
}

/**
 * Lists the files to read: text files by extension or name, and weight candidates by extension. Never
 * enters the ignored directory names, git-ignored paths (when asked) or symbolic links.
 */
async function collectCandidates(root: string, options: ScanOptions, skipped: SkippedFile[]): Promise<Candidate[]> {
  const { rules } = options;
  const candidates: Candidate[] = [];
  const stack: { absolute: string; relative: string; levels: IgnoreLevel[] }[] = [{ absolute: root, relative: '', levels: [] }];
  while (stack.length > 0) {
    const directory = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(directory.absolute, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: directory.relative || '.', reason: 'UNREADABLE', detail: (error as Error).message });
      continue;
    }
    let levels = directory.levels;
    if (options.gitignore !== false) {
      const level = await readIgnoreLevel(directory.absolute, directory.relative, entries);
      if (level) levels = [...levels, level];
    }
    for (const entry of entries) {
      const relative = directory.relative ? `${directory.relative}/${entry.name}` : entry.name;
      const absolute = path.join(directory.absolute, entry.name);
      if (entry.isDirectory()) {
        if (rules.ignoreDirectories.has(entry.name)) continue;
        if (levels.length && isIgnored(levels, relative, true)) continue;
        stack.push({ absolute, relative, levels });
        continue;
      }
      if (!entry.isFile()) continue;
      const extension = path.extname(entry.name).toLowerCase();
      const definition = rules.weights.get(extension);
      const text = !definition && (rules.textExtensions.has(extension) || rules.textFileNames?.test(entry.name) === true);
      if (!definition && !text) continue;
      if (levels.length && isIgnored(levels, relative, false)) continue;
      candidates.push(definition ? { type: 'weights', absolute, relative, definition } : { type: 'text', absolute, relative });
    }
  }
  return candidates;
}

/** Files read between two yields to the event loop, so that signals and hashing streams keep moving. */
const YIELD_EVERY = 256;
/** Files per message to a worker thread. */
const WORKER_BATCH = 400;
const MIN_FILES_FOR_WORKERS = 2000;
const MAX_WORKERS = 4;
const DEFAULT_WORKER_SCRIPT = new URL('./scan-worker.js', import.meta.url);

/**
 * Worker threads pay off only with cores to spare: on a 2-core machine they were slower than scanning in
 * this thread (45,000 files: 2.9-4.8 s with 1-3 threads against 3.0-3.3 s, under load), so they start
 * from 4 cores, one per core but this thread's, at most 4, and only for large trees.
 */
function defaultWorkers(textFiles: number): number {
  const cores = os.availableParallelism();
  return textFiles >= MIN_FILES_FOR_WORKERS && cores >= 4 ? Math.min(MAX_WORKERS, cores - 1) : 0;
}

async function inspectWeights(candidate: Extract<Candidate, { type: 'weights' }>): Promise<Outcome> {
  const handle = await open(candidate.absolute, 'r');
  try {
    const { size } = await handle.stat();
    const weights = await inspectWeightFile(handle, candidate.absolute, size, candidate.definition);
    if (!weights) return { findings: [], bytesRead: 0 };
    return {
      bytesRead: weights.format === 'git-lfs-pointer' ? size : weights.bytes,
      findings: [
        {
          kind: 'WEIGHTS_FILE',
          reference: `sha256:${weights.sha256}`,
          provider: null,
          file: candidate.relative,
          line: 1,
          column: 1,
          snippet: `${path.basename(candidate.relative)} (${weights.detail})`,
          ruleId: weights.format === 'git-lfs-pointer' ? 'weights-lfs-pointer' : `weights-${weights.format}`,
          inComment: false,
          informational: false,
          sha256: weights.sha256,
          bytes: weights.bytes,
        },
      ],
    };
  } finally {
    await handle.close();
  }
}

/** Spreads text files over worker threads in batches; each thread compiles the rules once. */
async function scanInWorkers(
  files: readonly TextFile[],
  rules: CompiledRules,
  count: number,
  script: URL,
  record: (outcome: { findings: Finding[]; bytesRead: number; skipped: SkippedFile[] }) => void,
): Promise<void> {
  const batches: TextFile[][] = [];
  for (let start = 0; start < files.length; start += WORKER_BATCH) batches.push(files.slice(start, start + WORKER_BATCH));
  const threads = Array.from(
    { length: Math.min(count, batches.length) },
    () => new Worker(script, { workerData: { rulesFile: rules.file, sources: rules.sources } }),
  );
  let next = 0;
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              thread.postMessage({ id: next, files: batches[next++] });
            };
            thread.on('message', (result: { findings: Finding[]; bytesRead: number; skipped: SkippedFile[] }) => {
              record(result);
              send();
            });
            thread.on('error', reject);
            thread.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a scan worker stopped with exit code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/**
 * Scans a source tree for model references: text files with the compiled rules (read synchronously, on
 * worker threads for large trees), weight files by their first bytes with a streamed SHA-256
 * (`concurrency` at a time).
 */
export async function scanTree(root: string, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const absoluteRoot = path.resolve(root);
  const skipped: SkippedFile[] = [];
  const candidates = await collectCandidates(absoluteRoot, options, skipped);
  const findings: Finding[] = [];
  let bytesRead = 0;
  const record = (outcome: Omit<Outcome, 'skipped'> & { skipped?: SkippedFile | SkippedFile[] }) => {
    findings.push(...outcome.findings);
    bytesRead += outcome.bytesRead;
    if (outcome.skipped) skipped.push(...[outcome.skipped].flat());
  };
  const unreadable = (candidate: Candidate, error: unknown) =>
    skipped.push({ file: candidate.relative, reason: 'UNREADABLE', detail: (error as Error).message });
  const texts: TextFile[] = candidates.filter((candidate) => candidate.type === 'text');
  const weights = candidates.filter((candidate) => candidate.type === 'weights');

  // Weight files stream through SHA-256 in the background while text files are scanned.
  let next = 0;
  const hashing = Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 2) }, async () => {
      while (next < weights.length) {
        const candidate = weights[next++]!;
        await inspectWeights(candidate).then(record, (error: unknown) => unreadable(candidate, error));
      }
    }),
  );
  const workers = options.workers ?? defaultWorkers(texts.length);
  const script = options.workerScript ?? DEFAULT_WORKER_SCRIPT;
  // From TypeScript sources (tests), there is no worker script to start: scan here.
  if (workers > 0 && script.pathname.endsWith('.js')) {
    await scanInWorkers(texts, options.rules, workers, script, record);
  } else {
    for (let index = 0; index < texts.length; index++) {
      record(inspectText(texts[index]!, options.rules));
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await hashing;
  const filesScanned = texts.length;
  const weightCandidates = weights.length;
  findings.sort(compareFindings);
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return {
    root: absoluteRoot,
    findings,
    filesScanned,
    weightCandidates,
    bytesRead,
    skipped,
    durationMs: Math.round(performance.now() - started),
  };
}

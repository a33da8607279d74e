import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRules } from '../rules/load-rules.js';
import { scanTree } from '../scan/scan-tree.js';
import { generateTree, type GeneratedTree } from './generate-tree.js';

export type ScanBenchmarkRun = { ms: number; filesPerSecond: number; mibPerSecond: number };

export type ScanBenchmarkResult = {
  tree: Omit<GeneratedTree, 'root'>;
  generateMs: number;
  /** The first scan, right after the tree was written (files mostly in the page cache already). */
  first: ScanBenchmarkRun;
  /** The median of `rounds` further scans. */
  median: ScanBenchmarkRun;
  /** The raw baseline: the same files walked and read (synchronously, no matching), median of `rounds`. */
  baseline: ScanBenchmarkRun;
  rounds: number;
  /** The scan found exactly the planted references, nothing in node_modules or .git. */
  correct: boolean;
  findings: number;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Walks the tree as the scanner does (skipping node_modules and .git) and reads every file: no rules at all. */
export function readTreeBaseline(root: string): { ms: number; files: number; bytes: number } {
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path.join(dir, entry.name));
      } else if (entry.isFile()) {
        bytes += readFileSync(path.join(dir, entry.name)).length;
        files++;
      }
    }
  };
  walk(root);
  return { ms: Math.round(performance.now() - started), files, bytes };
}

/** Generates a tree of `files` files in a temporary folder, scans it at each concurrency, and removes it. */
export async function runScanBenchmark(
  options: { files?: number; rounds?: number; log?: (line: string) => void } = {},
): Promise<ScanBenchmarkResult> {
  const { files = 50_000, rounds = 5, log = () => {} } = options;
  const parent = await mkdtemp(path.join(os.tmpdir(), 'modelgate-scan-bench-'));
  try {
    const started = performance.now();
    const tree = await generateTree(path.join(parent, 'tree'), files);
    const generateMs = Math.round(performance.now() - started);
    log(`generated ${tree.files} files (${(tree.bytes / 2 ** 20).toFixed(1)} MiB) in ${generateMs} ms`);
    const rules = loadRules();
    const figures = (ms: number, filesScanned: number, bytesRead: number): ScanBenchmarkRun => ({
      ms,
      filesPerSecond: Math.round((filesScanned / ms) * 1000),
      mibPerSecond: Number(((bytesRead / 2 ** 20 / ms) * 1000).toFixed(1)),
    });
    const firstScan = await scanTree(tree.root, { rules });
    const first = figures(firstScan.durationMs, firstScan.filesScanned, firstScan.bytesRead);
    log(`first scan: ${first.ms} ms, ${first.filesPerSecond} files/s, ${first.mibPerSecond} MiB/s`);
    const correct =
      firstScan.findings.length === tree.plantedReferences &&
      firstScan.findings.every((finding) => !/^(?:node_modules|\.git)\//.test(finding.file));
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) times.push((await scanTree(tree.root, { rules })).durationMs);
    const middle = figures(median(times), firstScan.filesScanned, firstScan.bytesRead);
    log(`median of ${rounds} scans: ${middle.ms} ms, ${middle.filesPerSecond} files/s, ${middle.mibPerSecond} MiB/s`);
    const reads = Array.from({ length: rounds }, () => readTreeBaseline(tree.root));
    const baseline = figures(median(reads.map((read) => read.ms)), reads[0]!.files, reads[0]!.bytes);
    log(`baseline (walk and read only): ${baseline.ms} ms, ${baseline.filesPerSecond} files/s, ${baseline.mibPerSecond} MiB/s`);
    const { root: _root, ...summary } = tree;
    return { tree: summary, generateMs, first, median: middle, baseline, rounds, correct, findings: firstScan.findings.length };
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

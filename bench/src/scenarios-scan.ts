// The discovery scanner on a generated 50,000-file tree (`modelgate scan`), against a raw walk-and-read baseline.
// Alone: `npm run bench -w @modelgate/discovery` (JSON on standard output).
import { runScanBenchmark } from '@modelgate/discovery/bench';
import type { ScenarioResult } from './report.js';

/** Files in the generated tree; 10% of them in node_modules and .git, which the scanner must skip. */
export const SCAN_TREE_FILES = 50_000;
/** The issue asks for "fast on a large tree" without a figure; ours: the whole 50,000-file tree in under 10 s. */
export const SCAN_TARGET_MS = 10_000;

export async function scanScenario(options: { quick?: boolean; log?: (line: string) => void } = {}): Promise<ScenarioResult> {
  const result = await runScanBenchmark({
    files: SCAN_TREE_FILES,
    rounds: options.quick ? 3 : 5,
    log: (line) => options.log?.(`scan: ${line}`),
  });
  return {
    id: 'discovery-scan',
    title: `modelgate scan, ${SCAN_TREE_FILES.toLocaleString('en')}-file tree`,
    unit: 'files/s',
    app: result.median.filesPerSecond,
    baseline: result.baseline.filesPerSecond,
    ratio: result.median.filesPerSecond / result.baseline.filesPerSecond,
    target: `whole tree < ${SCAN_TARGET_MS / 1000} s`,
    met: result.correct && result.median.ms < SCAN_TARGET_MS,
    // A scan that misses a planted reference, or reports one from node_modules/.git, makes the figures meaningless.
    invalidResponses: result.correct ? 0 : 1,
    details: { ...result },
  };
}

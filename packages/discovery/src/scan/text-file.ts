import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding, SkippedFile } from '../findings.js';
import type { CompiledRules } from '../rules/load-rules.js';
import { scanText } from './text-scanner.js';

export type TextFile = { absolute: string; relative: string };
export type Outcome = { findings: Finding[]; bytesRead: number; skipped?: SkippedFile };

const BINARY_PROBE_BYTES = 8000;

/**
 * Reads and scans one text file, synchronously: for the many small files of a source tree, one synchronous
 * open/fstat/read/close is several times faster than the same calls through the thread pool (measured:
 * 45,000 files in 0.5 s against 2.6-4 s with 4-64 reads in flight, on 2 cores).
 */
export function inspectText(file: TextFile, rules: CompiledRules): Outcome {
  let content: Buffer;
  try {
    const fd = openSync(file.absolute, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > rules.maxTextFileBytes) {
        return {
          findings: [],
          bytesRead: 0,
          skipped: { file: file.relative, reason: 'TOO_LARGE', detail: `${size} bytes, over ${rules.maxTextFileBytes}` },
        };
      }
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const bytesRead = readSync(fd, buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      content = buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return {
      findings: [],
      bytesRead: 0,
      skipped: { file: file.relative, reason: 'UNREADABLE', detail: (error as Error).message },
    };
  }
  if (content.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    return {
      findings: [],
      bytesRead: content.length,
      skipped: { file: file.relative, reason: 'BINARY', detail: 'contains NUL bytes' },
    };
  }
  return { findings: scanText(content.toString('utf8'), file.relative, rules), bytesRead: content.length };
}

/** Several files' outcomes as one (what a worker sends back). */
export function inspectTexts(
  files: readonly TextFile[],
  rules: CompiledRules,
): Required<Omit<Outcome, 'skipped'>> & { skipped: SkippedFile[] } {
  const merged = { findings: [] as Finding[], bytesRead: 0, skipped: [] as SkippedFile[] };
  for (const file of files) {
    const outcome = inspectText(file, rules);
    merged.findings.push(...outcome.findings);
    merged.bytesRead += outcome.bytesRead;
    if (outcome.skipped) merged.skipped.push(outcome.skipped);
  }
  return merged;
}

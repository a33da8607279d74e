// A text-scanning thread of scanTree: compiles the rules it is given once, then scans batches of files.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../rules/load-rules.js';
import type { RulesFile } from '../rules/schema.js';
import { inspectTexts, type TextFile } from './text-file.js';

const { rulesFile, sources } = workerData as { rulesFile: RulesFile; sources: string[] };
const rules = compileRules(rulesFile, sources);

parentPort!.on('message', (batch: { id: number; files: TextFile[] }) => {
  parentPort!.postMessage({ id: batch.id, ...inspectTexts(batch.files, rules) });
});

#!/usr/bin/env node
// The one test command (`npm test`): lint, typecheck and every jest suite of every workspace through
// turbo, then one total line "N passed, N failed" over all of them. Lint and typecheck count as one
// check per workspace; jest suites count their tests. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runsDir = path.join(root, '.turbo', 'runs');
rmSync(runsDir, { recursive: true, force: true });

const turbo = spawnSync(
  'turbo',
  ['run', 'format:check', 'lint', 'typecheck', 'test', '--continue', '--summarize', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  },
);

const summaryFile = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(runsDir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : undefined;
if (!summaryFile) {
  console.error('turbo wrote no run summary; cannot count results');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
let passed = 0;
let failed = 0;
const failures = [];
for (const task of summary.tasks) {
  if (task.command === '<NONEXISTENT>') continue;
  const ok = task.execution?.exitCode === 0;
  if (task.task !== 'test') {
    if (ok) passed += 1;
    else ((failed += 1), failures.push(task.taskId));
    continue;
  }
  const report = path.join(root, task.directory, 'test-results', 'jest.json');
  const result = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
  passed += result?.numPassedTests ?? 0;
  const failedHere = (result?.numFailedTests ?? 0) + (result?.numRuntimeErrorTestSuites ?? 0);
  // A suite that crashed before reporting still counts as a failure.
  const counted = failedHere > 0 ? failedHere : ok ? 0 : 1;
  failed += counted;
  if (counted > 0) failures.push(task.taskId);
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(turbo.status === 0 && failed === 0 ? 0 : 1);

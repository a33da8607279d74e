#!/usr/bin/env node
// Runs jest in ESM mode and records a JSON report in ./test-results/ for the repository-wide total.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
  .filter(Boolean)
  .join(' ');

mkdirSync('test-results', { recursive: true });
const child = spawn(process.execPath, [jestBin, '--json', '--outputFile=test-results/jest.json', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { findFreePort } from './testing/test-database.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDir() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-embedded-spec-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('creates a cluster in an empty folder and keeps its data across restarts', async () => {
    const dataDir = await tempDir();
    const port = await findFreePort();

    const first: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, port });
    cleanups.push(() => first.stop());
    expect(first.initialised).toBe(true);
    await query(first.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    cleanups.push(() => second.stop());
    expect(second.initialised).toBe(false);
    expect(second.url).toBe(first.url);
    expect(await query<{ id: number }>(second.url, 'SELECT id FROM kept')).toEqual([{ id: 42 }]);
  });

  it('stops a server left running by a process that was killed, then starts cleanly', async () => {
    const dataDir = await tempDir();
    const port = await findFreePort();
    const moduleUrl = new URL('./embedded-postgres.ts', import.meta.url).pathname
      .replace(/\.ts$/, '.js')
      .replace('/src/', '/dist/');
    // A separate process starts the server and is then killed without stopping it.
    const script = `const { startEmbeddedPostgres } = await import(${JSON.stringify(moduleUrl)});
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      process.stdout.write('up\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('up') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    cleanups.push(() => restarted.stop());
    expect(restarted.recoveredStaleServer).toBe(true);
    expect(await query<{ one: number }>(restarted.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

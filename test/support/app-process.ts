import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { apiMainScript, apiProductionNodeFlags } from '@modelgate/db/paths';
import { findFreePort } from '@modelgate/db/testing';
import { exitOutcomeOf, type ExitOutcome } from './exit-outcome.js';
import { repositoryRoot } from './production-server.js';

const prismaCli = path.join(repositoryRoot, 'node_modules', 'prisma', 'build', 'index.js');

/** A process a test started and may kill at any moment, with everything it started in turn. */
export type LaunchedProcess = {
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code, or the signal that ended it, once the process is gone. */
  exited: Promise<ExitOutcome>;
  /** SIGKILLs the process and every descendant at once, as when a container is killed; resolves with the pids killed. */
  killTree(): Promise<number[]>;
};

const launched = new Set<LaunchedProcess>();

/** Kills every process (tree) a test launched and that is still running. */
export async function killAllLaunched(): Promise<void> {
  await Promise.all([...launched].map((child) => child.killTree()));
}

/** The pids of every descendant of `pid`, from /proc (children before grandchildren). */
export async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isNaN(ppid)) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  let generation = [pid];
  while (generation.length) {
    generation = [...parents].filter(([, ppid]) => generation.includes(ppid)).map(([child]) => child);
    found.push(...generation);
  }
  return found;
}

function track(child: ChildProcess): LaunchedProcess {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = exitOutcomeOf(child);
  const handle: LaunchedProcess = {
    process: child,
    output: () => output,
    exited,
    killTree: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        launched.delete(handle);
        return [];
      }
      const pids = [child.pid!, ...(await descendantsOf(child.pid!))];
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited;
      launched.delete(handle);
      return pids;
    },
  };
  void exited.then(() => launched.delete(handle));
  launched.add(handle);
  return handle;
}

/**
 * Starts the production build (node apps/api/dist/main.js) on an external PostgreSQL without waiting for it to
 * become healthy, e.g. to kill it while it migrates.
 */
export async function launchApp(settings: {
  databaseUrl: string;
  migrationUrl: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<LaunchedProcess & { baseUrl: string }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...apiProductionNodeFlags(), apiMainScript], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      LOG_LEVEL: 'info',
      MODELGATE_DATA_DIR: settings.dataDir,
      DATABASE_URL: settings.databaseUrl,
      DATABASE_MIGRATION_URL: settings.migrationUrl,
      ...settings.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { ...track(child), baseUrl: `http://127.0.0.1:${port}` };
}

/** Runs `prisma migrate deploy` the way `npm run db:migrate` and the Kubernetes Job do, without waiting for it. */
export function launchMigrateDeploy(databaseUrl: string): LaunchedProcess {
  const child = spawn(process.execPath, [prismaCli, 'migrate', 'deploy', '--config', 'prisma.config.ts'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: databaseUrl,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child);
}

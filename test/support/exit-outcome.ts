import type { ChildProcess } from 'node:child_process';

/** How a process ended: its exit code, or the signal that ended it. */
export type ExitOutcome = number | NodeJS.Signals;

/** Resolves with how the child ended, once it has. */
export function exitOutcomeOf(child: ChildProcess): Promise<ExitOutcome> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal!)));
}

/**
 * Stops a process with `signal` and resolves with how it ended. When it ended some other way than exiting with 0
 * or by the signal sent (e.g. a crash while it shut down), its output goes to stderr, as the assertion on the
 * outcome cannot show it.
 */
export async function stopProcess(
  child: ChildProcess,
  exited: Promise<ExitOutcome>,
  signal: NodeJS.Signals,
  output: () => string,
): Promise<ExitOutcome> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const outcome = await exited;
  if (outcome !== 0 && outcome !== signal) {
    process.stderr.write(
      `process ${child.pid} sent ${signal} ended with ${outcome}; its last output:\n${output().slice(-6000)}\n`,
    );
  }
  return outcome;
}

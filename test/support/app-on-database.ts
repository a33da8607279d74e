import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { launchApp } from './app-process.js';
import { stopProcess, type ExitOutcome } from './exit-outcome.js';
import { repositoryRoot } from './production-server.js';

const cliScript = path.join(repositoryRoot, 'apps', 'cli', 'bin', 'modelgate.js');

export type AppProcess = {
  baseUrl: string;
  process: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code (or the signal that ended it) once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<ExitOutcome>;
};

const running = new Set<AppProcess>();

/** Kills every application a test started and did not stop. */
export async function stopAllApps(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop('SIGKILL')));
}

/**
 * Starts the production build (node apps/api/dist/main.js) against an existing PostgreSQL through
 * DATABASE_URL, with the given extra settings, and waits until /healthz answers.
 */
export async function startAppOnDatabase(settings: Parameters<typeof launchApp>[0]): Promise<AppProcess> {
  const launched = await launchApp(settings);
  const child = launched.process;
  const output = () => launched.output();
  const app: AppProcess = {
    baseUrl: launched.baseUrl,
    process: child,
    output,
    stop: async (signal = 'SIGTERM') => {
      const outcome = await stopProcess(child, launched.exited, signal, output);
      running.delete(app);
      return outcome;
    },
  };
  running.add(app);

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it was healthy:\n${output()}`);
    const healthy = await fetch(`${app.baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return app;
    if (Date.now() > deadline) {
      await app.stop('SIGKILL');
      throw new Error(`the app did not become healthy in 90 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A signed-in session: its cookie and the CSRF token that mutations must echo. */
export type Session = { cookie: string; csrfToken: string };

export async function signInSession(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { csrfToken } } }',
      variables: { input: { email, password } },
    }),
  });
  const text = await response.text();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mg_session='));
  const csrfToken = (JSON.parse(text) as { data?: { signIn?: { viewer?: { csrfToken?: string } } } }).data?.signIn?.viewer
    ?.csrfToken;
  if (!cookie || !csrfToken) throw new Error(`sign-in as ${email} failed: ${text}`);
  return { cookie: cookie.split(';')[0]!, csrfToken };
}

export type GraphqlResult<T> = {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; requestId?: string } }>;
};

/** One GraphQL call with a session; never throws for an answer, only for a failed request (e.g. refused, timeout). */
export async function callGraphql<T>(
  baseUrl: string,
  session: Session,
  query: string,
  variables: object = {},
  timeoutMs = 15_000,
): Promise<GraphqlResult<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => ({}))) as Omit<GraphqlResult<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Like {@link callGraphql}, but fails on any error and returns the data. */
export async function graphqlData<T>(baseUrl: string, session: Session, query: string, variables: object = {}): Promise<T> {
  const result = await callGraphql<T>(baseUrl, session, query, variables);
  if (result.errors || !result.data) throw new Error(`GraphQL error (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Runs the built CLI (apps/cli) and collects its exit code and output. */
export function modelgateCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliScript, ...args], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const CREATE_DEPLOYMENT = `mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }`;
const TEAM_DEPLOYMENTS = `query ($teamIds: [ID!]) {
  deployments(first: 50, filter: { statuses: [ACTIVE], teamIds: $teamIds }) {
    edges { node { environment dataClassification personalData euAiActCategory purpose
                   team { id } hostingTarget { id } modelVersion { id } } }
  }
}`;

/**
 * Registers a deployment that the policy in force allows, for the signed-in person's team: a copy of one
 * of the team's active (demo) deployments, tried in turn. Returns its id and the input, for more copies.
 */
export async function registerAllowedDeployment(
  baseUrl: string,
  session: Session,
  application: string,
): Promise<{ id: string; input: Record<string, unknown> }> {
  const viewer = await graphqlData<{ viewer: { teams: Array<{ id: string }> } }>(baseUrl, session, '{ viewer { teams { id } } }');
  const existing = await graphqlData<{ deployments: { edges: Array<{ node: Record<string, unknown> }> } }>(
    baseUrl,
    session,
    TEAM_DEPLOYMENTS,
    { teamIds: viewer.viewer.teams.map((t) => t.id) },
  );
  const refusals: string[] = [];
  for (const { node } of existing.deployments.edges) {
    const { team, hostingTarget, modelVersion, ...fields } = node as Record<string, { id: string }>;
    const input = {
      ...fields,
      teamId: team!.id,
      hostingTargetId: hostingTarget!.id,
      modelVersionId: modelVersion!.id,
      application,
    };
    const created = await callGraphql<{ createDeployment: { id: string } }>(baseUrl, session, CREATE_DEPLOYMENT, { input });
    if (created.data?.createDeployment.id) return { id: created.data.createDeployment.id, input };
    refusals.push(JSON.stringify(created.errors));
  }
  throw new Error(`none of the team's deployments could be registered again:\n${refusals.join('\n')}`);
}

import { execFileSync } from 'node:child_process';
import { MAX_FINDINGS_PER_REPORT, toFindingInput } from '@modelgate/discovery';
import { CliError, type ApiClient } from './api-client.js';
import type { ScanReport } from './scan.js';

const SUBMIT = `mutation ($input: SubmitScanReportInput!) {
  submitScanReport(input: $input) { id repository approvedCount notApprovedCount unknownCount }
}`;

export type UploadOptions = { repository?: string; branch?: string; commit?: string };
export type UploadTarget = { repository: string; branch: string | null; commit: string | null };
export type Uploaded = { id: string; repository: string; approvedCount: number; notApprovedCount: number; unknownCount: number };

function git(folder: string, args: string[]): string | null {
  try {
    const out = execFileSync('git', ['-C', folder, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

/** `git@github.com:acme/bot.git` and `https://user:pw@github.com/acme/bot.git` → `github.com/acme/bot`. */
export function repositoryFromRemote(remote: string): string {
  const scp = /^[^@/]+@([^:/]+):(.+)$/.exec(remote);
  const url = scp ? `${scp[1]}/${scp[2]}` : remote.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]*@/, '');
  return url.replace(/\.git$/, '').replace(/\/+$/, '');
}

/**
 * Which repository, branch and commit the scan is of: the options, else what GitHub Actions or GitLab CI
 * say, else the folder's git checkout. Without any repository name the upload is refused.
 */
export function uploadTarget(folder: string, options: UploadOptions, env: NodeJS.ProcessEnv = process.env): UploadTarget {
  const github = env.GITHUB_REPOSITORY
    ? `${(env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/^https?:\/\//, '')}/${env.GITHUB_REPOSITORY}`
    : null;
  const gitlab = env.CI_PROJECT_URL ? env.CI_PROJECT_URL.replace(/^https?:\/\//, '') : null;
  const remote = github || gitlab ? null : git(folder, ['config', '--get', 'remote.origin.url']);
  const repository = options.repository ?? github ?? gitlab ?? (remote ? repositoryFromRemote(remote) : null);
  if (!repository) {
    throw new CliError('--upload needs --repository NAME (no CI variables or git remote name the repository)');
  }
  const branch =
    options.branch ??
    env.GITHUB_HEAD_REF ??
    env.GITHUB_REF_NAME ??
    env.CI_COMMIT_REF_NAME ??
    git(folder, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const commit = options.commit ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? git(folder, ['rev-parse', 'HEAD']);
  return { repository, branch: branch && branch !== 'HEAD' ? branch : null, commit };
}

/** Sends the scan's findings to the server, which stores them with its own answer for each. */
export async function uploadScan(client: ApiClient, report: ScanReport, target: UploadTarget): Promise<Uploaded> {
  const { result, context } = report;
  if (result.findings.length > MAX_FINDINGS_PER_REPORT) {
    throw new CliError(`the scan found ${result.findings.length} references; an upload takes at most ${MAX_FINDINGS_PER_REPORT}`);
  }
  const data = await client.query<{ submitScanReport: Uploaded }>(SUBMIT, {
    input: {
      ...target,
      environment: context.environment,
      dataClassification: context.dataClassification,
      personalData: context.personalData,
      hostingTarget: context.hostingTarget,
      teamId: context.teamId,
      filesScanned: result.filesScanned,
      findings: result.findings.map(toFindingInput),
    },
  });
  return data.submitScanReport;
}

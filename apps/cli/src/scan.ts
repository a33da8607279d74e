import { readFileSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import {
  loadRules,
  MAX_REFERENCES_PER_REQUEST,
  referenceKey,
  RulesError,
  scanTree,
  toSarif,
  type Finding,
  type ReferenceMatch,
  type ScanResult,
} from '@modelgate/discovery';
import { CliError, type ApiClient } from './api-client.js';

const MATCH = `query ($input: MatchModelReferencesInput!) {
  modelReferenceMatches(input: $input) {
    hostingTarget policyVersion
    results { kind reference sha256 status matchedBy hint reasons modelVersion { id key versionName familyName provider retired } }
  }
}`;

export const SCAN_FORMATS = ['text', 'json', 'sarif'] as const;
export const FAIL_ON = ['unknown', 'unapproved', 'none'] as const;
const ENVIRONMENTS = ['development', 'staging', 'production'];
const DATA_CLASSES = ['public', 'internal', 'confidential', 'restricted'];

export type ScanCommandOptions = {
  format?: string;
  output?: string;
  env?: string;
  data?: string;
  hosting?: string;
  team?: string;
  personalData?: boolean;
  failOn?: string;
  offline: boolean;
  rules?: string;
};

type Format = (typeof SCAN_FORMATS)[number];
type FailOn = (typeof FAIL_ON)[number];

/** Where the statuses came from: the server's answer for this use, or nothing (offline). */
type Context = {
  offline: boolean;
  environment: string;
  dataClassification: string;
  hostingTarget: string | null;
  teamId: string | null;
  personalData: boolean;
  policyVersion: number | null;
};

export type ScanReport = {
  result: ScanResult;
  matches: ReferenceMatch[] | null;
  context: Context;
  failOn: FailOn;
  /** Findings that fail the scan under --fail-on (never informational ones). */
  failing: Finding[];
  /** Descriptions of the rules used (built-in and --rules), for SARIF. */
  ruleDescriptions: ReadonlyMap<string, string>;
  exitCode: 0 | 1;
};

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  const chosen = (value ?? fallback).toLowerCase();
  if (!(allowed as readonly string[]).includes(chosen))
    throw new CliError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return chosen as T;
}

const toolVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const matchKey = (finding: Finding) => referenceKey(finding);

/** Asks the server about every distinct reference, at most 2,000 per request. */
async function matchFindings(
  client: ApiClient,
  findings: readonly Finding[],
  context: Context,
): Promise<{ matches: ReferenceMatch[]; hostingTarget: string | null; policyVersion: number | null }> {
  const distinct = [...new Map(findings.filter((f) => !f.informational).map((f) => [matchKey(f), f])).values()];
  const matches: ReferenceMatch[] = [];
  let hostingTarget: string | null = context.hostingTarget;
  let policyVersion: number | null = null;
  for (let start = 0; start < distinct.length; start += MAX_REFERENCES_PER_REQUEST) {
    const chunk = distinct.slice(start, start + MAX_REFERENCES_PER_REQUEST);
    const data = await client.query<{
      modelReferenceMatches: { hostingTarget: string | null; policyVersion: number | null; results: ReferenceMatch[] };
    }>(MATCH, {
      input: {
        environment: context.environment,
        dataClassification: context.dataClassification,
        hostingTarget: context.hostingTarget,
        teamId: context.teamId,
        references: chunk.map((finding) => ({
          kind: finding.kind,
          reference: finding.reference,
          sha256: finding.sha256,
          fileName: finding.kind === 'WEIGHTS_FILE' ? finding.file.slice(finding.file.lastIndexOf('/') + 1) : null,
        })),
      },
    });
    matches.push(...data.modelReferenceMatches.results);
    hostingTarget = data.modelReferenceMatches.hostingTarget;
    policyVersion = data.modelReferenceMatches.policyVersion;
  }
  return { matches, hostingTarget, policyVersion };
}

function fails(finding: Finding, match: ReferenceMatch | undefined, failOn: FailOn): boolean {
  if (finding.informational || failOn === 'none') return false;
  // Offline, nothing is known about a reference: it fails both rules.
  if (!match) return true;
  return failOn === 'unknown' ? match.status === 'UNKNOWN' : match.status !== 'APPROVED';
}

/**
 * `modelgate scan <path>`: finds model references, asks the server which are registered and approved for
 * this use (unless offline), and decides the exit code: 1 when a reference fails --fail-on, else 0.
 */
export async function scanCommand(
  client: ApiClient | null,
  path: string,
  options: ScanCommandOptions,
): Promise<{ report: ScanReport; format: Format }> {
  const format = choice(options.format, SCAN_FORMATS, 'text', '--format');
  const failOn = choice(options.failOn, FAIL_ON, 'unapproved', '--fail-on');
  const context: Context = {
    offline: options.offline || client === null,
    environment: choice(options.env, ENVIRONMENTS, 'production', '--env').toUpperCase(),
    dataClassification: choice(options.data, DATA_CLASSES, 'internal', '--data').toUpperCase(),
    hostingTarget: options.hosting ?? null,
    teamId: options.team ?? null,
    personalData: options.personalData ?? false,
    policyVersion: null,
  };
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`${path} is not a folder to scan`);
  let rules;
  try {
    rules = loadRules({ extraRulesFile: options.rules });
  } catch (error) {
    if (error instanceof RulesError) throw new CliError(`the rules file cannot be used: ${error.message}`);
    throw error;
  }
  const result = await scanTree(path, { rules });
  let matches: ReferenceMatch[] | null = null;
  if (!context.offline && client) {
    const answer = await matchFindings(client, result.findings, context);
    matches = answer.matches;
    context.hostingTarget = answer.hostingTarget;
    context.policyVersion = answer.policyVersion;
  }
  const byKey = new Map((matches ?? []).map((match) => [referenceKey(match), match]));
  const failing = result.findings.filter((finding) => fails(finding, byKey.get(matchKey(finding)), failOn));
  const ruleDescriptions = new Map(rules.rules.map((rule) => [rule.id, rule.description]));
  return { report: { result, matches, context, failOn, failing, ruleDescriptions, exitCode: failing.length ? 1 : 0 }, format };
}

const KIND_LABELS: Record<Finding['kind'], string> = {
  HUGGING_FACE: 'Hugging Face repository',
  VENDOR_API: 'vendor API model',
  OLLAMA: 'Ollama model',
  GGUF: 'GGUF file',
  VLLM_TGI: 'vLLM/TGI served model',
  WEIGHTS_FILE: 'weights file',
};
const METHOD_LABELS: Record<string, string> = {
  HUGGING_FACE_REPO: 'Hugging Face repository',
  API_MODEL_NAME: 'API model name',
  WEIGHTS_SHA256: 'weights SHA-256',
  GGUF_FILE_NAME: 'GGUF file name (heuristic)',
  OLLAMA_TAG: 'Ollama tag (heuristic)',
  LOCAL_PATH_NAME: 'folder name (heuristic)',
};
const MAX_LOCATIONS = 10;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeContext(context: Context): string {
  if (context.offline) return 'Offline: not checked against the inventory.';
  const hosting = context.hostingTarget
    ? `on ${context.hostingTarget} (policy version ${context.policyVersion ?? 0})`
    : 'on any hosting its approval allows';
  const data = `${context.dataClassification.toLowerCase()} data${context.personalData ? ' with personal data' : ''}`;
  return `Checked for ${context.environment.toLowerCase()}, ${data}, ${hosting}.`;
}

/** The report for people: references grouped by status, each with where it was found. */
export function formatText(report: ScanReport): string {
  const { result, matches, context } = report;
  const byKey = new Map((matches ?? []).map((match) => [referenceKey(match), match]));
  const groups: { title: string; findings: Finding[] }[] = context.offline
    ? [{ title: 'NOT CHECKED (offline)', findings: result.findings.filter((f) => !f.informational) }]
    : [
        {
          title: 'UNKNOWN: not in the inventory',
          findings: result.findings.filter((f) => !f.informational && byKey.get(matchKey(f))?.status === 'UNKNOWN'),
        },
        {
          title: 'REGISTERED, NOT APPROVED for this use',
          findings: result.findings.filter(
            (f) => !f.informational && byKey.get(matchKey(f))?.status === 'REGISTERED_NOT_APPROVED',
          ),
        },
        {
          title: 'APPROVED for this use',
          findings: result.findings.filter((f) => !f.informational && byKey.get(matchKey(f))?.status === 'APPROVED'),
        },
      ];
  groups.push({ title: 'VENDOR ENDPOINTS (informational)', findings: result.findings.filter((f) => f.informational) });

  const distinct = new Set(result.findings.filter((f) => !f.informational).map(matchKey)).size;
  const lines = [
    `Scanned ${plural(result.filesScanned, 'file')} and ${plural(result.weightCandidates, 'weight candidate')} in ${result.root} (${(result.durationMs / 1000).toFixed(1)} s): ${plural(
      result.findings.filter((f) => !f.informational).length,
      'model reference',
    )} to ${distinct} distinct ${distinct === 1 ? 'model' : 'models'}.`,
    describeContext(context),
  ];
  for (const group of groups) {
    if (group.findings.length === 0) continue;
    const byReference = new Map<string, Finding[]>();
    for (const finding of group.findings)
      byReference.set(matchKey(finding), [...(byReference.get(matchKey(finding)) ?? []), finding]);
    lines.push('', `${group.title} (${byReference.size})`);
    for (const [key, found] of [...byReference].sort(([a], [b]) => a.localeCompare(b))) {
      const first = found[0]!;
      const match = byKey.get(key);
      const model = match?.modelVersion;
      lines.push(
        `  ${first.reference}  [${first.informational ? `${first.provider ?? 'vendor'} endpoint` : KIND_LABELS[first.kind]}]${
          model
            ? ` = ${model.provider} ${model.versionName} (${model.key}), by ${METHOD_LABELS[match.matchedBy ?? ''] ?? match.matchedBy}`
            : ''
        }`,
      );
      for (const finding of found.slice(0, MAX_LOCATIONS)) {
        lines.push(`    ${finding.file}:${finding.line}:${finding.column}${finding.inComment ? ' (in a comment)' : ''}`);
      }
      if (found.length > MAX_LOCATIONS) lines.push(`    ... and ${found.length - MAX_LOCATIONS} more`);
      if (match?.status === 'REGISTERED_NOT_APPROVED' && match.reasons.length) lines.push(`    why: ${match.reasons.join(' ')}`);
      if (match?.hint) lines.push(`    hint: ${match.hint}`);
    }
  }
  if (result.skipped.length) {
    lines.push('', `SKIPPED (${result.skipped.length})`);
    for (const skipped of result.skipped)
      lines.push(`  ${skipped.file}: ${skipped.reason.toLowerCase().replace(/_/g, ' ')} (${skipped.detail})`);
  }
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(report: ScanReport): string {
  const distinctFailing = new Set(report.failing.map(matchKey)).size;
  if (report.failOn === 'none') return 'Result: --fail-on none, exit code 0.';
  return report.exitCode === 0
    ? `Result: nothing fails --fail-on ${report.failOn}, exit code 0.`
    : `Result: ${plural(distinctFailing, 'model reference')} (${plural(report.failing.length, 'place')}) fail --fail-on ${report.failOn}, exit code 1.`;
}

/** The whole report as one JSON document: every finding with its status. */
export function formatJson(report: ScanReport): string {
  const byKey = new Map((report.matches ?? []).map((match) => [referenceKey(match), match]));
  const { result, context } = report;
  const failing = new Set(report.failing);
  const statusOf = (finding: Finding) =>
    finding.informational ? 'INFORMATIONAL' : (byKey.get(matchKey(finding))?.status ?? 'NOT_CHECKED');
  const summary: Record<string, number> = {};
  for (const finding of result.findings) summary[statusOf(finding)] = (summary[statusOf(finding)] ?? 0) + 1;
  return `${JSON.stringify(
    {
      tool: { name: 'modelgate', version: toolVersion() },
      root: result.root,
      durationMs: result.durationMs,
      filesScanned: result.filesScanned,
      weightCandidates: result.weightCandidates,
      skipped: result.skipped,
      context,
      failOn: report.failOn,
      exitCode: report.exitCode,
      summary,
      findings: result.findings.map((finding) => {
        const match = finding.informational ? undefined : byKey.get(matchKey(finding));
        return {
          ...finding,
          status: statusOf(finding),
          matchedBy: match?.matchedBy ?? null,
          modelVersion: match?.modelVersion ?? null,
          reasons: match?.reasons ?? [],
          hint: match?.hint ?? null,
          fails: failing.has(finding),
        };
      }),
    },
    null,
    2,
  )}\n`;
}

export function formatSarif(report: ScanReport): string {
  const { result, context } = report;
  const log = toSarif(result.findings, report.matches, {
    toolVersion: toolVersion(),
    ruleDescriptions: report.ruleDescriptions,
    srcRoot: result.root,
    skipped: result.skipped,
    context: { ...context, failOn: report.failOn },
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Writes the report where asked; with --output, standard output gets the summary line only. */
export async function writeReport(
  report: ScanReport,
  format: Format,
  output: string | undefined,
  write: (text: string) => void,
): Promise<void> {
  const text = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : formatText(report);
  if (!output) {
    write(text);
    return;
  }
  await writeFile(output, text);
  write(`${summaryLine(report).replace(/^Result: /, `Report written to ${output}. `)}\n`);
}

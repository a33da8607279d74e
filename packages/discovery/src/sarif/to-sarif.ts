import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding, FindingKind, SkippedFile } from '../findings.js';
import { referenceKey } from '../findings.js';
import type { ReferenceMatch } from '../match/schema.js';

/** The parts of SARIF 2.1.0 this writer produces. */
export type SarifLog = {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
};
export type SarifLevel = 'error' | 'warning' | 'note';
export type SarifRegion = { startLine: number; startColumn: number; endColumn?: number; snippet?: { text: string } };
export type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
};
export type SarifRun = {
  tool: {
    driver: {
      name: string;
      version: string;
      rules: {
        id: string;
        name: string;
        shortDescription: { text: string };
        defaultConfiguration: { level: SarifLevel };
        properties: { tags: string[] };
      }[];
    };
  };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  invocations: {
    executionSuccessful: boolean;
    toolExecutionNotifications: {
      level: SarifLevel;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[];
    }[];
  }[];
  properties?: Record<string, unknown>;
};

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key under `partialFingerprints`; bump the version if what it hashes changes. */
export const FINGERPRINT_KEY = 'modelgateFinding/v1';
const SRCROOT = '%SRCROOT%';

const KIND_LABELS: Record<FindingKind, string> = {
  HUGGING_FACE: 'Hugging Face repository',
  VENDOR_API: 'vendor API model',
  OLLAMA: 'Ollama model',
  GGUF: 'GGUF file',
  VLLM_TGI: 'vLLM/TGI served model',
  WEIGHTS_FILE: 'weights file',
};

const WEIGHT_RULES: Record<string, string> = {
  'weights-safetensors': 'A safetensors weights file (checked by its header), with its SHA-256.',
  'weights-gguf': 'A GGUF weights file (checked by its magic bytes), with its SHA-256.',
  'weights-pytorch-zip': 'A PyTorch checkpoint in zip format, with its SHA-256.',
  'weights-pytorch-pickle': 'A legacy PyTorch checkpoint, with its SHA-256.',
  'weights-ggml': 'A pre-GGUF llama.cpp (GGML) weights file, with its SHA-256.',
  'weights-lfs-pointer': 'A Git LFS pointer to a weights file; the SHA-256 is the one it names.',
};

export type SarifOptions = {
  /** The tool's version, e.g. the CLI's. */
  toolVersion?: string;
  /** Rule descriptions by id (from the compiled rules). */
  ruleDescriptions?: ReadonlyMap<string, string>;
  /** Absolute path of the scanned root, recorded as %SRCROOT%. */
  srcRoot?: string;
  skipped?: readonly SkippedFile[];
  /** What the statuses were decided for, e.g. `{ environment: 'PRODUCTION', dataClassification: 'INTERNAL' }`. */
  context?: Record<string, unknown>;
};

const uriOf = (file: string) => file.split('/').map(encodeURIComponent).join('/');
const pascal = (id: string) => id.replace(/(?:^|-)([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function levelOf(finding: Finding, match: ReferenceMatch | undefined): SarifLevel {
  if (finding.informational) return 'note';
  switch (match?.status) {
    case 'UNKNOWN':
      return 'error';
    case 'REGISTERED_NOT_APPROVED':
      return 'warning';
    case 'APPROVED':
      return 'note';
    default:
      return 'warning';
  }
}

export function describeResult(finding: Finding, match: ReferenceMatch | undefined): string {
  const what =
    finding.kind === 'WEIGHTS_FILE'
      ? `weights ${finding.snippet} with SHA-256 ${finding.sha256 ?? '?'}`
      : `${finding.reference} (${KIND_LABELS[finding.kind]})`;
  const where = finding.inComment ? ' It is in a comment.' : '';
  if (finding.informational)
    return `The code calls the ${finding.provider ?? 'vendor'} API (${finding.reference.replace(/^endpoint:/, '')}).`;
  if (!match) return `AI model reference ${what}; not checked against the Modelgate inventory.${where}`;
  const model = match.modelVersion;
  switch (match.status) {
    case 'UNKNOWN':
      return `AI model ${what} is not in the Modelgate inventory.${match.hint ? ` Hint: ${match.hint}.` : ''}${where}`;
    case 'REGISTERED_NOT_APPROVED':
      return `AI model ${what} is ${model!.provider} ${model!.versionName} (${model!.key}), registered but not approved for this use${
        match.reasons.length ? `: ${match.reasons.join('; ')}` : ''
      }.${where}`;
    case 'APPROVED':
      return `AI model ${what} is ${model!.provider} ${model!.versionName} (${model!.key}), approved for this use.${where}`;
  }
}

/** A result's identity across runs: rule, file, reference and the line's text, but not its line number. */
export function fingerprintOf(finding: Finding): string {
  return createHash('sha256')
    .update(`${finding.ruleId}\u0000${finding.file}\u0000${finding.reference}\u0000${finding.snippet.replace(/\s+/g, ' ')}`)
    .digest('hex');
}

/**
 * SARIF 2.1.0 for code-scanning tools: one rule per detection rule that found something, one result per
 * finding, its level from the inventory status (unknown: error, registered but not approved: warning,
 * approved and informational: note; not checked: warning), skipped files as tool notifications.
 */
export function toSarif(
  findings: readonly Finding[],
  matches: readonly ReferenceMatch[] | null,
  options: SarifOptions = {},
): SarifLog {
  const byKey = new Map((matches ?? []).map((match) => [referenceKey(match), match]));
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const kindOfRule = new Map(findings.map((finding) => [finding.ruleId, finding]));
  const run: SarifRun = {
    tool: {
      driver: {
        name: 'Modelgate',
        version: options.toolVersion ?? '0.1.0',
        rules: ruleIds.map((id) => {
          const sample = kindOfRule.get(id)!;
          return {
            id,
            name: pascal(id),
            shortDescription: {
              text: options.ruleDescriptions?.get(id) ?? WEIGHT_RULES[id] ?? `Finds ${KIND_LABELS[sample.kind]} references.`,
            },
            defaultConfiguration: { level: sample.informational ? 'note' : 'warning' },
            properties: { tags: ['ai-model', sample.kind.toLowerCase().replace(/_/g, '-')] },
          };
        }),
      },
    },
    ...(options.srcRoot
      ? { originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(options.srcRoot).href.replace(/\/?$/, '/')}` } } }
      : {}),
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding) => {
      const match = finding.informational ? undefined : byKey.get(referenceKey(finding));
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId)!,
        level: levelOf(finding, match),
        message: { text: describeResult(finding, match) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(finding.file), uriBaseId: SRCROOT },
              // A weights file has no text to quote: its region is its start, its description is in the message.
              region:
                finding.kind === 'WEIGHTS_FILE'
                  ? { startLine: 1, startColumn: 1 }
                  : { startLine: finding.line, startColumn: finding.column, snippet: { text: finding.snippet } },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(finding) },
        properties: {
          kind: finding.kind,
          reference: finding.reference,
          provider: finding.provider,
          status: finding.informational ? 'INFORMATIONAL' : (match?.status ?? 'NOT_CHECKED'),
          matchedBy: match?.matchedBy ?? null,
          modelVersion: match?.modelVersion?.key ?? null,
          inComment: finding.inComment,
          ...(finding.sha256 ? { sha256: finding.sha256, bytes: finding.bytes } : {}),
        },
      };
    }),
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: (options.skipped ?? []).map((skipped) => ({
          level: 'note' as const,
          message: { text: `Skipped (${skipped.reason.toLowerCase().replace(/_/g, ' ')}): ${skipped.detail}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(skipped.file), uriBaseId: SRCROOT } } }],
        })),
      },
    ],
    ...(options.context ? { properties: { modelgate: options.context } } : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

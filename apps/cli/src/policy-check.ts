import { CliError, type ApiClient } from './api-client.js';

const DECIDE = `query ($input: PolicyQuestionInput!) {
  policyDecision(input: $input) {
    id decision policyVersion decidedAt
    reasons { source ruleId message }
    modelVersion { key versionName provider { name } }
    hostingTarget { name }
    approval { reference validUntil }
  }
}`;

export type CheckOptions = {
  model?: string;
  provider?: string;
  weights?: string;
  env?: string;
  hosting?: string;
  data?: string;
  personalData: boolean;
  team?: string;
};

export type CheckResult = {
  id: string;
  decision: 'ALLOW' | 'REVIEW_REQUIRED' | 'DENY';
  policyVersion: number;
  decidedAt: string;
  reasons: { source: string; ruleId: string | null; message: string }[];
  modelVersion: { key: string; versionName: string; provider: { name: string } };
  hostingTarget: { name: string };
  approval: { reference: string; validUntil: string | null } | null;
};

/** Exit codes a pipeline can branch on: 0 allowed, 1 denied, 3 review required (2 is a usage error). */
export const CHECK_EXIT_CODES = { ALLOW: 0, DENY: 1, REVIEW_REQUIRED: 3 } as const;

export async function checkPolicy(client: ApiClient, options: CheckOptions): Promise<CheckResult> {
  if (!options.model && !options.weights) throw new CliError('--model (or --weights) is required');
  if (!options.env || !options.hosting || !options.data) throw new CliError('--env, --hosting and --data are required');
  const data = await client.query<{ policyDecision: CheckResult }>(DECIDE, {
    input: {
      model: options.model ?? null,
      provider: options.provider ?? null,
      weightsSha256: options.weights ?? null,
      environment: options.env.toUpperCase(),
      hostingTarget: options.hosting,
      dataClassification: options.data.toUpperCase(),
      personalData: options.personalData,
      teamId: options.team ?? null,
    },
  });
  return data.policyDecision;
}

export function describeCheck(result: CheckResult): string {
  const model = `${result.modelVersion.provider.name} ${result.modelVersion.versionName}`;
  const lines = [`${result.decision}: ${model} on ${result.hostingTarget.name} (policy version ${result.policyVersion})`];
  for (const reason of result.reasons) lines.push(`  - ${reason.ruleId ? `[${reason.ruleId}] ` : ''}${reason.message}`);
  lines.push(`Decision ${result.id}, logged at ${result.decidedAt}.`);
  return `${lines.join('\n')}\n`;
}

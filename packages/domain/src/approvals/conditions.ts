import { z } from 'zod';
import {
  dataClassificationRank,
  dataClassificationSchema,
  environmentSchema,
  HostingMode,
  hostingModeSchema,
} from '../inventory/enums.js';
import type { UsageContext } from './scope.js';

const nonEmptyDistinct = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `must name at least one ${what}`)
    .max(10)
    .refine((list) => new Set(list).size === list.length, `must not repeat a ${what}`);

/**
 * Conditions attached to an approval. Structured kinds can be checked against deployments; CUSTOM is
 * free text that people must honour.
 */
export const approvalConditionSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('HOSTING_MODES'), hostingModes: nonEmptyDistinct(hostingModeSchema, 'hosting mode') }),
    z.object({ kind: z.literal('ENVIRONMENTS'), environments: nonEmptyDistinct(environmentSchema, 'environment') }),
    z.object({ kind: z.literal('MAX_DATA_CLASSIFICATION'), dataClassification: dataClassificationSchema }),
    z.object({ kind: z.literal('NO_PERSONAL_DATA') }),
    z.object({ kind: z.literal('PIN_WEIGHTS_CHECKSUM') }),
    z.object({
      kind: z.literal('CUSTOM'),
      text: z.string().trim().min(3, 'must be at least 3 characters').max(1000, 'must be at most 1000 characters'),
    }),
  ],
  {
    error: () =>
      'must be a condition of kind HOSTING_MODES, ENVIRONMENTS, MAX_DATA_CLASSIFICATION, NO_PERSONAL_DATA, PIN_WEIGHTS_CHECKSUM or CUSTOM',
  },
);
export type ApprovalCondition = z.output<typeof approvalConditionSchema>;

export const approvalConditionsSchema = z
  .array(approvalConditionSchema)
  .max(20, 'must be at most 20 conditions')
  .superRefine((conditions, ctx) => {
    const seen = new Set<string>();
    conditions.forEach((condition, index) => {
      if (condition.kind === 'CUSTOM') return;
      if (seen.has(condition.kind)) {
        ctx.addIssue({ code: 'custom', path: [index, 'kind'], message: `repeats ${condition.kind}; combine them into one` });
      }
      seen.add(condition.kind);
    });
  });

const hostingLabels: Record<HostingMode, string> = {
  ON_PREMISES: 'on-premises',
  PRIVATE_CLOUD: 'private cloud',
  VENDOR_API: 'vendor API',
  THIRD_PARTY_HOSTED: 'third-party hosted',
  EDGE: 'edge',
};

/** One line for people, e.g. "On-premises only". */
export function describeCondition(condition: ApprovalCondition): string {
  switch (condition.kind) {
    case 'HOSTING_MODES': {
      const modes = condition.hostingModes.map((mode) => hostingLabels[mode]);
      return `${capitalise(modes.join(' or '))} only`;
    }
    case 'ENVIRONMENTS':
      return `${capitalise(condition.environments.map((e) => e.toLowerCase()).join(' or '))} only`;
    case 'MAX_DATA_CLASSIFICATION':
      return `No data above ${condition.dataClassification.toLowerCase()}`;
    case 'NO_PERSONAL_DATA':
      return 'No personal data';
    case 'PIN_WEIGHTS_CHECKSUM':
      return 'Weights must match the approved SHA-256 checksum';
    case 'CUSTOM':
      return condition.text;
  }
}

/**
 * Which conditions a usage breaks, each with the reason. CUSTOM conditions cannot be checked by
 * machine and never appear here.
 */
export function brokenConditions(
  conditions: readonly ApprovalCondition[],
  usage: UsageContext,
  approvedWeightsSha256: string | null,
): { condition: ApprovalCondition; reason: string }[] {
  const broken: { condition: ApprovalCondition; reason: string }[] = [];
  for (const condition of conditions) {
    const reason = breaks(condition, usage, approvedWeightsSha256);
    if (reason) broken.push({ condition, reason });
  }
  return broken;
}

function breaks(condition: ApprovalCondition, usage: UsageContext, approvedWeightsSha256: string | null): string | null {
  switch (condition.kind) {
    case 'HOSTING_MODES':
      return condition.hostingModes.includes(usage.hostingMode) ? null : `runs on ${hostingLabels[usage.hostingMode]} hosting`;
    case 'ENVIRONMENTS':
      return condition.environments.includes(usage.environment) ? null : `runs in ${usage.environment.toLowerCase()}`;
    case 'MAX_DATA_CLASSIFICATION':
      return dataClassificationRank(usage.dataClassification) > dataClassificationRank(condition.dataClassification)
        ? `processes ${usage.dataClassification.toLowerCase()} data`
        : null;
    case 'NO_PERSONAL_DATA':
      return usage.personalData ? 'processes personal data' : null;
    case 'PIN_WEIGHTS_CHECKSUM':
      if (!approvedWeightsSha256) return 'no weights checksum was approved';
      if (!usage.weightsSha256) return 'the weights checksum of what runs is not known';
      return usage.weightsSha256 === approvedWeightsSha256 ? null : 'runs weights whose checksum differs from the approved one';
    case 'CUSTOM':
      return null;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

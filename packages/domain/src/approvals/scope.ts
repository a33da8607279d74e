import { z } from 'zod';
import {
  DataClassification,
  dataClassificationRank,
  dataClassificationSchema,
  type Environment,
  environmentSchema,
  EuAiActCategory,
  euAiActCategorySchema,
  type HostingMode,
  hostingModeSchema,
} from '../inventory/enums.js';

const distinct = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `must name at least one ${what}`)
    .max(10)
    .refine((list) => new Set(list).size === list.length, `must not repeat a ${what}`);

/** What a model version is requested for: the approval covers this scope and nothing wider. */
export const approvalScopeSchema = z.object({
  intendedUse: z
    .string({ error: 'must describe the intended use' })
    .trim()
    .min(10, 'must describe the intended use in at least 10 characters')
    .max(4000, 'must be at most 4000 characters'),
  environments: distinct(environmentSchema, 'environment'),
  hostingModes: distinct(hostingModeSchema, 'hosting mode'),
  maxDataClassification: dataClassificationSchema,
  personalData: z.boolean({ error: 'must be true or false' }),
  expectedUsers: z
    .number({ error: 'must be a whole number of people' })
    .int('must be a whole number of people')
    .min(1, 'must be at least 1')
    .max(10_000_000_000, 'must be at most 10,000,000,000'),
  euAiActCategory: euAiActCategorySchema.nullish().transform((value) => value ?? null),
});
export type ApprovalScope = z.output<typeof approvalScopeSchema>;

/** A deployment (or a proposed one) as the scope and conditions see it. */
export type UsageContext = {
  environment: Environment;
  hostingMode: HostingMode;
  dataClassification: DataClassification;
  personalData: boolean;
  /** The weights checksum of what runs, when known. */
  weightsSha256?: string | null;
};

/** Why a usage falls outside the scope; empty when it is covered. */
export function outsideScope(scope: ApprovalScope, usage: UsageContext): string[] {
  const problems: string[] = [];
  if (!scope.environments.includes(usage.environment)) problems.push(`environment ${usage.environment} is not in the scope`);
  if (!scope.hostingModes.includes(usage.hostingMode)) problems.push(`hosting mode ${usage.hostingMode} is not in the scope`);
  if (dataClassificationRank(usage.dataClassification) > dataClassificationRank(scope.maxDataClassification)) {
    problems.push(`${usage.dataClassification} data is above the scope's ${scope.maxDataClassification}`);
  }
  if (usage.personalData && !scope.personalData) problems.push('personal data is not in the scope');
  return problems;
}

/** True when the scope handles data that a data-protection review must look at. */
export function scopeTouchesSensitiveData(scope: ApprovalScope): boolean {
  return (
    scope.personalData ||
    dataClassificationRank(scope.maxDataClassification) >= dataClassificationRank(DataClassification.Confidential)
  );
}

/** True when the intended use is one the EU AI Act regulates closely. */
export function scopeIsRegulated(scope: ApprovalScope): boolean {
  return scope.euAiActCategory === EuAiActCategory.HighRisk || scope.euAiActCategory === EuAiActCategory.Prohibited;
}

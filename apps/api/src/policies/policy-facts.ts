import { approvalConditionSchema, GRANTED_STATES, type ReviewCategory } from '@modelgate/domain/approvals';
import type { ApprovalOnRecord, PolicyFacts } from '@modelgate/domain/policy';
import type { DataClassification, Environment, EuAiActCategory } from '@modelgate/domain/inventory';
import type { ApprovalFactsRow, HostingFactsRow, ModelFactsRow } from './policies.repository.js';

export type UseOfModel = {
  environment: Environment;
  dataClassification: DataClassification;
  personalData: boolean;
  euAiActCategory: EuAiActCategory | null;
  /** The weights checksum of what runs, when the caller knows it. */
  weightsSha256: string | null;
};

type Obligations = { commercialUse?: string; userCap?: number | null; researchOnly?: boolean; incomplete?: boolean };

export function toApprovalOnRecord(row: ApprovalFactsRow): ApprovalOnRecord {
  const conditions = Array.isArray(row.conditions)
    ? row.conditions.flatMap((item) => {
        const parsed = approvalConditionSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  return {
    id: row.id,
    reference: `AR-${row.number}`,
    state: row.state,
    teamId: row.teamId,
    scope: {
      intendedUse: row.intendedUse,
      environments: row.environments,
      hostingModes: row.hostingModes,
      maxDataClassification: row.maxDataClassification,
      personalData: row.personalData,
      expectedUsers: Number(row.expectedUsers),
      euAiActCategory: row.euAiActCategory,
    },
    conditions,
    validUntil: row.validUntil,
    weightsSha256: row.weightsSha256,
    reviewedCategories: row.reviews.map((review) => review.category as ReviewCategory),
    approverCount: new Set(row.votes.map((vote) => vote.personId)).size,
  };
}

/** Everything a rule can test, from the inventory, the use and the model's approvals (granted ones first). */
export function policyFacts(
  model: ModelFactsRow,
  hosting: HostingFactsRow,
  use: UseOfModel,
  approvals: readonly ApprovalFactsRow[],
): PolicyFacts {
  const obligations = (model.obligations ?? {}) as Obligations;
  const granted = approvals.find((approval) => GRANTED_STATES.includes(approval.state));
  const latest = granted ?? approvals[0];
  return {
    'model.developerCountry': model.developerCountry,
    'model.effectiveOrigin': model.effectiveOrigin,
    'model.distribution': model.distribution,
    'model.weightsChecksumPresent': model.weightsSha256 !== null,
    'license.class': model.licenseClass,
    'license.commercialUse': obligations.commercialUse ?? 'PROHIBITED',
    'license.userCap': obligations.userCap ?? null,
    'license.researchOnly': obligations.researchOnly ?? false,
    'license.missing': (model.concludedLicense ?? model.declaredLicense).trim() === '' || obligations.incomplete === true,
    'use.environment': use.environment,
    'use.dataClassification': use.dataClassification,
    'use.personalData': use.personalData,
    'use.euAiActCategory': use.euAiActCategory,
    'hosting.mode': hosting.mode,
    'hosting.operator': hosting.operator,
    'hosting.operatorCountry': hosting.country,
    'hosting.trainsOnInputs': hosting.trainsOnInputs,
    'hosting.retentionDays': hosting.retentionDays,
    'hosting.zeroDataRetention': hosting.zeroDataRetention,
    'hosting.weightsVerified': use.weightsSha256 !== null && use.weightsSha256 === model.weightsSha256,
    'approval.status': latest?.state ?? 'NONE',
    'approval.riskTier': latest?.riskTier ?? null,
  };
}

import {
  approvalConditionSchema,
  describeCondition,
  type ApprovalCondition as Condition,
  type ApprovalScope,
  type ReviewCategory,
} from '@modelgate/domain/approvals';
import type { ApprovalRequestRow, EvidenceRow, RiskReviewRow, VoteRow } from './approvals.repository.js';
import type { ApprovalCondition, ApprovalRequest, ApprovalVote, ReviewEvidence, RiskReview } from './models/approval.models.js';

export const referenceOf = (number: number) => `AR-${number}`;

export function scopeOf(row: ApprovalRequestRow): ApprovalScope {
  return {
    intendedUse: row.intendedUse,
    environments: row.environments,
    hostingModes: row.hostingModes,
    maxDataClassification: row.maxDataClassification,
    personalData: row.personalData,
    expectedUsers: Number(row.expectedUsers),
    euAiActCategory: row.euAiActCategory,
  };
}

/** Stored conditions were validated on the way in; anything unreadable is left out rather than guessed. */
export function conditionsOf(value: unknown): Condition[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = approvalConditionSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export const toConditionModel = (condition: Condition): ApprovalCondition => ({
  ...condition,
  description: describeCondition(condition),
});

export function toApprovalRequest(row: ApprovalRequestRow): ApprovalRequest {
  return {
    ...row,
    reference: referenceOf(row.number),
    state: row.state,
    riskTier: row.riskTier,
    scope: scopeOf(row),
    conditions: conditionsOf(row.conditions).map(toConditionModel),
  };
}

export function toRiskReview(row: RiskReviewRow, now: Date): RiskReview {
  return {
    ...row,
    category: row.category as ReviewCategory,
    tier: row.tier,
    overdue: row.status === 'ASSIGNED' && row.dueAt.getTime() < now.getTime(),
  };
}

export const toEvidence = (row: EvidenceRow): ReviewEvidence => ({ ...row });

export const toVote = (row: VoteRow): ApprovalVote => ({
  ...row,
  conditions: conditionsOf(row.conditions).map(toConditionModel),
});

/** What the audit trail keeps of a request: the whole row, with the scope and conditions as stored. */
export function requestAuditView(row: ApprovalRequestRow) {
  const { createdAt: _c, updatedAt: _u, expectedUsers, ...rest } = row;
  return { ...rest, expectedUsers: Number(expectedUsers) };
}

export function reviewAuditView(row: RiskReviewRow) {
  const { updatedAt: _u, ...rest } = row;
  return rest;
}

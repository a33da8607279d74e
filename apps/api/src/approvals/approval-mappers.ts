import {
  approvalConditionSchema,
  describeCondition,
  type ApprovalCondition as Condition,
  type ApprovalScope,
  type ReviewCategory,
} from '@modelgate/domain/approvals';
import {
  approvalRequestSelect,
  type ApprovalRequestRow,
  type EvidenceRow,
  type RiskReviewRow,
  type VoteRow,
} from './approvals.repository.js';
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

/** A request as a list read it: `id`, its model version and the columns its selected fields need; the others are not set. */
export type ListedApprovalRequestRow = Pick<ApprovalRequestRow, 'id' | 'modelVersionId'> & Partial<ApprovalRequestRow>;
export type ApprovalRequestColumn = keyof ApprovalRequestRow;
export const APPROVAL_REQUEST_COLUMNS = Object.keys(approvalRequestSelect) as ApprovalRequestColumn[];

const SCOPE_COLUMNS = [
  'intendedUse',
  'environments',
  'hostingModes',
  'maxDataClassification',
  'personalData',
  'expectedUsers',
  'euAiActCategory',
] as const satisfies readonly ApprovalRequestColumn[];

/**
 * The columns each field of `ApprovalRequest` reads: its own, or those its field resolvers read from their parent
 * (approval-requests.resolver.ts). A field missing here makes the read take every column.
 */
const COLUMNS_OF_FIELD: Record<string, readonly ApprovalRequestColumn[]> = {
  __typename: [],
  id: ['id'],
  number: ['number'],
  reference: ['number'],
  state: ['state'],
  scope: SCOPE_COLUMNS,
  weightsSha256: ['weightsSha256'],
  requestedVia: ['requestedVia'],
  riskTier: ['riskTier'],
  cycle: ['cycle'],
  submittedAt: ['submittedAt'],
  decidedAt: ['decidedAt'],
  decisionRationale: ['decisionRationale'],
  conditions: ['conditions'],
  validFrom: ['validFrom'],
  validUntil: ['validUntil'],
  policyVersion: ['policyVersion'],
  stateReason: ['stateReason'],
  version: ['version'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  modelVersion: ['modelVersionId'],
  coversCurrentWeights: ['submittedAt', 'modelVersionId', 'weightsSha256'],
  team: ['teamId'],
  requester: ['requesterId'],
  reviews: ['id'],
  votes: ['id'],
  timeline: ['id'],
  requirements: ['id', 'riskTier', 'requiredCategories', 'requiredApprovers', 'complianceOfficerRequired'],
  previousRequest: ['previousRequestId'],
};

/** The columns to read for these selected fields of a request, always with `id` and `modelVersionId`. */
export function approvalRequestColumnsFor(fields: Iterable<string>): ApprovalRequestColumn[] {
  const columns = new Set<ApprovalRequestColumn>(['id', 'modelVersionId']);
  for (const field of fields) {
    const read = COLUMNS_OF_FIELD[field];
    if (!read) return [...APPROVAL_REQUEST_COLUMNS];
    for (const column of read) columns.add(column);
  }
  return [...columns];
}

/** `toApprovalRequest` for a row read with some columns: the fields derived from columns not read are left unset. */
export function toListedApprovalRequest(row: ListedApprovalRequestRow): ApprovalRequest {
  const request: Record<string, unknown> = { ...row };
  if (row.number !== undefined) request['reference'] = referenceOf(row.number);
  if (row.intendedUse !== undefined) request['scope'] = scopeOf(row as ApprovalRequestRow);
  if (row.conditions !== undefined) request['conditions'] = conditionsOf(row.conditions).map(toConditionModel);
  return request as unknown as ApprovalRequest;
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

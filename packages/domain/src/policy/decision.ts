import { brokenConditions, type ApprovalCondition } from '../approvals/conditions.js';
import { reviewCategoryInfo, type ReviewCategory } from '../approvals/risk.js';
import { outsideScope, type ApprovalScope, type UsageContext } from '../approvals/scope.js';
import { GRANTED_STATES, stateLabels, type RequestState } from '../approvals/state-machine.js';
import type { PolicyEvaluation, PolicyOutcome } from './language.js';

/** The answer to "may I use this model version here?". */
export const Decision = { Allow: 'ALLOW', ReviewRequired: 'REVIEW_REQUIRED', Deny: 'DENY' } as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

/** An approval cycle of the model version, as the decision sees it. */
export type ApprovalOnRecord = {
  id: string;
  reference: string;
  state: RequestState;
  teamId: string | null;
  scope: ApprovalScope;
  conditions: ApprovalCondition[];
  validUntil: Date | null;
  /** The weights checksum it was given for. */
  weightsSha256: string | null;
  /** Review categories signed off for it, and how many people approved it. */
  reviewedCategories: ReviewCategory[];
  approverCount: number;
};

/** An active exception that waives the listed deny rules (all of them when empty) for this use. */
export type ExceptionOnRecord = { id: string; reference: string; ruleIds: string[]; expiresAt: Date };

export type DecisionReason = {
  source: 'POLICY' | 'APPROVAL' | 'EXCEPTION';
  ruleId?: string;
  /** For POLICY reasons: what the rule decides. */
  outcome?: PolicyOutcome;
  message: string;
};

export type DecisionResult = {
  decision: Decision;
  reasons: DecisionReason[];
  /** The approval that allows the use, when one does. */
  coveringApproval: ApprovalOnRecord | null;
  /** The exception that made the use possible, when one did. */
  exception: ExceptionOnRecord | null;
};

export type DecisionQuestion = {
  usage: UsageContext;
  teamId: string | null;
  /** The model version's current weights checksum. */
  currentWeightsSha256: string | null;
  now: Date;
};

/** Why this approval does not cover the use, or null when it does. */
export function whyNotCovered(approval: ApprovalOnRecord, question: DecisionQuestion): string | null {
  const { reference } = approval;
  if (!GRANTED_STATES.includes(approval.state)) return `${reference} is ${stateLabels[approval.state]}`;
  if (approval.validUntil && approval.validUntil <= question.now)
    return `${reference} ended on ${approval.validUntil.toISOString().slice(0, 10)}`;
  if (approval.teamId && question.teamId && approval.teamId !== question.teamId) return `${reference} was given to another team`;
  if (approval.weightsSha256 !== question.currentWeightsSha256) {
    return `${reference} was given for other weights (the model version's checksum changed since)`;
  }
  const outside = outsideScope(approval.scope, question.usage);
  if (outside.length) return `${reference} does not cover this use: ${outside.join('; ')}`;
  const broken = brokenConditions(approval.conditions, question.usage, approval.weightsSha256);
  if (broken.length) return `${reference} has conditions this use breaks: ${broken.map((b) => b.reason).join('; ')}`;
  return null;
}

/**
 * Combines the policy's verdict, the approvals on record and any exception into one decision:
 * DENY when a deny rule matches and no exception waives it; ALLOW when an approval covers the use
 * and satisfies the reviews the policy asks for, or an exception covers it; otherwise REVIEW_REQUIRED.
 */
export function decide(
  evaluation: PolicyEvaluation,
  approvals: readonly ApprovalOnRecord[],
  exception: ExceptionOnRecord | null,
  question: DecisionQuestion,
): DecisionResult {
  const reasons: DecisionReason[] = evaluation.matched.map((rule) => ({
    source: 'POLICY',
    ruleId: rule.ruleId,
    outcome: rule.outcome,
    message: `${rule.name}: ${rule.reason}`,
  }));
  const denying = evaluation.matched.filter((rule) => rule.outcome === 'DENY');
  const waives = (ruleId: string) => exception !== null && (exception.ruleIds.length === 0 || exception.ruleIds.includes(ruleId));
  const unwaived = denying.filter((rule) => !waives(rule.ruleId));
  if (unwaived.length > 0) return { decision: 'DENY', reasons, coveringApproval: null, exception: null };
  if (exception) {
    reasons.push({
      source: 'EXCEPTION',
      message: `Exception ${exception.reference} covers this use until ${exception.expiresAt.toISOString().slice(0, 10)}`,
    });
    return { decision: 'ALLOW', reasons, coveringApproval: null, exception };
  }

  const problems: string[] = [];
  for (const approval of approvals) {
    const notCovered = whyNotCovered(approval, question);
    if (notCovered) {
      problems.push(notCovered);
      continue;
    }
    const missing = evaluation.reviewCategories.filter((category) => !approval.reviewedCategories.includes(category));
    if (missing.length || (evaluation.approvers ?? 0) > approval.approverCount) {
      const needs = [
        ...(missing.length ? [`${missing.map((c) => reviewCategoryInfo[c].label.toLowerCase()).join(', ')} review`] : []),
        ...((evaluation.approvers ?? 0) > approval.approverCount ? [`${evaluation.approvers} approvers`] : []),
      ];
      problems.push(`${approval.reference} lacks what the policy asks for: ${needs.join(' and ')}`);
      continue;
    }
    reasons.push({
      source: 'APPROVAL',
      message: `Approved by ${approval.reference}${approval.validUntil ? ` until ${approval.validUntil.toISOString().slice(0, 10)}` : ''}`,
    });
    return { decision: 'ALLOW', reasons, coveringApproval: approval, exception: null };
  }
  reasons.push({
    source: 'APPROVAL',
    message: problems.length
      ? `No approval covers this use: ${problems.join('; ')}`
      : 'No approval has been requested for this model version',
  });
  return { decision: 'REVIEW_REQUIRED', reasons, coveringApproval: null, exception: null };
}

import type { ApprovalState, RiskTier } from '../../gql/graphql';
import { categoryLabel, listOf } from './labels';
import { t } from './messages';

/**
 * Why a request is in its state and tier, in a short line next to each: from the reviews, the votes and the reason
 * given, all of which the list and detail queries already carry. Pure functions, so the wording is tested apart.
 */

export type ExplainedReview = {
  category: string;
  status: 'ASSIGNED' | 'SIGNED_OFF';
  dueAt: string;
  overdue: boolean;
  tier?: RiskTier | null;
  likelihood?: number | null;
  impact?: number | null;
  reviewer: { displayName: string };
};

export type ExplainedRequest = {
  state: ApprovalState;
  riskTier?: RiskTier | null;
  stateReason?: string | null;
  decidedAt?: string | null;
  validUntil?: string | null;
  requirements: {
    categories: readonly string[];
    approvers: number;
    approvalsGiven: number;
    complianceOfficerRequired: boolean;
  };
  reviews: readonly ExplainedReview[];
  votes: readonly {
    decision: 'APPROVE' | 'REJECT';
    rationale: string;
    asComplianceOfficer: boolean;
    createdAt: string;
    person: { displayName: string };
  }[];
  conditions: readonly { description: string }[];
};

/** A short sentence and, where one applies, the instant it refers to (shown with `<DateTime>`). */
export type Explanation = { text: string; at?: string | null };

/** Required categories nobody has been assigned yet. */
export function unassignedCategories(request: Pick<ExplainedRequest, 'requirements' | 'reviews'>): string[] {
  return request.requirements.categories.filter((category) => !request.reviews.some((review) => review.category === category));
}

/** "Legal and licensing rated 3 × 4 = 12", or just the category when the rating is not known. */
export function ratingOf(review: ExplainedReview): string {
  const label = categoryLabel(review.category);
  if (!review.likelihood || !review.impact) return label;
  return t('approvals.tier.why.rating', {
    review: label,
    likelihood: review.likelihood,
    impact: review.impact,
    score: review.likelihood * review.impact,
  });
}

/** States a request never leaves: a tier it lacks now it will never get. */
const CLOSED_STATES: readonly ApprovalState[] = ['REJECTED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'];

/** The tier is the highest of the signed-off reviews: name the review (or reviews) that set it, with its rating. */
export function explainTier(request: Pick<ExplainedRequest, 'state' | 'riskTier' | 'reviews'>): string {
  const signedOff = request.reviews.filter((review) => review.status === 'SIGNED_OFF');
  if (!request.riskTier || signedOff.length === 0) {
    if (CLOSED_STATES.includes(request.state)) return t('approvals.tier.why.neverRated');
    return request.reviews.length === 0 ? t('approvals.tier.why.noReviews') : t('approvals.tier.why.none');
  }
  const setting = signedOff.filter((review) => review.tier === request.riskTier);
  const first = setting[0];
  if (!first) return t('approvals.tier.why.highest', { count: signedOff.length });
  const rating = ratingOf(first);
  return setting.length > 1 ? t('approvals.tier.why.more', { rating, count: setting.length - 1 }) : rating;
}

/** The reviews still waiting for their reviewer, the most urgent first. */
export function openReviews<Review extends ExplainedReview>(reviews: readonly Review[]): Review[] {
  return reviews
    .filter((review) => review.status === 'ASSIGNED')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

function explainOpen(request: ExplainedRequest): Explanation {
  const unassigned = unassignedCategories(request);
  const open = openReviews(request.reviews);
  const next = open[0];
  if (next) {
    const waiting = { review: categoryLabel(next.category), reviewer: next.reviewer.displayName };
    const text =
      open.length > 1
        ? t('approvals.state.why.waitingMore', { ...waiting, count: open.length - 1 })
        : t(next.overdue ? 'approvals.state.why.waitingOverdue' : 'approvals.state.why.waiting', waiting);
    return { text: unassigned.length > 0 ? `${text}\n${toAssign(unassigned)}` : text };
  }
  if (unassigned.length > 0) return { text: toAssign(unassigned) };
  const needed = Math.max(0, request.requirements.approvers - request.requirements.approvalsGiven);
  const officerNeeded =
    request.requirements.complianceOfficerRequired &&
    !request.votes.some((vote) => vote.decision === 'APPROVE' && vote.asComplianceOfficer);
  if (needed === 0) return { text: t('approvals.state.why.readyToDecide') };
  return {
    text: officerNeeded
      ? t('approvals.state.why.approvalsNeededOfficer', { count: needed })
      : t('approvals.state.why.approvalsNeeded', { count: needed }),
  };
}

const toAssign = (categories: readonly string[]) =>
  t('approvals.state.why.toAssign', { categories: listOf(categories.map(categoryLabel)) });

/** Why the request is where it is: who is holding it up, who decided and on what grounds, or the reason given. */
export function explainState(request: ExplainedRequest): Explanation {
  switch (request.state) {
    case 'DRAFT':
      return { text: t('approvals.state.why.draft') };
    case 'SUBMITTED':
    case 'IN_REVIEW':
      return explainOpen(request);
    case 'APPROVED':
    case 'APPROVED_WITH_CONDITIONS': {
      const approvers = request.votes.filter((vote) => vote.decision === 'APPROVE').map((vote) => vote.person.displayName);
      return {
        text:
          approvers.length > 0
            ? t('approvals.state.why.approvedBy', { people: listOf(approvers) })
            : t('approvals.state.why.decided'),
        at: request.decidedAt,
      };
    }
    case 'REJECTED': {
      const rejection = request.votes.findLast((vote) => vote.decision === 'REJECT');
      return rejection
        ? {
            text: t('approvals.state.why.rejectedBy', { person: rejection.person.displayName, rationale: rejection.rationale }),
            at: request.decidedAt ?? rejection.createdAt,
          }
        : { text: t('approvals.state.why.decided'), at: request.decidedAt };
    }
    case 'WITHDRAWN':
    case 'SUSPENDED':
    case 'REVOKED':
      return {
        text: request.stateReason
          ? t('approvals.state.why.reason', { reason: request.stateReason })
          : t('approvals.state.why.noReason'),
      };
    case 'EXPIRED':
      return { text: t('approvals.state.why.expired'), at: request.validUntil };
  }
}

/** The conditions of a granted approval, in one line. */
export function conditionsLine(request: Pick<ExplainedRequest, 'conditions'>): string | null {
  if (request.conditions.length === 0) return null;
  return t('approvals.state.why.conditions', {
    count: request.conditions.length,
    conditions: listOf(request.conditions.map((condition) => condition.description)),
  });
}

/** The audited step that put a request in its state, for "by whom and when" on the request's page. */
const stepOfState: Partial<Record<ApprovalState, string>> = {
  SUBMITTED: 'approval_request.submit',
  IN_REVIEW: 'approval_request.start_review',
  APPROVED: 'approval_request.approve',
  APPROVED_WITH_CONDITIONS: 'approval_request.approve',
  REJECTED: 'approval_request.reject',
  WITHDRAWN: 'approval_request.withdraw',
  SUSPENDED: 'approval_request.suspend',
  REVOKED: 'approval_request.revoke',
  EXPIRED: 'approval_request.expire',
};

export type TimelineEntry = { action: string; occurredAt: string; actorType: string; actorLabel?: string | null };

/**
 * Who took the request into its current state, and when, from its timeline (oldest first). An approval that was
 * suspended and reinstated reads from the reinstatement.
 */
export function lastStep(state: ApprovalState, timeline: readonly TimelineEntry[]): { actor: string; at: string } | null {
  const actions = [
    stepOfState[state],
    ...(state === 'APPROVED' || state === 'APPROVED_WITH_CONDITIONS' ? ['approval_request.reinstate'] : []),
  ];
  const entry = timeline.findLast((candidate) => actions.includes(candidate.action));
  if (!entry) return null;
  const actor = entry.actorLabel ?? (entry.actorType === 'SYSTEM' ? t('approvals.actor.system') : t('approvals.actor.unknown'));
  return { actor, at: entry.occurredAt };
}

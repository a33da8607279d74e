/**
 * The lifecycle of an approval request, as a pure transition function. Persistence, permissions and
 * quorum are elsewhere: this module only says which step is legal from which state and where it leads.
 */

export const RequestState = {
  Draft: 'DRAFT',
  Submitted: 'SUBMITTED',
  InReview: 'IN_REVIEW',
  Approved: 'APPROVED',
  ApprovedWithConditions: 'APPROVED_WITH_CONDITIONS',
  Rejected: 'REJECTED',
  Withdrawn: 'WITHDRAWN',
  Suspended: 'SUSPENDED',
  Revoked: 'REVOKED',
  Expired: 'EXPIRED',
} as const;
export type RequestState = (typeof RequestState)[keyof typeof RequestState];
export const REQUEST_STATES = Object.values(RequestState);

export const WorkflowStep = {
  Submit: 'SUBMIT',
  StartReview: 'START_REVIEW',
  Approve: 'APPROVE',
  Reject: 'REJECT',
  Withdraw: 'WITHDRAW',
  Suspend: 'SUSPEND',
  Reinstate: 'REINSTATE',
  Revoke: 'REVOKE',
  Expire: 'EXPIRE',
} as const;
export type WorkflowStep = (typeof WorkflowStep)[keyof typeof WorkflowStep];
export const WORKFLOW_STEPS = Object.values(WorkflowStep);

/** States in which the model version may be used under the request's scope. */
export const GRANTED_STATES: readonly RequestState[] = [RequestState.Approved, RequestState.ApprovedWithConditions];

/** States a request never leaves. */
export const FINAL_STATES: readonly RequestState[] = [
  RequestState.Rejected,
  RequestState.Withdrawn,
  RequestState.Revoked,
  RequestState.Expired,
];

/** States in which the request is still being decided. */
export const OPEN_STATES: readonly RequestState[] = [RequestState.Draft, RequestState.Submitted, RequestState.InReview];

export type StepContext = {
  /** For APPROVE and REINSTATE: whether the decision carries conditions. */
  withConditions?: boolean;
};

export type TransitionResult = { ok: true; state: RequestState } | { ok: false; reason: string };

const approvedState = (context: StepContext): RequestState =>
  context.withConditions ? RequestState.ApprovedWithConditions : RequestState.Approved;

const TRANSITIONS: Record<RequestState, Partial<Record<WorkflowStep, (context: StepContext) => RequestState>>> = {
  DRAFT: { SUBMIT: () => RequestState.Submitted, WITHDRAW: () => RequestState.Withdrawn },
  SUBMITTED: { START_REVIEW: () => RequestState.InReview, WITHDRAW: () => RequestState.Withdrawn },
  IN_REVIEW: { APPROVE: approvedState, REJECT: () => RequestState.Rejected, WITHDRAW: () => RequestState.Withdrawn },
  APPROVED: { SUSPEND: () => RequestState.Suspended, REVOKE: () => RequestState.Revoked, EXPIRE: () => RequestState.Expired },
  APPROVED_WITH_CONDITIONS: {
    SUSPEND: () => RequestState.Suspended,
    REVOKE: () => RequestState.Revoked,
    EXPIRE: () => RequestState.Expired,
  },
  SUSPENDED: { REINSTATE: approvedState, REVOKE: () => RequestState.Revoked, EXPIRE: () => RequestState.Expired },
  REJECTED: {},
  WITHDRAWN: {},
  REVOKED: {},
  EXPIRED: {},
};

export const stateLabels: Record<RequestState, string> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  IN_REVIEW: 'in review',
  APPROVED: 'approved',
  APPROVED_WITH_CONDITIONS: 'approved with conditions',
  REJECTED: 'rejected',
  WITHDRAWN: 'withdrawn',
  SUSPENDED: 'suspended',
  REVOKED: 'revoked',
  EXPIRED: 'expired',
};

const stepVerbs: Record<WorkflowStep, string> = {
  SUBMIT: 'submitted',
  START_REVIEW: 'put into review',
  APPROVE: 'approved',
  REJECT: 'rejected',
  WITHDRAW: 'withdrawn',
  SUSPEND: 'suspended',
  REINSTATE: 'reinstated',
  REVOKE: 'revoked',
  EXPIRE: 'expired',
};

/** Where a step leads from a state, or why it is not allowed there. */
export function transition(state: RequestState, step: WorkflowStep, context: StepContext = {}): TransitionResult {
  const next = TRANSITIONS[state][step];
  if (next) return { ok: true, state: next(context) };
  const allowed = allowedSteps(state).map((s) => stepVerbs[s]);
  return {
    ok: false,
    reason:
      `A request that is ${stateLabels[state]} cannot be ${stepVerbs[step]}` +
      (allowed.length ? `; it can only be ${joinOr(allowed)}.` : '; it is final.'),
  };
}

export function allowedSteps(state: RequestState): WorkflowStep[] {
  return WORKFLOW_STEPS.filter((step) => TRANSITIONS[state][step] !== undefined);
}

/** A renewal (re-review) opens a new cycle linked to this one; the old one keeps its own state. */
export function mayRenew(state: RequestState): boolean {
  return GRANTED_STATES.includes(state) || state === RequestState.Suspended || state === RequestState.Expired;
}

function joinOr(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

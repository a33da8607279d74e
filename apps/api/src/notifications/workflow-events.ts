/**
 * Workflow events: what the approval workflow tells people (in-app notifications) and other systems
 * (webhooks). The approvals domain publishes them inside its own transactions.
 */
export const WorkflowEventType = {
  RequestSubmitted: 'request.submitted',
  ReviewAssigned: 'review.assigned',
  ReviewOverdue: 'review.overdue',
  DecisionMade: 'decision.made',
  ApprovalExpiring: 'approval.expiring',
  ApprovalExpired: 'approval.expired',
  /** Withdrawn, suspended, reinstated or revoked. */
  RequestStateChanged: 'request.state_changed',
  /** A license the approval relied on changed: the approval needs a re-review. */
  ApprovalReviewNeeded: 'approval.review_needed',
  ExceptionRequested: 'exception.requested',
  /** Granted, rejected, withdrawn, revoked or expired. */
  ExceptionStateChanged: 'exception.state_changed',
  /** A deployment the policy or its approvals do not allow. */
  ViolationDetected: 'violation.detected',
  ViolationResolved: 'violation.resolved',
} as const;
export type WorkflowEventType = (typeof WorkflowEventType)[keyof typeof WorkflowEventType];
export const WORKFLOW_EVENT_TYPES = Object.values(WorkflowEventType);

export type WorkflowEvent = {
  type: WorkflowEventType;
  /** People who get an in-app notification (duplicates and nulls are ignored). */
  recipientIds: readonly (string | null)[];
  /** One line for people, e.g. "AR-12: Qwen2.5-7B-Instruct approved with conditions". */
  title: string;
  body?: string;
  /** The approval request concerned; absent for events about exceptions and violations. */
  request?: {
    id: string;
    /** Shown as AR-<number>. */
    number: number;
    state: string;
    teamId: string | null;
    modelVersion: { id: string; name: string };
  };
  /** What an exception or violation event is about. */
  subject?: { type: 'exception' | 'violation'; id: string; reference: string };
  /** Event-specific facts sent to webhooks: review category, decision, validUntil, ... */
  details?: Record<string, unknown>;
};

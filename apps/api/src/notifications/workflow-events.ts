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
  request: {
    id: string;
    /** Shown as AR-<number>. */
    number: number;
    state: string;
    teamId: string | null;
    modelVersion: { id: string; name: string };
  };
  /** Event-specific facts sent to webhooks: review category, decision, validUntil, ... */
  details?: Record<string, unknown>;
};

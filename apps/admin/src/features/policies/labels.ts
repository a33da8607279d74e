import type { DecisionOutcome } from '../../gql/graphql';

export const outcomeLabels: Record<string, string> = { ALLOW: 'Allow', REQUIRE_REVIEW: 'Require review', DENY: 'Deny' };
export const outcomeColors: Record<string, string> = { ALLOW: 'teal', REQUIRE_REVIEW: 'yellow', DENY: 'red' };

export const decisionLabels: Record<DecisionOutcome, string> = {
  ALLOW: 'Allowed',
  REVIEW_REQUIRED: 'Review required',
  DENY: 'Denied',
};
export const decisionColors: Record<DecisionOutcome, string> = { ALLOW: 'teal', REVIEW_REQUIRED: 'yellow', DENY: 'red' };

export const versionStatusLabels: Record<string, string> = {
  DRAFT: 'Draft',
  ACTIVE: 'In force',
  SUPERSEDED: 'Superseded',
  DISCARDED: 'Discarded',
};
export const versionStatusColors: Record<string, string> = {
  DRAFT: 'blue',
  ACTIVE: 'teal',
  SUPERSEDED: 'gray',
  DISCARDED: 'gray',
};

export const exceptionStateLabels: Record<string, string> = {
  REQUESTED: 'Requested',
  GRANTED: 'Granted',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  REVOKED: 'Revoked',
  EXPIRED: 'Expired',
};
export const exceptionStateColors: Record<string, string> = {
  REQUESTED: 'blue',
  GRANTED: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
  REVOKED: 'red',
  EXPIRED: 'gray',
};

export const violationKindLabels: Record<string, string> = {
  DENIED: 'Denied by policy',
  NOT_COVERED: 'Not covered by an approval',
};

export const reasonSourceLabels: Record<string, string> = {
  POLICY: 'Rule',
  APPROVAL: 'Approval',
  EXCEPTION: 'Exception',
};

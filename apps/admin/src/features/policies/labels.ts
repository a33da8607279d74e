import type { DecisionOutcome } from '../../gql/graphql';
import { t } from './messages';

export const outcomeLabels: Record<string, string> = {
  ALLOW: t('policies.outcome.ALLOW'),
  REQUIRE_REVIEW: t('policies.outcome.REQUIRE_REVIEW'),
  DENY: t('policies.outcome.DENY'),
};
export const outcomeColors: Record<string, string> = { ALLOW: 'teal', REQUIRE_REVIEW: 'yellow', DENY: 'red' };

export const decisionLabels: Record<DecisionOutcome, string> = {
  ALLOW: t('policies.decision.ALLOW'),
  REVIEW_REQUIRED: t('policies.decision.REVIEW_REQUIRED'),
  DENY: t('policies.decision.DENY'),
};
export const decisionColors: Record<DecisionOutcome, string> = { ALLOW: 'teal', REVIEW_REQUIRED: 'yellow', DENY: 'red' };

export const versionStatusLabels: Record<string, string> = {
  DRAFT: t('policies.versionStatus.DRAFT'),
  ACTIVE: t('policies.versionStatus.ACTIVE'),
  SUPERSEDED: t('policies.versionStatus.SUPERSEDED'),
  DISCARDED: t('policies.versionStatus.DISCARDED'),
};
export const versionStatusColors: Record<string, string> = {
  DRAFT: 'blue',
  ACTIVE: 'teal',
  SUPERSEDED: 'gray',
  DISCARDED: 'gray',
};

export const exceptionStateLabels: Record<string, string> = {
  REQUESTED: t('policies.exceptionState.REQUESTED'),
  GRANTED: t('policies.exceptionState.GRANTED'),
  REJECTED: t('policies.exceptionState.REJECTED'),
  WITHDRAWN: t('policies.exceptionState.WITHDRAWN'),
  REVOKED: t('policies.exceptionState.REVOKED'),
  EXPIRED: t('policies.exceptionState.EXPIRED'),
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
  DENIED: t('policies.violationKind.DENIED'),
  NOT_COVERED: t('policies.violationKind.NOT_COVERED'),
};

export const reasonSourceLabels: Record<string, string> = {
  POLICY: t('policies.reasonSource.POLICY'),
  APPROVAL: t('policies.reasonSource.APPROVAL'),
  EXCEPTION: t('policies.reasonSource.EXCEPTION'),
};

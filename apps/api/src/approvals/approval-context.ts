import { Injectable } from '@nestjs/common';
import {
  missingReviews,
  overallRiskTier,
  requirementsFor,
  type RequestParties,
  type Requirements,
  type ReviewCategory,
  type RiskRating,
} from '@modelgate/domain/approvals';
import { ErrorCode, isDomainError, NotFoundError, StaleVersionError } from '@modelgate/domain/errors';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { WorkflowEventType, type WorkflowEvent } from '../notifications/workflow-events.js';
import { scopeOf, referenceOf } from './approval-mappers.js';
import { ApprovalPolicyService, type VersionedPolicy } from './approval-policy.service.js';
import {
  ApprovalsRepository,
  type ApprovalRequestRow,
  type RiskReviewRow,
  type Tx,
  type VersionForWorkflow,
} from './approvals.repository.js';

export type RequestContext = {
  request: ApprovalRequestRow;
  reviews: RiskReviewRow[];
  policy: VersionedPolicy;
  requirements: Requirements;
  missing: ReviewCategory[];
  parties: RequestParties;
  modelVersionName: string;
};

const ratingOf = (review: RiskReviewRow): RiskRating => ({ likelihood: review.likelihood ?? 1, impact: review.impact ?? 1 });

/** Reading a request with everything a workflow step decides on, and keeping its derived requirements current. */
@Injectable()
export class ApprovalContext {
  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly policies: ApprovalPolicyService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Runs a workflow step; when separation of duties or ownership refuses it, the refusal is audited
   * (`access.denied`) after the step's transaction has rolled back, like the guard's refusals.
   */
  async refusalsAudited<T>(actor: Actor, operation: string, entityId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isDomainError(error) && error.code === ErrorCode.Forbidden) {
        await this.audit.recordAlone(actor, {
          action: 'access.denied',
          entityType: 'ApprovalRequest',
          entityId,
          outcome: 'DENIED',
          reason: `${operation}: ${error.message}`,
        });
      }
      throw error;
    }
  }

  /** Loads the request at the version the caller read (NOT_FOUND / CONFLICT otherwise). */
  async load(tx: Tx, id: string, expectedVersion: number | null): Promise<RequestContext> {
    const request = await this.approvals.findRequest(tx, id);
    if (!request) throw new NotFoundError('Approval request', id);
    if (expectedVersion !== null && request.version !== expectedVersion) {
      throw new StaleVersionError(`Approval request ${referenceOf(request.number)}`, expectedVersion, request.version);
    }
    return this.contextOf(tx, request);
  }

  async contextOf(tx: Tx, request: ApprovalRequestRow): Promise<RequestContext> {
    // One after another: a transaction is one connection, which runs one query at a time anyway (pg 9 refuses more).
    const reviews = await this.approvals.reviewsOf(tx, request.id);
    const policy = await this.policies.current(tx);
    const version = await this.approvals.findModelVersion(tx, request.modelVersionId);
    return this.contextFrom(
      request,
      reviews,
      policy,
      version && {
        lastEditedById: version.lastEditedById,
        versionName: version.versionName,
        providerName: version.provider.name,
      },
    );
  }

  /** The context of a request from its reviews, the policy and its model version, read by the caller. */
  contextFrom(
    request: ApprovalRequestRow,
    reviews: RiskReviewRow[],
    policy: VersionedPolicy,
    version: VersionForWorkflow | null,
  ): RequestContext {
    const tier = overallRiskTier(reviews.map((r) => ({ rating: ratingOf(r), signedOff: r.status === 'SIGNED_OFF' })));
    const requirements = requirementsFor(policy.policy, scopeOf(request), tier);
    return {
      request,
      reviews,
      policy,
      requirements,
      missing: missingReviews(
        requirements,
        reviews.map((r) => ({ category: r.category as ReviewCategory, signedOff: r.status === 'SIGNED_OFF' })),
      ),
      parties: { requesterId: request.requesterId, lastEditorIds: [request.lastEditedById, version?.lastEditedById ?? null] },
      modelVersionName: version ? `${version.providerName} ${version.versionName}` : request.modelVersionId,
    };
  }

  /** The derived columns as the current reviews, scope and policy make them. */
  derivedColumns(context: Pick<RequestContext, 'reviews' | 'requirements'>) {
    const signedOff = context.reviews.filter((r) => r.status === 'SIGNED_OFF');
    return {
      riskTier: overallRiskTier(signedOff.map((r) => ({ rating: ratingOf(r), signedOff: true }))),
      requiredCategories: context.requirements.categories,
      requiredApprovers: context.requirements.approvers.count,
      complianceOfficerRequired: context.requirements.approvers.complianceOfficerRequired,
    };
  }

  event(
    context: Pick<RequestContext, 'modelVersionName'>,
    request: ApprovalRequestRow,
    type: WorkflowEventType,
    recipientIds: readonly (string | null)[],
    summary: string,
    details?: Record<string, unknown>,
  ): WorkflowEvent {
    return {
      type,
      recipientIds,
      title: `${referenceOf(request.number)}: ${context.modelVersionName} ${summary}`,
      request: {
        id: request.id,
        number: request.number,
        state: request.state,
        teamId: request.teamId,
        modelVersion: { id: request.modelVersionId, name: context.modelVersionName },
      },
      ...(details ? { details } : {}),
    };
  }
}

export { WorkflowEventType };

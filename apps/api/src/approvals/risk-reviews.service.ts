import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  checkEvidenceFile,
  mayReview,
  RequestState,
  reviewCategoryInfo,
  tierOfRating,
  transition,
  type AddEvidenceInput,
  type AssignReviewInput,
  type FileReviewInput,
  type Person,
  type ReviewCategory,
} from '@modelgate/domain/approvals';
import {
  DomainError,
  ErrorCode,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
} from '@modelgate/domain/errors';
import { AuditService } from '../audit/audit.service.js';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { ApprovalContext, WorkflowEventType, type RequestContext } from './approval-context.js';
import { referenceOf, requestAuditView, reviewAuditView } from './approval-mappers.js';
import { ApprovalsRepository, type EvidenceRow, type RiskReviewRow, type Tx } from './approvals.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Risk reviews: who reviews which category, their ratings, findings, mitigations, evidence and sign-off. */
@Injectable()
export class RiskReviewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly approvals: ApprovalsRepository,
    private readonly context: ApprovalContext,
    private readonly audit: AuditService,
    private readonly events: WorkflowEventsService,
    private readonly clock: Clock,
  ) {}

  /** Assigns one category's review; the first assignment puts a submitted request into review. */
  async assign(input: AssignReviewInput, actor: Actor): Promise<RiskReviewRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, input.requestId, input.expectedVersion);
      const { request } = context;
      const caller = personBehind(actor);
      const reviewerId = input.reviewerId ?? caller;
      if (!reviewerId) throw new ForbiddenError('Only a person can take a review.');
      if (reviewerId !== caller && !actor.ability.can('manage', 'ApprovalRequest')) {
        throw new ForbiddenError('Only compliance officers assign reviews to others; you may take a review yourself.');
      }
      if (request.state !== RequestState.Submitted && request.state !== RequestState.InReview) {
        throw new IllegalTransitionError(
          `${referenceOf(request.number)} is ${request.state.toLowerCase().replaceAll('_', ' ')}: reviews are assigned while it is submitted or in review.`,
        );
      }
      const reviewer = await this.approvals.findPerson(tx, reviewerId);
      if (!reviewer) throw new ValidationError([{ field: 'input.reviewerId', reason: 'must be an active person' }]);
      this.assertMayReview(context, input.category, reviewer, input.reviewerId ? 'input.reviewerId' : null);

      const existing = context.reviews.find((review) => review.category === input.category);
      if (existing?.status === 'SIGNED_OFF') {
        throw new DomainError(
          ErrorCode.Conflict,
          `The ${reviewCategoryInfo[input.category].label.toLowerCase()} review is already signed off.`,
        );
      }
      const dueAt = new Date(this.clock.now().getTime() + context.policy.policy.reviewSlaDays * DAY_MS);
      const review = existing
        ? await this.approvals.updateReview(tx, existing.id, existing.version, {
            reviewerId,
            assignedAt: this.clock.now(),
            dueAt,
          })
        : await this.approvals.createReview(tx, { requestId: request.id, category: input.category, reviewerId, dueAt });
      if (!review) throw new StaleVersionError('The review', existing!.version, null);

      // Every assignment changes the request (its version guards concurrent workflow steps).
      const next = request.state === RequestState.Submitted ? transition(request.state, 'START_REVIEW') : null;
      const after = await this.approvals.updateRequest(tx, request.id, request.version, next?.ok ? { state: next.state } : {});
      if (!after) throw new StaleVersionError(`Approval request ${referenceOf(request.number)}`, request.version, null);
      if (next?.ok) {
        await this.audit.record(tx, actor, {
          action: 'approval_request.start_review',
          entityType: 'ApprovalRequest',
          entityId: request.id,
          before: requestAuditView(request),
          after: requestAuditView(after),
        });
      }
      await this.audit.record(tx, actor, {
        action: existing ? 'risk_review.reassign' : 'risk_review.assign',
        entityType: 'RiskReview',
        entityId: review.id,
        ...(existing ? { before: reviewAuditView(existing) } : {}),
        after: { ...reviewAuditView(review), requestReference: referenceOf(request.number) },
      });
      await this.events.publish(
        tx,
        this.context.event(
          context,
          after,
          WorkflowEventType.ReviewAssigned,
          [reviewerId],
          `needs your ${reviewCategoryInfo[input.category].label.toLowerCase()} review`,
          { category: input.category, reviewerId, dueAt: dueAt.toISOString() },
        ),
        this.clock.now(),
      );
      return review;
    });
    this.events.afterCommit();
    return result;
  }

  /** Saves the assigned reviewer's rating and findings; signing off makes them count and freezes them. */
  file(input: FileReviewInput, actor: Actor): Promise<RiskReviewRow> {
    return this.prisma.$transaction(async (tx) => {
      const { review, context } = await this.reviewForReviewer(tx, input.reviewId, actor);
      if (review.version !== input.expectedVersion)
        throw new StaleVersionError('The review', input.expectedVersion, review.version);
      const rating = { likelihood: input.likelihood, impact: input.impact };
      const now = this.clock.now();
      const after = await this.approvals.updateReview(tx, review.id, review.version, {
        likelihood: input.likelihood,
        impact: input.impact,
        tier: tierOfRating(rating),
        findings: input.findings,
        mitigations: input.mitigations,
        ...(input.signOff ? { status: 'SIGNED_OFF', signedOffAt: now } : {}),
      });
      if (!after) throw new StaleVersionError('The review', input.expectedVersion, null);
      if (input.signOff) {
        // A signed-off review may raise the tier, and with it the reviews and approvers required.
        const recomputed = await this.context.contextOf(tx, context.request);
        const updatedRequest = await this.approvals.updateRequest(
          tx,
          context.request.id,
          context.request.version,
          this.context.derivedColumns(recomputed),
        );
        if (!updatedRequest) {
          throw new StaleVersionError(`Approval request ${referenceOf(context.request.number)}`, context.request.version, null);
        }
      }
      await this.audit.record(tx, actor, {
        action: input.signOff ? 'risk_review.sign_off' : 'risk_review.update',
        entityType: 'RiskReview',
        entityId: review.id,
        before: reviewAuditView(review),
        after: reviewAuditView(after),
      });
      return after;
    });
  }

  /** Adds a link or a checked file (kept with its SHA-256) to a review that is not signed off. */
  addEvidence(input: AddEvidenceInput, actor: Actor): Promise<EvidenceRow> {
    let file: { bytes: Buffer; fileName: string; contentType: string } | null = null;
    if (input.file) {
      const bytes = Buffer.from(input.file.contentBase64, 'base64');
      const problems = checkEvidenceFile({ fileName: input.file.fileName, contentType: input.file.contentType, bytes });
      if (problems.length) {
        throw new ValidationError(problems.map((problem) => ({ field: `input.file.${problem.field}`, reason: problem.reason })));
      }
      file = { bytes, fileName: input.file.fileName, contentType: input.file.contentType };
    }
    return this.prisma.$transaction(async (tx) => {
      const { review } = await this.reviewForReviewer(tx, input.reviewId, actor);
      const evidence = await this.approvals.addEvidence(tx, {
        reviewId: review.id,
        title: input.title,
        addedById: personBehind(actor),
        ...(file
          ? {
              kind: 'FILE',
              fileName: file.fileName,
              contentType: file.contentType,
              sizeBytes: file.bytes.length,
              sha256: createHash('sha256').update(file.bytes).digest('hex'),
              content: new Uint8Array(file.bytes),
            }
          : { kind: 'LINK', url: input.link }),
      });
      await this.audit.record(tx, actor, {
        action: 'review_evidence.add',
        entityType: 'RiskReview',
        entityId: review.id,
        after: evidence,
      });
      return evidence;
    });
  }

  /** Reminds reviewers of overdue reviews, at most once a day each. Idempotent: safe to run any number of times. */
  async remindOverdue(actor: Actor): Promise<number> {
    const now = this.clock.now();
    const reminded = await this.prisma.$transaction(async (tx) => {
      const overdue = await this.approvals.findOverdueReviews(tx, now, new Date(now.getTime() - DAY_MS));
      if (overdue.length === 0) return 0;
      await this.approvals.markReminded(
        tx,
        overdue.map((review) => review.id),
        now,
      );
      for (const review of overdue) {
        const context = await this.context.contextOf(tx, review.request);
        await this.events.publish(
          tx,
          this.context.event(
            context,
            review.request,
            WorkflowEventType.ReviewOverdue,
            [review.reviewerId],
            `has an overdue ${reviewCategoryInfo[review.category as ReviewCategory].label.toLowerCase()} review`,
            { category: review.category, dueAt: review.dueAt.toISOString() },
          ),
          now,
        );
      }
      await this.audit.record(tx, actor, {
        action: 'risk_review.remind',
        entityType: 'RiskReview',
        after: { reviews: overdue.map((review) => review.id), at: now.toISOString() },
      });
      return overdue.length;
    });
    if (reminded) this.events.afterCommit();
    return reminded;
  }

  private async reviewForReviewer(
    tx: Tx,
    reviewId: string,
    actor: Actor,
  ): Promise<{ review: RiskReviewRow; context: RequestContext }> {
    const review = await this.approvals.findReview(tx, reviewId);
    if (!review) throw new NotFoundError('Review', reviewId);
    if (review.reviewerId !== personBehind(actor)) {
      throw new ForbiddenError('Only the assigned reviewer may work on this review; a compliance officer can reassign it.');
    }
    if (review.status === 'SIGNED_OFF')
      throw new DomainError(ErrorCode.Conflict, 'This review is signed off and can no longer change.');
    const context = await this.context.load(tx, review.requestId, null);
    if (context.request.state !== RequestState.InReview) {
      throw new IllegalTransitionError(
        `${referenceOf(context.request.number)} is ${context.request.state.toLowerCase().replaceAll('_', ' ')}: its reviews are closed.`,
      );
    }
    const reviewer = await this.approvals.findPerson(tx, review.reviewerId);
    if (!reviewer) throw new ForbiddenError('Your account is disabled.');
    // Separation of duties is checked again: the reviewer may have edited the model version since.
    this.assertMayReview(context, review.category as ReviewCategory, reviewer, null);
    return { review, context };
  }

  private assertMayReview(context: RequestContext, category: ReviewCategory, reviewer: Person, field: string | null): void {
    const verdict = mayReview(context.parties, category, reviewer);
    if (verdict.ok) return;
    if (field) throw new ValidationError([{ field, reason: verdict.reason.replace(/^You /, 'The person ') }]);
    throw new ForbiddenError(verdict.reason);
  }
}

import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  addEvidenceInputSchema,
  assignReviewInputSchema,
  fileReviewInputSchema,
  type AddEvidenceInput as AddEvidenceValues,
  type AssignReviewInput as AssignValues,
  type FileReviewInput as FileValues,
} from '@modelgate/domain/approvals';
import { NotFoundError } from '@modelgate/domain/errors';
import { z } from 'zod';
import { RecordChange } from '../audit/models/audit-event.model.js';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { PersonRef } from '../inventory/models/deployment.model.js';
import { Clock } from '../jobs/clock.js';
import { toEvidence, toRiskReview } from './approval-mappers.js';
import { ApprovalContext } from './approval-context.js';
import { ApprovalLoaders } from './approval.loaders.js';
import { ApprovalsRepository } from './approvals.repository.js';
import { AddEvidenceInput, AssignReviewInput, FileReviewInput } from './dto/approval.inputs.js';
import { ApprovalVote, ReviewEvidence, RiskReview } from './models/approval.models.js';
import { RiskReviewsService } from './risk-reviews.service.js';

@Resolver(() => RiskReview)
export class RiskReviewsResolver {
  constructor(
    private readonly reviews: RiskReviewsService,
    private readonly loaders: ApprovalLoaders,
    private readonly context: ApprovalContext,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => RiskReview, { description: 'Assigns the review of one category (omit reviewerId to take it yourself).' })
  @Allow('review', 'ApprovalRequest')
  async assignReview(
    @Args('input', { type: () => AssignReviewInput }, new ZodValidationPipe(assignReviewInputSchema, 'input'))
    input: AssignValues,
    @CurrentActor() actor: Actor,
  ): Promise<RiskReview> {
    const review = await this.context.refusalsAudited(actor, 'assignReview', input.requestId, () =>
      this.reviews.assign(input, actor),
    );
    return toRiskReview(review, this.clock.now());
  }

  @Mutation(() => RiskReview, { description: 'Saves your rating, findings and mitigations; signOff makes them final.' })
  @Allow('review', 'ApprovalRequest')
  async fileReview(
    @Args('input', { type: () => FileReviewInput }, new ZodValidationPipe(fileReviewInputSchema, 'input')) input: FileValues,
    @CurrentActor() actor: Actor,
  ): Promise<RiskReview> {
    const review = await this.context.refusalsAudited(actor, 'fileReview', input.reviewId, () => this.reviews.file(input, actor));
    return toRiskReview(review, this.clock.now());
  }

  @Mutation(() => ReviewEvidence, { description: 'Adds a link or a file (checked, kept with its SHA-256) to your review.' })
  @Allow('review', 'ApprovalRequest')
  async addReviewEvidence(
    @Args('input', { type: () => AddEvidenceInput }, new ZodValidationPipe(addEvidenceInputSchema, 'input'))
    input: AddEvidenceValues,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewEvidence> {
    return toEvidence(
      await this.context.refusalsAudited(actor, 'addReviewEvidence', input.reviewId, () =>
        this.reviews.addEvidence(input, actor),
      ),
    );
  }

  @ResolveField(() => PersonRef)
  @Allow('read', 'ApprovalRequest')
  async reviewer(@Parent() review: RiskReview, @Context() context: object): Promise<PersonRef> {
    return (await this.loaders.for(context).person.load(review.reviewerId))!;
  }

  @ResolveField(() => [ReviewEvidence])
  @Allow('read', 'ApprovalRequest')
  async evidence(@Parent() review: RiskReview, @Context() context: object): Promise<ReviewEvidence[]> {
    return (await this.loaders.for(context).evidenceOf.load(review.id)).map(toEvidence);
  }

  @ResolveField(() => [RecordChange], { description: 'Who changed this review and how, oldest first.' })
  @Allow('read', 'ApprovalRequest')
  async history(@Parent() review: RiskReview, @Context() context: object): Promise<RecordChange[]> {
    return [...(await this.loaders.for(context).reviewHistory.load(review.id))].reverse();
  }
}

const evidenceIdSchema = z.uuid('must be an evidence id');

@Resolver(() => ReviewEvidence)
export class ReviewEvidenceResolver {
  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly loaders: ApprovalLoaders,
  ) {}

  @Query(() => ReviewEvidence, { description: 'One piece of evidence: ask for its contentBase64 here, one file at a time.' })
  @Allow('read', 'ApprovalRequest')
  async reviewEvidence(
    @Args('id', { type: () => ID }, new ZodValidationPipe(evidenceIdSchema, 'id')) id: string,
  ): Promise<ReviewEvidence> {
    const row = await this.approvals.findEvidence(id);
    if (!row) throw new NotFoundError('Evidence', id);
    return toEvidence(row);
  }

  @ResolveField(() => String, { nullable: true, description: 'The file, base64-encoded (files only; ask for it one at a time).' })
  @Allow('read', 'ApprovalRequest')
  async contentBase64(@Parent() evidence: ReviewEvidence): Promise<string | null> {
    if (evidence.kind !== 'FILE') return null;
    const stored = await this.approvals.evidenceContent(evidence.id);
    return stored?.content ? Buffer.from(stored.content).toString('base64') : null;
  }

  @ResolveField(() => PersonRef, { nullable: true })
  @Allow('read', 'ApprovalRequest')
  addedBy(@Parent() evidence: ReviewEvidence, @Context() context: object): Promise<PersonRef | null> {
    return evidence.addedById ? this.loaders.for(context).person.load(evidence.addedById) : Promise.resolve(null);
  }
}

@Resolver(() => ApprovalVote)
export class ApprovalVoteResolver {
  constructor(private readonly loaders: ApprovalLoaders) {}

  @ResolveField(() => PersonRef)
  @Allow('read', 'ApprovalRequest')
  async person(@Parent() vote: ApprovalVote, @Context() context: object): Promise<PersonRef> {
    return (await this.loaders.for(context).person.load(vote.personId))!;
  }
}

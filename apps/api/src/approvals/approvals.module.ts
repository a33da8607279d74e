import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module.js';
import { ApprovalContext } from './approval-context.js';
import { ApprovalJobsService } from './approval-jobs.service.js';
import { ApprovalLoaders } from './approval.loaders.js';
import { ApprovalPolicyResolver } from './approval-policy.resolver.js';
import { ApprovalPolicyService } from './approval-policy.service.js';
import { ApprovalQueriesService } from './approval-queries.service.js';
import { ApprovalRequestsResolver, ModelVersionApprovalsResolver } from './approval-requests.resolver.js';
import { ApprovalRequestsService } from './approval-requests.service.js';
import { ApprovalsRepository } from './approvals.repository.js';
import { DecisionsService } from './decisions.service.js';
import { LicenseWatchService } from './license-watch.service.js';
import { ApprovalVoteResolver, ReviewEvidenceResolver, RiskReviewsResolver } from './risk-reviews.resolver.js';
import { RiskReviewsService } from './risk-reviews.service.js';

/** Approval requests, risk reviews, decisions, the approval policy, and the jobs that keep approvals current. */
@Module({
  imports: [InventoryModule],
  providers: [
    ApprovalsRepository,
    ApprovalContext,
    ApprovalLoaders,
    ApprovalPolicyService,
    ApprovalPolicyResolver,
    ApprovalQueriesService,
    ApprovalRequestsService,
    ApprovalRequestsResolver,
    ModelVersionApprovalsResolver,
    RiskReviewsService,
    RiskReviewsResolver,
    ReviewEvidenceResolver,
    ApprovalVoteResolver,
    DecisionsService,
    ApprovalJobsService,
    LicenseWatchService,
  ],
  exports: [
    ApprovalLoaders,
    ApprovalRequestsService,
    RiskReviewsService,
    DecisionsService,
    ApprovalJobsService,
    ApprovalPolicyService,
  ],
})
export class ApprovalsModule {}

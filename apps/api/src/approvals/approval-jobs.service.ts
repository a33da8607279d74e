import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { renewalOpensAt } from '@modelgate/domain/approvals';
import { systemActor } from '../common/auth/actor.js';
import { skipOnConflict } from '../common/concurrency.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { Clock } from '../jobs/clock.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { ApprovalContext, WorkflowEventType } from './approval-context.js';
import { ApprovalPolicyService } from './approval-policy.service.js';
import { ApprovalRequestsService } from './approval-requests.service.js';
import { ApprovalsRepository } from './approvals.repository.js';
import { RiskReviewsService } from './risk-reviews.service.js';

export const APPROVAL_MAINTENANCE_JOB = 'approvals.maintenance';

export type MaintenanceResult = { expired: number; renewalsOpened: number; remindersSent: number };

/**
 * The workflow's clockwork: expires lapsed approvals, opens re-reviews ahead of expiry and reminds
 * reviewers of overdue reviews. Each pass reads the state and changes only what is due, under the
 * usual version guards, so passes can run on several instances, twice, or after a restart.
 */
@Injectable()
export class ApprovalJobsService implements OnModuleInit {
  private readonly logger = new Logger(ApprovalJobsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly approvals: ApprovalsRepository,
    private readonly context: ApprovalContext,
    private readonly policies: ApprovalPolicyService,
    private readonly requests: ApprovalRequestsService,
    private readonly reviews: RiskReviewsService,
    private readonly events: WorkflowEventsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly hooks: ChangeHooks,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define({
      name: APPROVAL_MAINTENANCE_JOB,
      schedule: '* * * * *',
      retryLimit: 2,
      handler: async () => {
        const result = await this.runMaintenance();
        if (result.expired || result.renewalsOpened || result.remindersSent) this.logger.log(result, 'approval maintenance');
      },
    });
  }

  async runMaintenance(): Promise<MaintenanceResult> {
    const expired = await this.expireLapsed();
    const renewalsOpened = await this.openRenewals();
    const remindersSent = await this.reviews.remindOverdue(systemActor('approval-maintenance'));
    return { expired, renewalsOpened, remindersSent };
  }

  private async expireLapsed(): Promise<number> {
    const actor = systemActor('approval-expiry');
    const lapsed = await this.approvals.findLapsed(this.prisma, this.clock.now());
    let expired = 0;
    for (const candidate of lapsed) {
      const done = await skipOnConflict(() =>
        this.prisma.$transaction(async (tx) => {
          const request = await this.approvals.findRequest(tx, candidate.id);
          // Someone (or another instance) changed it since the scan: leave it for the next pass.
          if (!request || request.version !== candidate.version) return false;
          const context = await this.context.contextOf(tx, request);
          const after = await this.requests.step(tx, context, 'EXPIRE', actor, { stateReason: 'Validity ended' });
          await this.events.publish(
            tx,
            this.context.event(context, after, WorkflowEventType.ApprovalExpired, [after.requesterId], 'approval expired', {
              validUntil: after.validUntil?.toISOString() ?? null,
            }),
            this.clock.now(),
          );
          return true;
        }),
      );
      if (done === true) expired += 1;
    }
    if (expired) {
      this.events.afterCommit();
      this.hooks.policyInputsChanged();
    }
    return expired;
  }

  private async openRenewals(): Promise<number> {
    const actor = systemActor('approval-renewal');
    const now = this.clock.now();
    const { policy } = await this.policies.current();
    const renewBy = new Date(now.getTime() + policy.renewalLeadDays * 24 * 60 * 60 * 1000);
    const due = await this.approvals.findDueForRenewal(this.prisma, renewBy, now);
    let opened = 0;
    for (const candidate of due) {
      if (!candidate.validUntil || renewalOpensAt(candidate.validUntil, policy.renewalLeadDays) > now) continue;
      const done = await skipOnConflict(() =>
        this.prisma.$transaction(async (tx) => {
          const request = await this.approvals.findRequest(tx, candidate.id);
          if (!request || request.version !== candidate.version) return false;
          if (await tx.approvalRequest.findUnique({ where: { previousRequestId: request.id }, select: { id: true } }))
            return false;
          const context = await this.context.contextOf(tx, request);
          const renewal = await this.requests.renewInTx(tx, context, actor);
          await this.events.publish(
            tx,
            this.context.event(
              context,
              request,
              WorkflowEventType.ApprovalExpiring,
              [request.requesterId],
              'approval is expiring',
              {
                validUntil: request.validUntil?.toISOString() ?? null,
                renewalRequestId: renewal.id,
              },
            ),
            now,
          );
          return true;
        }),
      );
      if (done === true) opened += 1;
    }
    if (opened) this.events.afterCommit();
    return opened;
  }
}

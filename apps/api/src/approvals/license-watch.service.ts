import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GRANTED_STATES, RequestState } from '@modelgate/domain/approvals';
import type { Actor } from '../common/auth/actor.js';
import { complianceOfficerIds } from '../people/directory.js';
import { ChangeHooks, type LicenseChange } from '../jobs/change-hooks.js';
import { Clock } from '../jobs/clock.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { ApprovalContext, WorkflowEventType } from './approval-context.js';
import { referenceOf } from './approval-mappers.js';
import { ApprovalRequestsService } from './approval-requests.service.js';
import type { Tx } from './approvals.repository.js';
import { approvalRequestSelect } from './approvals.repository.js';

/**
 * License-change watch: when a model version's license (or a license's terms) changes, every approval
 * granted on the old terms is put up for re-review — a new cycle, in the same transaction as the change —
 * and its requester and the compliance officers are told.
 */
@Injectable()
export class LicenseWatchService implements OnModuleInit {
  constructor(
    private readonly hooks: ChangeHooks,
    private readonly requests: ApprovalRequestsService,
    private readonly context: ApprovalContext,
    private readonly events: WorkflowEventsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onLicenseChanged((tx, change, actor) => this.reReview(tx, change, actor));
  }

  private async reReview(tx: Tx, change: LicenseChange, actor: Actor): Promise<void> {
    const granted = await tx.approvalRequest.findMany({
      where: { modelVersionId: { in: [...change.modelVersionIds] }, state: { in: [...GRANTED_STATES, RequestState.Suspended] } },
      select: { ...approvalRequestSelect, renewal: { select: { id: true, state: true } } },
    });
    const officers = await complianceOfficerIds(tx);
    for (const { renewal, ...request } of granted) {
      const context = await this.context.contextOf(tx, request);
      const why = `Re-review: ${change.summary}`;
      // A renewal already under way re-reviews the new terms anyway.
      const reviewing = renewal ? null : await this.requests.renewInTx(tx, context, actor, why);
      await this.events.publish(
        tx,
        this.context.event(
          context,
          request,
          WorkflowEventType.ApprovalReviewNeeded,
          [request.requesterId, ...officers],
          `needs a re-review: ${change.summary}`,
          {
            renewalRequestId: reviewing?.id ?? renewal?.id ?? null,
            reference: referenceOf(request.number),
            summary: change.summary,
          },
        ),
        this.clock.now(),
      );
    }
  }
}

import { Injectable } from '@nestjs/common';
import {
  describeCondition,
  mayApprove,
  mayReject,
  quorumReached,
  RequestState,
  reviewCategoryInfo,
  validUntil,
  type ApprovalCondition,
  type ApprovalVote as Vote,
  type DecideInput,
} from '@modelgate/domain/approvals';
import { Role } from '@modelgate/domain/auth';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
} from '@modelgate/domain/errors';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { Clock } from '../jobs/clock.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { ApprovalContext, WorkflowEventType, type RequestContext } from './approval-context.js';
import { conditionsOf, referenceOf } from './approval-mappers.js';
import { ApprovalPolicyService, POLICY_KEY } from './approval-policy.service.js';
import { ApprovalRequestsService } from './approval-requests.service.js';
import { ApprovalsRepository, type ApprovalRequestRow, type Tx } from './approvals.repository.js';

/** Conditions asked for by several approvers, once each. */
function mergedConditions(lists: readonly ApprovalCondition[][]): ApprovalCondition[] {
  const seen = new Map<string, ApprovalCondition>();
  for (const condition of lists.flat()) seen.set(JSON.stringify(condition), condition);
  return [...seen.values()];
}

/**
 * Decisions: each approver's approval or rejection is a vote; the request is approved when the votes
 * fill the rule for its tier, and rejected by any one eligible approver. Every vote changes the
 * request's version, so concurrent decisions on one version have exactly one winner.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly approvals: ApprovalsRepository,
    private readonly context: ApprovalContext,
    private readonly policies: ApprovalPolicyService,
    private readonly requests: ApprovalRequestsService,
    private readonly audit: AuditService,
    private readonly events: WorkflowEventsService,
    private readonly clock: Clock,
    private readonly hooks: ChangeHooks,
  ) {}

  async decide(input: DecideInput, actor: Actor): Promise<ApprovalRequestRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      // Take the request's version first: of concurrent deciders on one version, only one gets past here, and the
      // checks below decide on what was read with that claim (a refusal rolls it back). Read before it, a decider
      // could see the winner's vote, committed in the meantime, and be refused as having voted already instead of
      // getting a CONFLICT.
      const personId = personBehind(actor);
      const claim = await this.approvals.claimForDecision(
        tx,
        input.requestId,
        input.expectedVersion,
        actor.principal.kind === 'user' ? personId : null,
        POLICY_KEY,
      );
      if (!claim) throw await this.claimRefused(tx, input);
      const { request: claimed, ...reads } = claim;
      const context = this.context.contextFrom(
        claimed,
        reads.reviews,
        this.policies.fromSetting(reads.policySetting),
        reads.modelVersion,
      );
      const { request, requirements } = context;
      if (request.state !== RequestState.InReview) {
        throw new IllegalTransitionError(
          `${referenceOf(request.number)} is ${request.state.toLowerCase().replaceAll('_', ' ')}: only requests in review are decided.`,
        );
      }
      const { person, votes } = reads;
      if (!person) throw new ForbiddenError('Only a signed-in person can decide a request.');
      const approvals: Vote[] = votes
        .filter((vote) => vote.decision === 'APPROVE')
        .map((vote) => ({ personId: vote.personId, asComplianceOfficer: vote.asComplianceOfficer }));

      const verdict =
        input.decision === 'APPROVE'
          ? mayApprove(context.parties, requirements.approvers, approvals, person)
          : mayReject(context.parties, person);
      if (!verdict.ok) throw new ForbiddenError(verdict.reason);
      if (input.decision === 'APPROVE' && context.missing.length > 0) {
        const names = context.missing.map((category) => reviewCategoryInfo[category].label.toLowerCase());
        throw new ValidationError([
          {
            field: 'input.decision',
            reason: `needs signed-off reviews first: ${names.join(', ')} (risk tier ${requirements.tier})`,
          },
        ]);
      }

      const asComplianceOfficer = person.roles.includes(Role.ComplianceOfficer);
      const vote = await this.approvals.addVote(tx, {
        requestId: request.id,
        personId: person.id,
        decision: input.decision,
        asComplianceOfficer,
        rationale: input.rationale,
        conditions: input.conditions,
      });
      // The audit events are written last, together: the chain lock is held only from that write to the commit.
      const voteAudit: AuditEntry = {
        action: input.decision === 'APPROVE' ? 'approval_vote.approve' : 'approval_vote.reject',
        entityType: 'ApprovalRequest',
        entityId: request.id,
        after: { ...vote, tier: requirements.tier, requiredApprovers: requirements.approvers },
      };

      const now = this.clock.now();
      if (input.decision === 'REJECT') {
        const { after, audit } = await this.requests.applyStep(tx, context, 'REJECT', {
          decidedAt: now,
          decisionRationale: input.rationale,
          policyVersion: context.policy.version,
        });
        await this.publishDecision(tx, context, after, reads.complianceOfficerIds);
        await this.audit.recordMany(tx, actor, [voteAudit, audit]);
        return after;
      }
      const allApprovals = [...approvals, { personId: person.id, asComplianceOfficer }];
      if (!quorumReached(requirements.approvers, allApprovals)) {
        await this.audit.recordMany(tx, actor, [voteAudit]);
        return claimed;
      }

      const approvingVotes = [...votes.filter((v) => v.decision === 'APPROVE'), vote];
      const conditions = mergedConditions(approvingVotes.map((v) => conditionsOf(v.conditions)));
      const months = input.validityMonths ?? context.policy.policy.validityMonths;
      const { after, audit } = await this.requests.applyStep(tx, context, 'APPROVE', {
        withConditions: conditions.length > 0,
        conditions,
        decidedAt: now,
        decisionRationale: approvingVotes.map((v) => v.rationale).join('\n\n'),
        validFrom: now,
        validUntil: validUntil(now, months),
        policyVersion: context.policy.version,
      });
      await this.publishDecision(tx, context, after, reads.complianceOfficerIds);
      await this.audit.recordMany(tx, actor, [voteAudit, audit]);
      return after;
    });
    this.events.afterCommit();
    this.hooks.policyInputsChanged();
    return result;
  }

  /** Why the claim on the request's version failed: it does not exist, or its version is not the one expected. */
  private async claimRefused(tx: Tx, input: DecideInput): Promise<Error> {
    const request = await this.approvals.findRequest(tx, input.requestId);
    if (!request) return new NotFoundError('Approval request', input.requestId);
    const reference = `Approval request ${referenceOf(request.number)}`;
    // Equal versions: someone else's claim took it after this transaction's snapshot was taken.
    return new StaleVersionError(
      reference,
      input.expectedVersion,
      request.version === input.expectedVersion ? null : request.version,
    );
  }

  private async publishDecision(
    tx: Tx,
    context: RequestContext,
    after: ApprovalRequestRow,
    complianceOfficerIds: readonly string[],
  ): Promise<void> {
    const conditions = conditionsOf(after.conditions);
    await this.events.publish(
      tx,
      this.context.event(
        context,
        after,
        WorkflowEventType.DecisionMade,
        [after.requesterId, ...complianceOfficerIds],
        `was ${after.state.toLowerCase().replaceAll('_', ' ')}`,
        {
          decision: after.state,
          rationale: after.decisionRationale,
          conditions: conditions.map(describeCondition),
          validUntil: after.validUntil?.toISOString() ?? null,
          policyVersion: after.policyVersion,
        },
      ),
      this.clock.now(),
    );
  }
}

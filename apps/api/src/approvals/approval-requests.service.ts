import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  mayRenew,
  RequestState,
  transition,
  type ApprovalStepInput,
  type CreateApprovalRequestInput,
  type RequestStepInput,
  type UpdateApprovalRequestInput,
  type WorkflowStep,
} from '@modelgate/domain/approvals';
import {
  DomainError,
  ErrorCode,
  ForbiddenError,
  IllegalTransitionError,
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
import { referenceOf, requestAuditView, scopeOf } from './approval-mappers.js';
import { ApprovalsRepository, type ApprovalRequestRow, type Tx } from './approvals.repository.js';

const scopeColumns = (scope: CreateApprovalRequestInput['scope']) => ({
  intendedUse: scope.intendedUse,
  environments: scope.environments,
  hostingModes: scope.hostingModes,
  maxDataClassification: scope.maxDataClassification,
  personalData: scope.personalData,
  expectedUsers: BigInt(scope.expectedUsers),
  euAiActCategory: scope.euAiActCategory,
});

/** Intake and the lifecycle steps around the decision: drafts, submission, withdrawal, suspension, renewal. */
@Injectable()
export class ApprovalRequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly approvals: ApprovalsRepository,
    private readonly context: ApprovalContext,
    private readonly audit: AuditService,
    private readonly events: WorkflowEventsService,
    private readonly clock: Clock,
    private readonly hooks: ChangeHooks,
  ) {}

  async create(input: CreateApprovalRequestInput, actor: Actor): Promise<ApprovalRequestRow> {
    const created = await this.prisma.$transaction(async (tx) => {
      const version = await this.approvals.findModelVersion(tx, input.modelVersionId);
      if (!version || version.retiredAt) {
        throw new ValidationError([
          { field: 'input.modelVersionId', reason: 'must be a model version in the inventory that is not retired' },
        ]);
      }
      const teamId = await this.teamFor(tx, input.teamId, actor);
      if (!actor.ability.can('create', subject('ApprovalRequest', { teamId }))) {
        throw new ForbiddenError('You may only request approvals for your own teams.');
      }
      const { principal } = actor;
      const request = await this.approvals.createRequest(tx, {
        modelVersionId: input.modelVersionId,
        teamId,
        requesterId: personBehind(actor),
        requestedByTokenId: principal.kind === 'token' ? principal.tokenId : null,
        requestedVia: actor.channel,
        ...scopeColumns(input.scope),
        lastEditedById: personBehind(actor),
      });
      const context = await this.context.contextOf(tx, request);
      const withRequirements = (await this.approvals.updateRequest(
        tx,
        request.id,
        request.version,
        this.context.derivedColumns(context),
      ))!;
      await this.audit.record(tx, actor, {
        action: 'approval_request.create',
        entityType: 'ApprovalRequest',
        entityId: request.id,
        after: requestAuditView(withRequirements),
      });
      if (!input.submit) return withRequirements;
      return this.submitInTx(tx, { ...context, request: withRequirements }, actor, null);
    });
    this.events.afterCommit();
    return created;
  }

  update(input: UpdateApprovalRequestInput, actor: Actor): Promise<ApprovalRequestRow> {
    return this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, input.id, input.expectedVersion);
      const { request } = context;
      this.assertRequesterSide(context, actor, 'change');
      if (request.state !== RequestState.Draft && request.state !== RequestState.Submitted) {
        throw new IllegalTransitionError(
          `A request that is ${request.state.toLowerCase().replaceAll('_', ' ')} can no longer be edited: reviewers assess the scope it was submitted with.`,
        );
      }
      const edited = { ...request, ...scopeColumns(input.scope) };
      const recomputed = await this.context.contextOf(tx, edited);
      const after = await this.guardedUpdate(tx, request, {
        ...scopeColumns(input.scope),
        ...this.context.derivedColumns(recomputed),
        lastEditedById: personBehind(actor),
      });
      await this.audit.record(tx, actor, {
        action: 'approval_request.update',
        entityType: 'ApprovalRequest',
        entityId: request.id,
        before: requestAuditView(request),
        after: requestAuditView(after),
      });
      return after;
    });
  }

  async submit(input: RequestStepInput, actor: Actor): Promise<ApprovalRequestRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, input.id, input.expectedVersion);
      this.assertRequesterSide(context, actor, 'submit');
      return this.submitInTx(tx, context, actor, input.reason);
    });
    this.events.afterCommit();
    return result;
  }

  async withdraw(input: RequestStepInput, actor: Actor): Promise<ApprovalRequestRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, input.id, input.expectedVersion);
      if (!actor.ability.can('manage', 'ApprovalRequest')) this.assertRequesterSide(context, actor, 'withdraw');
      const after = await this.step(tx, context, 'WITHDRAW', actor, { stateReason: input.reason });
      await this.events.publish(
        tx,
        this.context.event(
          context,
          after,
          WorkflowEventType.RequestStateChanged,
          await this.reviewersAndOfficers(tx, context),
          'was withdrawn',
          {
            reason: input.reason,
          },
        ),
        this.clock.now(),
      );
      return after;
    });
    this.events.afterCommit();
    return result;
  }

  /** Suspend, reinstate or revoke a granted approval: compliance officers only, always with a reason. */
  async changeApproval(input: ApprovalStepInput, actor: Actor): Promise<ApprovalRequestRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, input.id, input.expectedVersion);
      const { request } = context;
      if (input.step === 'REINSTATE' && request.validUntil && request.validUntil <= this.clock.now()) {
        throw new IllegalTransitionError(
          `${referenceOf(request.number)} ended on ${request.validUntil.toISOString().slice(0, 10)}; renew it instead.`,
        );
      }
      const after = await this.step(tx, context, input.step, actor, {
        stateReason: input.reason,
        withConditions: (request.conditions as unknown[]).length > 0,
      });
      const verb = { SUSPEND: 'was suspended', REINSTATE: 'was reinstated', REVOKE: 'was revoked' }[input.step];
      await this.events.publish(
        tx,
        this.context.event(context, after, WorkflowEventType.RequestStateChanged, [request.requesterId], verb, {
          reason: input.reason,
        }),
        this.clock.now(),
      );
      return after;
    });
    this.events.afterCommit();
    this.hooks.policyInputsChanged();
    return result;
  }

  /** Opens the next cycle of an approval: a new request for the same scope, linked to this one. */
  async renew(id: string, actor: Actor): Promise<ApprovalRequestRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const context = await this.context.load(tx, id, null);
      if (!actor.ability.can('manage', 'ApprovalRequest')) this.assertRequesterSide(context, actor, 'renew');
      return this.renewInTx(tx, context, actor);
    });
    this.events.afterCommit();
    return result;
  }

  async renewInTx(tx: Tx, context: RequestContext, actor: Actor, why?: string): Promise<ApprovalRequestRow> {
    const { request } = context;
    if (!mayRenew(request.state)) {
      throw new IllegalTransitionError(
        `${referenceOf(request.number)} is ${request.state.toLowerCase().replaceAll('_', ' ')}: only approved, suspended or expired approvals are renewed. Request approval anew instead.`,
      );
    }
    const existing = await tx.approvalRequest.findUnique({ where: { previousRequestId: request.id }, select: { number: true } });
    if (existing) {
      throw new DomainError(
        ErrorCode.Conflict,
        `${referenceOf(request.number)} is already being renewed by ${referenceOf(existing.number)}.`,
      );
    }
    const renewal = await this.approvals.createRequest(tx, {
      modelVersionId: request.modelVersionId,
      teamId: request.teamId,
      requesterId: request.requesterId,
      requestedVia: actor.channel,
      ...scopeColumns(scopeOf(request)),
      previousRequestId: request.id,
      cycle: request.cycle + 1,
      lastEditedById: personBehind(actor),
    });
    // A new cycle starts with no reviews: its requirements follow from its scope and the policy now.
    const renewalContext = await this.context.contextOf(tx, renewal);
    const withRequirements = (await this.approvals.updateRequest(
      tx,
      renewal.id,
      renewal.version,
      this.context.derivedColumns(renewalContext),
    ))!;
    await this.audit.record(tx, actor, {
      action: 'approval_request.renew',
      entityType: 'ApprovalRequest',
      entityId: renewal.id,
      after: requestAuditView(withRequirements),
    });
    return this.submitInTx(
      tx,
      { ...renewalContext, request: withRequirements },
      actor,
      why ?? `Renewal of ${referenceOf(request.number)}`,
    );
  }

  private async submitInTx(tx: Tx, context: RequestContext, actor: Actor, reason: string | null): Promise<ApprovalRequestRow> {
    const version = await this.approvals.findModelVersion(tx, context.request.modelVersionId);
    if (!version || version.retiredAt) {
      throw new ValidationError([{ field: 'input.id', reason: 'asks for a model version that has been retired' }]);
    }
    const after = await this.step(tx, context, 'SUBMIT', actor, {
      submittedAt: this.clock.now(),
      // The approval will be bound to exactly these weights.
      weightsSha256: version.weightsSha256,
      stateReason: reason,
    });
    await this.events.publish(
      tx,
      this.context.event(
        context,
        after,
        WorkflowEventType.RequestSubmitted,
        await this.approvals.complianceOfficerIds(tx),
        after.cycle > 1 ? 'is up for re-review' : 'was submitted for approval',
        { requiredCategories: context.requirements.categories, tier: context.requirements.tier },
      ),
      this.clock.now(),
    );
    return after;
  }

  /** One state-machine step, guarded by the version, audited. */
  async step(
    tx: Tx,
    context: RequestContext,
    step: WorkflowStep,
    actor: Actor,
    changes: Record<string, unknown> & { withConditions?: boolean },
  ): Promise<ApprovalRequestRow> {
    const { after, audit } = await this.applyStep(tx, context, step, changes);
    await this.audit.record(tx, actor, audit);
    return after;
  }

  /**
   * A transition without its audit event, which the caller records last in its transaction together with any
   * others (`AuditService.recordMany`): the chain lock is then held only from that write to the commit.
   */
  async applyStep(
    tx: Tx,
    context: RequestContext,
    step: WorkflowStep,
    changes: Record<string, unknown> & { withConditions?: boolean },
  ): Promise<{ after: ApprovalRequestRow; audit: AuditEntry }> {
    const { request } = context;
    const { withConditions, ...columns } = changes;
    const next = transition(request.state, step, { withConditions });
    if (!next.ok) throw new IllegalTransitionError(next.reason);
    const after = await this.guardedUpdate(tx, request, { ...columns, state: next.state });
    const audit: AuditEntry = {
      action: `approval_request.${step.toLowerCase()}`,
      entityType: 'ApprovalRequest',
      entityId: request.id,
      before: requestAuditView(request),
      after: requestAuditView(after),
      ...(typeof columns.stateReason === 'string' ? { reason: columns.stateReason } : {}),
    };
    return { after, audit };
  }

  private async guardedUpdate(tx: Tx, request: ApprovalRequestRow, data: Record<string, unknown>): Promise<ApprovalRequestRow> {
    const after = await this.approvals.updateRequest(tx, request.id, request.version, data);
    if (!after) throw new StaleVersionError(`Approval request ${referenceOf(request.number)}`, request.version, null);
    return after;
  }

  /** The requester, a member of the requesting team, or a compliance officer. */
  private assertRequesterSide(context: RequestContext, actor: Actor, doing: string): void {
    const { request } = context;
    if (actor.ability.can('manage', 'ApprovalRequest')) return;
    const person = personBehind(actor);
    if (person !== null && person === request.requesterId) return;
    if (request.teamId && actor.ability.can('update', subject('ApprovalRequest', { teamId: request.teamId }))) return;
    throw new ForbiddenError(
      `Only the requester, their team or a compliance officer may ${doing} ${referenceOf(request.number)}.`,
    );
  }

  private async teamFor(tx: Tx, requested: string | null, actor: Actor): Promise<string | null> {
    const { principal } = actor;
    if (requested) {
      if (!(await this.approvals.teamExists(tx, requested))) {
        throw new ValidationError([{ field: 'input.teamId', reason: 'must be an existing team' }]);
      }
      return requested;
    }
    if (principal.kind === 'token' && principal.teamId) return principal.teamId;
    const person = personBehind(actor);
    const teams = person ? await this.approvals.teamIdsOf(tx, person) : [];
    if (teams.length === 1) return teams[0]!;
    if (actor.ability.can('manage', 'ApprovalRequest')) return null;
    throw new ValidationError([
      {
        field: 'input.teamId',
        reason: teams.length ? 'must say which of your teams will use it' : 'must name the team that will use it',
      },
    ]);
  }

  private async reviewersAndOfficers(tx: Tx, context: RequestContext): Promise<string[]> {
    return [...context.reviews.map((r) => r.reviewerId), ...(await this.approvals.complianceOfficerIds(tx))];
  }
}

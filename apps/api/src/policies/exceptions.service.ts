import { Injectable, type OnModuleInit } from '@nestjs/common';
import { subject } from '@casl/ability';
import { Role } from '@modelgate/domain/auth';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
} from '@modelgate/domain/errors';
import {
  EXCEPTION_MAX_DAYS,
  type DecideExceptionInput,
  type ExceptionStepInput,
  type RequestExceptionInput,
} from '@modelgate/domain/policy';
import { AuditService } from '../audit/audit.service.js';
import { personBehind, systemActor, type Actor } from '../common/auth/actor.js';
import { skipOnConflict } from '../common/concurrency.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { Clock } from '../jobs/clock.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { WorkflowEventType, type WorkflowEvent } from '../notifications/workflow-events.js';
import { PoliciesRepository, type ExceptionRow, type Tx } from './policies.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXCEPTION_EXPIRY_JOB = 'policy.exceptions.expire';
export const referenceOfException = (row: Pick<ExceptionRow, 'number'>) => `EX-${row.number}`;

/**
 * Exceptions (waivers): requested with a justification, compensating controls and an end date; granted
 * by two distinct compliance officers, neither of them the requester; expired by the job queue.
 */
@Injectable()
export class ExceptionsService implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly policies: PoliciesRepository,
    private readonly audit: AuditService,
    private readonly events: WorkflowEventsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly hooks: ChangeHooks,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define({
      name: EXCEPTION_EXPIRY_JOB,
      schedule: '* * * * *',
      retryLimit: 2,
      handler: () => this.expireLapsed().then(() => undefined),
    });
  }

  async request(input: RequestExceptionInput, actor: Actor): Promise<ExceptionRow> {
    const now = this.clock.now();
    const problems = [];
    if (input.expiresAt <= now) problems.push({ field: 'input.expiresAt', reason: 'must be in the future' });
    if (input.expiresAt.getTime() - now.getTime() > EXCEPTION_MAX_DAYS * DAY_MS) {
      problems.push({
        field: 'input.expiresAt',
        reason: `must be at most ${EXCEPTION_MAX_DAYS} days from now: exceptions are time-boxed`,
      });
    }
    if (problems.length) throw new ValidationError(problems);
    const created = await this.prisma.$transaction(async (tx) => {
      const version = await tx.modelVersion.findUnique({
        where: { id: input.modelVersionId },
        select: { id: true, retiredAt: true },
      });
      if (!version || version.retiredAt) {
        throw new ValidationError([
          { field: 'input.modelVersionId', reason: 'must be a model version in the inventory that is not retired' },
        ]);
      }
      if (
        input.teamId &&
        !actor.ability.can('manage', 'Policy') &&
        !actor.ability.can('update', subject('Deployment', { teamId: input.teamId }))
      ) {
        throw new ForbiddenError('You may only request exceptions for your own teams.');
      }
      const row = await this.policies.createException(tx, { ...input, requestedById: personBehind(actor) });
      await this.audit.record(tx, actor, {
        action: 'policy_exception.request',
        entityType: 'PolicyException',
        entityId: row.id,
        after: row,
      });
      await this.events.publish(
        tx,
        this.event(row, WorkflowEventType.ExceptionRequested, await this.policies.complianceOfficerIds(tx), 'was requested'),
        now,
      );
      return row;
    });
    this.events.afterCommit();
    return created;
  }

  /** One of the two grants, or a rejection (which ends the request). */
  async decide(input: DecideExceptionInput, actor: Actor): Promise<ExceptionRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const before = await this.load(tx, input.id, input.expectedVersion);
      if (before.state !== 'REQUESTED')
        throw new IllegalTransitionError(
          `${referenceOfException(before)} is ${before.state.toLowerCase()}: only requested exceptions are decided.`,
        );
      const person = personBehind(actor);
      if (!person || actor.principal.kind !== 'user' || !actor.principal.roles.includes(Role.ComplianceOfficer)) {
        throw new ForbiddenError('Only compliance officers grant or reject exceptions.');
      }
      if (person === before.requestedById)
        throw new ForbiddenError('You requested this exception; two other compliance officers must decide it.');
      if (person === before.firstApproverId)
        throw new ForbiddenError('You already granted this exception; a second compliance officer must (four eyes).');
      const now = this.clock.now();
      if (input.decision === 'GRANT' && before.expiresAt <= now)
        throw new IllegalTransitionError(`${referenceOfException(before)} would already have ended.`);
      const data =
        input.decision === 'REJECT'
          ? { state: 'REJECTED', stateReason: input.reason }
          : before.firstApproverId
            ? { state: 'GRANTED', secondApproverId: person, grantedAt: now, stateReason: input.reason }
            : { firstApproverId: person, stateReason: input.reason };
      const after = await this.policies.updateException(tx, before.id, before.version, data);
      if (!after) throw new StaleVersionError(referenceOfException(before), before.version, null);
      await this.audit.record(tx, actor, {
        action:
          input.decision === 'REJECT'
            ? 'policy_exception.reject'
            : after.state === 'GRANTED'
              ? 'policy_exception.grant'
              : 'policy_exception.first_grant',
        entityType: 'PolicyException',
        entityId: before.id,
        before,
        after,
        reason: input.reason,
      });
      if (after.state !== 'REQUESTED') {
        await this.events.publish(
          tx,
          this.event(after, WorkflowEventType.ExceptionStateChanged, [after.requestedById], `was ${after.state.toLowerCase()}`),
          now,
        );
      }
      return after;
    });
    this.events.afterCommit();
    this.hooks.policyInputsChanged();
    return result;
  }

  async step(input: ExceptionStepInput, actor: Actor): Promise<ExceptionRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const before = await this.load(tx, input.id, input.expectedVersion);
      const isOfficer = actor.ability.can('manage', 'Policy');
      if (input.step === 'REVOKE') {
        if (!isOfficer) throw new ForbiddenError('Only compliance officers revoke exceptions.');
        if (before.state !== 'GRANTED')
          throw new IllegalTransitionError(
            `${referenceOfException(before)} is ${before.state.toLowerCase()}: only granted exceptions are revoked.`,
          );
      } else {
        if (!isOfficer && personBehind(actor) !== before.requestedById)
          throw new ForbiddenError('Only the requester withdraws an exception request.');
        if (before.state !== 'REQUESTED')
          throw new IllegalTransitionError(
            `${referenceOfException(before)} is ${before.state.toLowerCase()}: only requests are withdrawn.`,
          );
      }
      const state = input.step === 'REVOKE' ? 'REVOKED' : 'WITHDRAWN';
      const after = await this.policies.updateException(tx, before.id, before.version, { state, stateReason: input.reason });
      if (!after) throw new StaleVersionError(referenceOfException(before), before.version, null);
      await this.audit.record(tx, actor, {
        action: `policy_exception.${input.step.toLowerCase()}`,
        entityType: 'PolicyException',
        entityId: before.id,
        before,
        after,
        reason: input.reason,
      });
      await this.events.publish(
        tx,
        this.event(after, WorkflowEventType.ExceptionStateChanged, [after.requestedById], `was ${state.toLowerCase()}`),
        this.clock.now(),
      );
      return after;
    });
    this.events.afterCommit();
    this.hooks.policyInputsChanged();
    return result;
  }

  /** Ends granted exceptions whose time is up. Idempotent: each expires under its version guard. */
  async expireLapsed(): Promise<number> {
    const actor = systemActor('exception-expiry');
    let expired = 0;
    for (const candidate of await this.policies.findLapsedExceptions(this.clock.now())) {
      const done = await skipOnConflict(() =>
        this.prisma.$transaction(async (tx) => {
          const after = await this.policies.updateException(tx, candidate.id, candidate.version, {
            state: 'EXPIRED',
            stateReason: 'Its time ran out',
          });
          if (!after) throw new StaleVersionError(referenceOfException(candidate), candidate.version, null);
          await this.audit.record(tx, actor, {
            action: 'policy_exception.expire',
            entityType: 'PolicyException',
            entityId: candidate.id,
            before: candidate,
            after,
          });
          await this.events.publish(
            tx,
            this.event(after, WorkflowEventType.ExceptionStateChanged, [after.requestedById], 'expired'),
            this.clock.now(),
          );
        }),
      );
      if (done !== null) expired += 1;
    }
    if (expired) {
      this.events.afterCommit();
      this.hooks.policyInputsChanged();
    }
    return expired;
  }

  list(state: string | null): Promise<ExceptionRow[]> {
    return this.policies.listExceptions(state ? { state } : {});
  }

  private async load(tx: Tx, id: string, expectedVersion: number): Promise<ExceptionRow> {
    const row = await this.policies.findException(tx, id);
    if (!row) throw new NotFoundError('Exception', id);
    if (row.version !== expectedVersion) throw new StaleVersionError(referenceOfException(row), expectedVersion, row.version);
    return row;
  }

  private event(
    row: ExceptionRow,
    type: WorkflowEvent['type'],
    recipients: readonly (string | null)[],
    summary: string,
  ): WorkflowEvent {
    return {
      type,
      recipientIds: recipients,
      title: `${referenceOfException(row)} ${summary}`,
      subject: { type: 'exception', id: row.id, reference: referenceOfException(row) },
      details: {
        modelVersionId: row.modelVersionId,
        state: row.state,
        expiresAt: row.expiresAt.toISOString(),
        ruleIds: row.ruleIds,
      },
    };
  }
}

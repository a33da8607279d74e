import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { ForbiddenError, IllegalTransitionError, NotFoundError, StaleVersionError } from '@modelgate/domain/errors';
import { DEFAULT_POLICY_SET, policySetSchema, type PolicySet } from '@modelgate/domain/policy';
import { AuditService } from '../audit/audit.service.js';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { PoliciesRepository, type ActivePolicyRow, type PolicyVersionRow } from './policies.repository.js';

/** The policy in force: the active version, or the shipped defaults (number 0) before any was activated. */
export type PolicyInForce = { number: number; policy: PolicySet; id: string | null };

/** An active policy version this instance has already parsed, keyed by its id and row version. */
export type ParsedActivePolicy = { id: string; version: number; inForce: PolicyInForce };

const DEFAULTS_IN_FORCE: PolicyInForce = { number: 0, policy: DEFAULT_POLICY_SET, id: null };

const label = (row: PolicyVersionRow) => `Policy version ${row.number}`;

/** Policy versions: drafted, edited, activated under four eyes (never by the person who drafted them), superseded. */
@Injectable()
export class PolicyVersionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly policies: PoliciesRepository,
    private readonly audit: AuditService,
    private readonly hooks: ChangeHooks,
  ) {}

  /** The last active version parsed here: the decision statement then leaves its JSON out if it is still the active one. */
  private parsedActive: ParsedActivePolicy | null = null;

  async inForce(): Promise<PolicyInForce> {
    const active = await this.policies.findActive();
    if (!active) return DEFAULTS_IN_FORCE;
    return { number: active.number, policy: policySetSchema.parse(active.policy), id: active.id };
  }

  parsedActivePolicy(): ParsedActivePolicy | null {
    return this.parsedActive;
  }

  /**
   * The policy in force from the active row a decision read with its facts. The row always says which version is
   * active (so every instance switches on its next decision after an activation anywhere); its policy is null when
   * it is the version `known` that was sent with the statement, whose parse is reused.
   */
  inForceFrom(active: ActivePolicyRow | null, known: ParsedActivePolicy | null): PolicyInForce {
    if (!active) return DEFAULTS_IN_FORCE;
    if (known && active.id === known.id && active.version === known.version) return known.inForce;
    const inForce = { number: active.number, policy: policySetSchema.parse(active.policy), id: active.id };
    this.parsedActive = { id: active.id, version: active.version, inForce };
    return inForce;
  }

  list(): Promise<PolicyVersionRow[]> {
    return this.policies.listVersions();
  }

  async find(id: string): Promise<PolicyVersionRow> {
    const row = await this.policies.findVersion(this.prisma, id);
    if (!row) throw new NotFoundError('Policy version', id);
    return row;
  }

  draft(policy: PolicySet, note: string | null, actor: Actor): Promise<PolicyVersionRow> {
    return this.prisma.$transaction(async (tx) => {
      const created = await this.policies.createVersion(tx, {
        policy: policy as unknown as Prisma.InputJsonValue,
        note,
        draftedById: personBehind(actor),
      });
      await this.audit.record(tx, actor, {
        action: 'policy_version.draft',
        entityType: 'PolicyVersion',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  /** Editing a draft makes the editor its drafter: they then may not activate it either. */
  updateDraft(
    id: string,
    expectedVersion: number,
    policy: PolicySet,
    note: string | null,
    actor: Actor,
  ): Promise<PolicyVersionRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.requireDraft(tx, id, expectedVersion);
      const after = await this.policies.updateVersion(tx, id, expectedVersion, {
        policy: policy as unknown as Prisma.InputJsonValue,
        note,
        draftedById: personBehind(actor),
      });
      if (!after) throw new StaleVersionError(label(before), expectedVersion, null);
      await this.audit.record(tx, actor, {
        action: 'policy_version.update',
        entityType: 'PolicyVersion',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async activate(id: string, expectedVersion: number, actor: Actor): Promise<PolicyVersionRow> {
    const activated = await this.prisma.$transaction(async (tx) => {
      await this.policies.lockPolicy(tx);
      const before = await this.requireDraft(tx, id, expectedVersion);
      const person = personBehind(actor);
      if (!person) throw new ForbiddenError('Only a person can activate a policy version.');
      if (before.draftedById === person) {
        throw new ForbiddenError('You drafted this policy version; another compliance officer must activate it (four eyes).');
      }
      const previous = await this.policies.findActive(tx);
      await this.policies.supersedeActive(tx);
      const after = await this.policies.updateVersion(tx, id, expectedVersion, {
        status: 'ACTIVE',
        activatedById: person,
        activatedAt: new Date(),
      });
      if (!after) throw new StaleVersionError(label(before), expectedVersion, null);
      await this.audit.record(tx, actor, {
        action: 'policy_version.activate',
        entityType: 'PolicyVersion',
        entityId: id,
        before: { ...before, supersedes: previous?.number ?? 0 },
        after,
      });
      return after;
    });
    this.hooks.policyInputsChanged();
    return activated;
  }

  discard(id: string, expectedVersion: number, actor: Actor): Promise<PolicyVersionRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.requireDraft(tx, id, expectedVersion);
      const after = await this.policies.updateVersion(tx, id, expectedVersion, { status: 'DISCARDED' });
      if (!after) throw new StaleVersionError(label(before), expectedVersion, null);
      await this.audit.record(tx, actor, {
        action: 'policy_version.discard',
        entityType: 'PolicyVersion',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  private async requireDraft(tx: Prisma.TransactionClient, id: string, expectedVersion: number): Promise<PolicyVersionRow> {
    const row = await this.policies.findVersion(tx, id);
    if (!row) throw new NotFoundError('Policy version', id);
    if (row.version !== expectedVersion) throw new StaleVersionError(label(row), expectedVersion, row.version);
    if (row.status !== 'DRAFT') {
      throw new IllegalTransitionError(
        `${label(row)} is ${row.status.toLowerCase()}: only drafts can be edited, activated or discarded.`,
      );
    }
    return row;
  }
}

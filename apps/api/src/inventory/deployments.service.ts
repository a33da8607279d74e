import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  ForbiddenError,
  PolicyDeniedError,
  ValidationError,
  type FieldError,
} from '@modelgate/domain/errors';
import type { CreateDeploymentInput, RetireInput, UpdateDeploymentInput } from '@modelgate/domain/inventory';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { PolicyDecisionService } from '../policies/policy-decision.service.js';
import { auditView, requireVersion, updated } from './inventory-guards.js';
import { toDeployment } from './inventory.mappers.js';
import { InventoryRepository } from './inventory.repository.js';
import type { DeploymentRow } from './inventory.selects.js';

type WriteAction = 'create' | 'update' | 'delete';

@Injectable()
export class DeploymentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inventory: InventoryRepository,
    private readonly audit: AuditService,
    private readonly gate: PolicyDecisionService,
    private readonly hooks: ChangeHooks,
  ) {}

  async create(input: CreateDeploymentInput, actor: Actor): Promise<DeploymentRow> {
    const created = await this.prisma.$transaction(async (tx) => {
      await this.assertMayWrite(tx, actor, 'create', input.teamId);
      await this.assertReferences(tx, input);
      await this.assertPolicyAllows(input, actor);
      const { principal } = actor;
      const created = await this.inventory.createDeployment(tx, {
        ...input,
        status: 'ACTIVE',
        registeredVia: actor.channel,
        registeredById: principal.kind === 'user' ? principal.userId : principal.kind === 'token' ? principal.userId : null,
        registeredByTokenId: principal.kind === 'token' ? principal.tokenId : null,
      });
      await this.audit.record(tx, actor, {
        action: 'deployment.create',
        entityType: 'Deployment',
        entityId: created.id,
        after: auditView(toDeployment(created)),
      });
      return created;
    });
    this.hooks.policyInputsChanged();
    return created;
  }

  async update(input: UpdateDeploymentInput, actor: Actor): Promise<DeploymentRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion, ...fields } = input;
      const before = requireVersion(await this.inventory.findDeployment(tx, id), 'Deployment', id, expectedVersion);
      await this.assertMayWrite(tx, actor, 'update', before.teamId);
      if (fields.teamId !== before.teamId) await this.assertMayWrite(tx, actor, 'update', fields.teamId);
      if (before.status === 'RETIRED') throw new DomainError(ErrorCode.Conflict, 'A retired deployment cannot be changed.');
      await this.assertReferences(tx, fields, before);
      await this.assertPolicyAllows(fields, actor);
      const after = updated(
        await this.inventory.updateDeployment(tx, id, expectedVersion, fields),
        'Deployment',
        expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'deployment.update',
        entityType: 'Deployment',
        entityId: id,
        before: auditView(toDeployment(before)),
        after: auditView(toDeployment(after)),
      });
      return after;
    });
    this.hooks.policyInputsChanged();
    return result;
  }

  async retire(input: RetireInput, actor: Actor): Promise<DeploymentRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findDeployment(tx, id), 'Deployment', id, expectedVersion);
      await this.assertMayWrite(tx, actor, 'delete', before.teamId);
      if (before.status === 'RETIRED') throw new DomainError(ErrorCode.Conflict, 'This deployment is already retired.');
      const after = updated(
        await this.inventory.updateDeployment(tx, id, expectedVersion, { status: 'RETIRED', retiredAt: new Date() }),
        'Deployment',
        expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'deployment.retire',
        entityType: 'Deployment',
        entityId: id,
        before: auditView(toDeployment(before)),
        after: auditView(toDeployment(after)),
      });
      return after;
    });
    this.hooks.policyInputsChanged();
    return result;
  }

  /** Registration evaluates the policy in force: what it denies (and no exception waives) is refused with the reasons. */
  private async assertPolicyAllows(
    deployment: Pick<
      CreateDeploymentInput,
      'modelVersionId' | 'hostingTargetId' | 'teamId' | 'environment' | 'dataClassification' | 'personalData' | 'euAiActCategory'
    >,
    actor: Actor,
  ): Promise<void> {
    const result = await this.gate.decideForDeployment({ ...deployment, weightsSha256: null }, actor);
    if (result?.decision !== 'DENY') return;
    throw new PolicyDeniedError(result.reasons.filter((reason) => reason.outcome === 'DENY').map((reason) => reason.message));
  }

  /**
   * Engineers and team tokens write their own teams' deployments only; a token bound to a person acts
   * for that person's teams.
   */
  private async assertMayWrite(tx: Tx, actor: Actor, action: WriteAction, teamId: string): Promise<void> {
    const allowed = actor.ability.can(action, subject('Deployment', { teamId }));
    const { principal } = actor;
    const tokenForPerson = principal.kind === 'token' && principal.teamId === null && principal.userId !== null;
    if (allowed && tokenForPerson) {
      if (await this.inventory.mayPersonWriteTeamDeployments(tx, principal.userId!, teamId)) return;
    } else if (allowed) {
      return;
    }
    throw new ForbiddenError("You may only register and change your own teams' deployments.");
  }

  private async assertReferences(
    tx: Tx,
    input: Pick<CreateDeploymentInput, 'teamId' | 'modelVersionId' | 'hostingTargetId'>,
    before?: DeploymentRow,
  ): Promise<void> {
    const problems: FieldError[] = [];
    if (!(await this.inventory.teamExists(tx, input.teamId)))
      problems.push({ field: 'input.teamId', reason: 'must be an existing team' });
    const [version] = await this.inventory.existingVersionIds(tx, [input.modelVersionId]);
    if (!version || (version.retiredAt && before?.modelVersionId !== input.modelVersionId)) {
      problems.push({ field: 'input.modelVersionId', reason: 'must be a model version in the inventory that is not retired' });
    }
    const target = await this.inventory.findHostingTarget(tx, input.hostingTargetId);
    if (!target || (target.retiredAt && before?.hostingTargetId !== input.hostingTargetId)) {
      problems.push({ field: 'input.hostingTargetId', reason: 'must be a hosting target that is not retired' });
    }
    if (problems.length) throw new ValidationError(problems);
  }
}

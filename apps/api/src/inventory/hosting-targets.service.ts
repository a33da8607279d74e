import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ValidationError } from '@modelgate/domain/errors';
import type { CreateHostingTargetInput, RetireInput, UpdateHostingTargetInput } from '@modelgate/domain/inventory';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { auditView, requireVersion, updated } from './inventory-guards.js';
import { toHostingTarget } from './inventory.mappers.js';
import { InventoryRepository } from './inventory.repository.js';
import type { HostingTargetRow } from './inventory.selects.js';

const nameTaken = () => new ValidationError([{ field: 'input.name', reason: 'is already the name of another hosting target' }]);

@Injectable()
export class HostingTargetsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inventory: InventoryRepository,
    private readonly audit: AuditService,
  ) {}

  list(includeRetired: boolean): Promise<HostingTargetRow[]> {
    return this.inventory.findHostingTargets(includeRetired);
  }

  create(input: CreateHostingTargetInput, actor: Actor): Promise<HostingTargetRow> {
    return this.prisma.$transaction((tx) => this.createIn(tx, input, actor));
  }

  async createIn(tx: Tx, input: CreateHostingTargetInput, actor: Actor): Promise<HostingTargetRow> {
    if (await this.inventory.findHostingTargetByName(tx, input.name)) throw nameTaken();
    const created = await this.inventory.createHostingTarget(tx, input);
    await this.audit.record(tx, actor, {
      action: 'hosting_target.create',
      entityType: 'HostingTarget',
      entityId: created.id,
      after: auditView(toHostingTarget(created)),
    });
    return created;
  }

  update(input: UpdateHostingTargetInput, actor: Actor): Promise<HostingTargetRow> {
    return this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion, ...fields } = input;
      const before = requireVersion(await this.inventory.findHostingTarget(tx, id), 'Hosting target', id, expectedVersion);
      if (fields.name !== before.name && (await this.inventory.findHostingTargetByName(tx, fields.name))) throw nameTaken();
      const after = updated(
        await this.inventory.updateHostingTarget(tx, id, expectedVersion, fields),
        'Hosting target',
        expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'hosting_target.update',
        entityType: 'HostingTarget',
        entityId: id,
        before: auditView(toHostingTarget(before)),
        after: auditView(toHostingTarget(after)),
      });
      return after;
    });
  }

  retire(input: RetireInput, actor: Actor): Promise<HostingTargetRow> {
    return this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findHostingTarget(tx, id), 'Hosting target', id, expectedVersion);
      if (before.retiredAt) throw new DomainError(ErrorCode.Conflict, 'This hosting target is already retired.');
      const active = await this.inventory.countActiveDeploymentsOnTarget(tx, id);
      if (active > 0) {
        throw new ValidationError([
          { field: 'input.id', reason: `has ${active} active deployment(s); move or retire those first` },
        ]);
      }
      const after = updated(
        await this.inventory.updateHostingTarget(tx, id, expectedVersion, { retiredAt: new Date() }),
        'Hosting target',
        expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'hosting_target.retire',
        entityType: 'HostingTarget',
        entityId: id,
        before: auditView(toHostingTarget(before)),
        after: auditView(toHostingTarget(after)),
      });
      return after;
    });
  }
}

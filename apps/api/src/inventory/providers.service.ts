import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ValidationError } from '@modelgate/domain/errors';
import type { CreateProviderInput, RetireInput, UpdateProviderInput } from '@modelgate/domain/inventory';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { auditView, requireVersion, updated } from './inventory-guards.js';
import { firstFreeKey, keyFrom } from './inventory-keys.js';
import { toProvider } from './inventory.mappers.js';
import { InventoryRepository } from './inventory.repository.js';
import type { ProviderRow } from './inventory.selects.js';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inventory: InventoryRepository,
    private readonly audit: AuditService,
  ) {}

  list(includeRetired: boolean): Promise<ProviderRow[]> {
    return this.inventory.findProviders(includeRetired);
  }

  create(input: CreateProviderInput, actor: Actor): Promise<ProviderRow> {
    return this.prisma.$transaction((tx) => this.createIn(tx, input, actor, {}));
  }

  /** Also used by import and the catalog, which bring their own key, source and verification flag. */
  async createIn(
    tx: Tx,
    input: CreateProviderInput,
    actor: Actor,
    extra: { key?: string; sourceUrl?: string | null; verified?: boolean },
  ): Promise<ProviderRow> {
    if (await this.inventory.findProviderByName(tx, input.name)) {
      throw new ValidationError([{ field: 'input.name', reason: 'is already the name of another provider' }]);
    }
    const base = extra.key ?? keyFrom(input.name, 64);
    const key = firstFreeKey(base, await this.inventory.keysStartingWith(tx, 'provider', base));
    const created = await this.inventory.createProvider(tx, {
      ...input,
      key,
      sourceUrl: extra.sourceUrl ?? null,
      verified: extra.verified ?? false,
    });
    await this.audit.record(tx, actor, {
      action: 'provider.create',
      entityType: 'Provider',
      entityId: created.id,
      after: auditView(toProvider(created)),
    });
    return created;
  }

  update(input: UpdateProviderInput, actor: Actor): Promise<ProviderRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = requireVersion(await this.inventory.findProvider(tx, input.id), 'Provider', input.id, input.expectedVersion);
      const { id, expectedVersion, ...fields } = input;
      if (fields.name !== before.name && (await this.inventory.findProviderByName(tx, fields.name))) {
        throw new ValidationError([{ field: 'input.name', reason: 'is already the name of another provider' }]);
      }
      const after = updated(await this.inventory.updateProvider(tx, id, expectedVersion, fields), 'Provider', expectedVersion);
      await this.audit.record(tx, actor, {
        action: 'provider.update',
        entityType: 'Provider',
        entityId: id,
        before: auditView(toProvider(before)),
        after: auditView(toProvider(after)),
      });
      return after;
    });
  }

  retire(input: RetireInput, actor: Actor): Promise<ProviderRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = requireVersion(await this.inventory.findProvider(tx, input.id), 'Provider', input.id, input.expectedVersion);
      if (before.retiredAt) throw new DomainError(ErrorCode.Conflict, 'This provider is already retired.');
      const active = await this.inventory.countActiveVersionsOfProvider(tx, input.id);
      if (active > 0) {
        throw new ValidationError([
          { field: 'input.id', reason: `has ${active} model version(s) in the inventory; retire those first` },
        ]);
      }
      const after = updated(
        await this.inventory.updateProvider(tx, input.id, input.expectedVersion, { retiredAt: new Date() }),
        'Provider',
        input.expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'provider.retire',
        entityType: 'Provider',
        entityId: input.id,
        before: auditView(toProvider(before)),
        after: auditView(toProvider(after)),
      });
      return after;
    });
  }
}

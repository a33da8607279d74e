import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ValidationError } from '@modelgate/domain/errors';
import type { CreateLicenseCatalogEntryInput, RetireInput, UpdateLicenseCatalogEntryInput } from '@modelgate/domain/inventory';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { DerivedFactsService } from './derived-facts.service.js';
import { auditView, requireVersion, updated } from './inventory-guards.js';
import { toLicense } from './inventory.mappers.js';
import { InventoryRepository } from './inventory.repository.js';
import type { LicenseRow } from './inventory.selects.js';

type LicenseFields = Omit<CreateLicenseCatalogEntryInput, 'terms'> & {
  terms: CreateLicenseCatalogEntryInput['terms'] & { acceptableUsePolicy?: boolean };
};

const columnsOf = (input: LicenseFields) => ({
  identifier: input.licenseId,
  name: input.name,
  licenseVersion: input.version ?? '',
  url: input.url,
  textSha256: input.textSha256,
  commercialUse: input.terms.commercialUse,
  userCap: input.terms.userCap === null ? null : BigInt(input.terms.userCap),
  attributionRequired: input.terms.attributionRequired,
  attributionText: input.terms.attributionText,
  acceptableUsePolicy: input.terms.acceptableUsePolicy ?? input.terms.acceptableUsePolicyUrl !== null,
  acceptableUsePolicyUrl: input.terms.acceptableUsePolicyUrl,
  shareAlike: input.terms.shareAlike,
  researchOnly: input.terms.researchOnly,
});

const duplicate = () =>
  new ValidationError([{ field: 'input.licenseId', reason: 'is already in the catalog with this license version' }]);

/** The license catalog. A change of terms changes the obligations of every version that uses the license. */
@Injectable()
export class LicensesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inventory: InventoryRepository,
    private readonly derived: DerivedFactsService,
    private readonly audit: AuditService,
    private readonly hooks: ChangeHooks,
  ) {}

  list(includeRetired: boolean): Promise<LicenseRow[]> {
    return this.inventory.findLicenses(includeRetired);
  }

  create(input: CreateLicenseCatalogEntryInput, actor: Actor): Promise<LicenseRow> {
    return this.prisma.$transaction((tx) => this.createIn(tx, input, actor, {}, true));
  }

  async createIn(
    tx: Tx,
    input: LicenseFields,
    actor: Actor,
    extra: { sourceUrl?: string | null; verified?: boolean },
    refresh: boolean,
  ): Promise<LicenseRow> {
    if (await this.inventory.findLicenseByIdentifier(tx, input.licenseId, input.version ?? '')) throw duplicate();
    const created = await this.inventory.createLicense(tx, {
      ...columnsOf(input),
      sourceUrl: extra.sourceUrl ?? null,
      verified: extra.verified ?? false,
    });
    if (refresh) await this.derived.refresh(tx, 'all');
    await this.audit.record(tx, actor, {
      action: 'license.create',
      entityType: 'License',
      entityId: created.id,
      after: auditView(toLicense(created)),
    });
    return created;
  }

  update(input: UpdateLicenseCatalogEntryInput, actor: Actor): Promise<LicenseRow> {
    return this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findLicense(tx, id), 'License', id, expectedVersion);
      const columns = columnsOf(input);
      const clash = await this.inventory.findLicenseByIdentifier(tx, columns.identifier, columns.licenseVersion);
      if (clash && clash.id !== id) throw duplicate();
      const after = updated(await this.inventory.updateLicense(tx, id, expectedVersion, columns), 'License', expectedVersion);
      await this.derived.refresh(tx, 'all');
      const { version: _b, updatedAt: _bu, ...termsBefore } = toLicense(before);
      const { version: _a, updatedAt: _au, ...termsAfter } = toLicense(after);
      if (JSON.stringify(termsBefore) !== JSON.stringify(termsAfter)) {
        await this.hooks.licenseChanged(
          tx,
          {
            modelVersionIds: await this.inventory.versionIdsUsingLicense(tx, before.identifier),
            summary: `the terms of ${before.identifier} changed in the license catalog`,
          },
          actor,
        );
      }
      await this.audit.record(tx, actor, {
        action: 'license.update',
        entityType: 'License',
        entityId: id,
        before: auditView(toLicense(before)),
        after: auditView(toLicense(after)),
      });
      return after;
    });
  }

  /** A retired license keeps its history but no longer supplies terms: versions using it become UNKNOWN. */
  retire(input: RetireInput, actor: Actor): Promise<LicenseRow> {
    return this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findLicense(tx, id), 'License', id, expectedVersion);
      if (before.retiredAt) throw new DomainError(ErrorCode.Conflict, 'This license is already retired.');
      const after = updated(
        await this.inventory.updateLicense(tx, id, expectedVersion, { retiredAt: new Date() }),
        'License',
        expectedVersion,
      );
      await this.derived.refresh(tx, 'all');
      await this.audit.record(tx, actor, {
        action: 'license.retire',
        entityType: 'License',
        entityId: id,
        before: auditView(toLicense(before)),
        after: auditView(toLicense(after)),
      });
      return after;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ValidationError, type FieldError } from '@modelgate/domain/errors';
import {
  describeLineageError,
  hasOpenWeights,
  weightsDigestInput,
  type AttachModelWeightsInput,
  type CountryCode,
  type CreateModelVersionInput,
  type LineageRelation,
  type RetireInput,
  type UpdateModelVersionInput,
} from '@modelgate/domain/inventory';
import { createHash } from 'node:crypto';
import type { Prisma } from '@modelgate/db';
import { AuditService } from '../audit/audit.service.js';
import type { Tx } from '../audit/audit.repository.js';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ChangeHooks } from '../jobs/change-hooks.js';
import { DerivedFactsService } from './derived-facts.service.js';
import { requireVersion, updated } from './inventory-guards.js';
import { firstFreeKey, keyFrom } from './inventory-keys.js';
import { toModelVersion } from './inventory.mappers.js';
import { InventoryRepository } from './inventory.repository.js';
import type { ModelVersionWithBasesRow, WeightFileRow } from './inventory.selects.js';

type VersionFields = Omit<CreateModelVersionInput, 'developerCountry'> & { developerCountry: string };

const today = () => new Date().toISOString().slice(0, 10);

/** The columns a version's facts are stored in (derived facts and the current license are set elsewhere). */
export function modelVersionColumns(input: VersionFields) {
  return {
    providerId: input.providerId,
    familyName: input.familyName,
    versionName: input.versionName,
    developerCountry: input.developerCountry,
    supplier: input.supplier,
    distribution: input.distribution,
    sourceUrl: input.sourceUrl,
    huggingFaceRepo: input.huggingFaceRepo,
    revision: input.revision,
    weightsSha256: input.weightsSha256,
    releaseDate: input.releaseDate ? new Date(`${input.releaseDate}T00:00:00Z`) : null,
    parameterCount: input.parameterCount === null ? null : BigInt(input.parameterCount),
    modalities: input.modalities,
    contextLength: input.contextLength,
    task: input.task,
    modelCardUrl: input.modelCardUrl,
    trainingDataUrl: input.trainingDataUrl,
    intendedUse: input.intendedUse,
    limitations: input.limitations,
    declaredLicense: input.declaredLicense,
    concludedLicense: input.concludedLicense,
  } satisfies Prisma.ModelVersionUncheckedUpdateInput;
}

/** What the audit trail records of a version: its facts and bases, not the derived columns. */
export function modelVersionAuditView(row: ModelVersionWithBasesRow) {
  const {
    createdAt: _c,
    updatedAt: _u,
    obligations: _o,
    licenseClass: _l,
    effectiveOrigin: _e,
    lineageProblem: _p,
    ...facts
  } = toModelVersion(row);
  return { ...facts, bases: row.bases.map((base) => ({ modelVersionId: base.baseModelVersionId, relation: base.relation })) };
}

const weightFileAuditView = (row: WeightFileRow) => ({
  path: row.path,
  sha256: row.sha256,
  sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
});

@Injectable()
export class ModelVersionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inventory: InventoryRepository,
    private readonly derived: DerivedFactsService,
    private readonly audit: AuditService,
    private readonly hooks: ChangeHooks,
  ) {}

  create(input: CreateModelVersionInput, actor: Actor): Promise<ModelVersionWithBasesRow> {
    return this.prisma.$transaction(async (tx) => {
      const provider = await this.inventory.findProvider(tx, input.providerId);
      if (!provider || provider.retiredAt)
        throw new ValidationError([{ field: 'input.providerId', reason: 'must be a provider in the inventory' }]);
      await this.assertNameFree(tx, input.providerId, input.versionName, null);
      await this.assertBasesExist(tx, input.bases);
      const base = keyFrom(input.versionName, 128);
      const key = firstFreeKey(base, await this.inventory.keysStartingWith(tx, 'modelVersion', base));
      const fields = { ...input, developerCountry: input.developerCountry ?? provider.headquartersCountry };
      const created = await this.inventory.createModelVersion(tx, {
        ...modelVersionColumns(fields),
        key,
        lastEditedById: personBehind(actor),
      });
      await this.inventory.replaceBases(tx, created.id, input.bases);
      await this.inventory.addLicenseEntry(tx, {
        modelVersionId: created.id,
        declaredLicense: input.declaredLicense,
        concludedLicense: input.concludedLicense,
        effectiveFrom: new Date(`${input.releaseDate ?? today()}T00:00:00Z`),
        note: 'Registered',
      });
      await this.derived.refresh(tx, [created.id]);
      const after = (await this.inventory.findModelVersion(tx, created.id))!;
      await this.audit.record(tx, actor, {
        action: 'model_version.create',
        entityType: 'ModelVersion',
        entityId: created.id,
        after: modelVersionAuditView(after),
      });
      return after;
    });
  }

  async update(input: UpdateModelVersionInput, actor: Actor): Promise<ModelVersionWithBasesRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findModelVersion(tx, id), 'Model version', id, expectedVersion);
      const provider = await this.inventory.findProvider(tx, input.providerId);
      if (!provider || (provider.retiredAt && provider.id !== before.providerId)) {
        throw new ValidationError([{ field: 'input.providerId', reason: 'must be a provider in the inventory' }]);
      }
      if (input.providerId !== before.providerId || input.versionName !== before.versionName) {
        await this.assertNameFree(tx, input.providerId, input.versionName, id);
      }
      await this.assertBasesExist(tx, input.bases);
      const developerCountry = input.developerCountry ?? provider.headquartersCountry;
      const snapshot = await this.derived.snapshot(tx);
      const broken = this.derived.wouldBreakLineage(snapshot, {
        id,
        developerCountry: developerCountry as CountryCode,
        bases: input.bases,
        licenseExpression: input.concludedLicense ?? input.declaredLicense,
      });
      if (broken) throw new ValidationError([{ field: 'input.bases', reason: describeLineageError(broken) }]);

      updated(
        await this.inventory.updateModelVersion(tx, id, expectedVersion, {
          ...modelVersionColumns({ ...input, developerCountry }),
          lastEditedById: personBehind(actor),
        }),
        'Model version',
        expectedVersion,
      );
      const basesChanged =
        JSON.stringify(before.bases.map((b) => [b.baseModelVersionId, b.relation]).sort()) !==
        JSON.stringify(input.bases.map((b) => [b.modelVersionId, b.relation]).sort());
      if (basesChanged) await this.inventory.replaceBases(tx, id, input.bases);
      const licenseChanged =
        input.declaredLicense !== before.declaredLicense || input.concludedLicense !== before.concludedLicense;
      if (licenseChanged) {
        await this.inventory.addLicenseEntry(tx, {
          modelVersionId: id,
          declaredLicense: input.declaredLicense,
          concludedLicense: input.concludedLicense,
          effectiveFrom: new Date(`${input.licenseEffectiveFrom ?? today()}T00:00:00Z`),
          note: input.licenseNote,
        });
      }
      await this.derived.refresh(tx, [id]);
      if (licenseChanged) {
        const from = before.concludedLicense ?? before.declaredLicense;
        const to = input.concludedLicense ?? input.declaredLicense;
        await this.hooks.licenseChanged(
          tx,
          { modelVersionIds: [id], summary: `its license changed from ${from} to ${to}` },
          actor,
        );
      }
      const after = (await this.inventory.findModelVersion(tx, id))!;
      await this.audit.record(tx, actor, {
        action: 'model_version.update',
        entityType: 'ModelVersion',
        entityId: id,
        before: modelVersionAuditView(before),
        after: modelVersionAuditView(after),
      });
      return after;
    });
    this.hooks.policyInputsChanged();
    return result;
  }

  retire(input: RetireInput, actor: Actor): Promise<ModelVersionWithBasesRow> {
    return this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findModelVersion(tx, id), 'Model version', id, expectedVersion);
      if (before.retiredAt) throw new DomainError(ErrorCode.Conflict, 'This model version is already retired.');
      const active = await this.inventory.countActiveDeploymentsOfVersion(tx, id);
      if (active > 0) {
        throw new ValidationError([{ field: 'input.id', reason: `has ${active} active deployment(s); retire those first` }]);
      }
      const after = updated(
        await this.inventory.updateModelVersion(tx, id, expectedVersion, { retiredAt: new Date() }),
        'Model version',
        expectedVersion,
      );
      await this.audit.record(tx, actor, {
        action: 'model_version.retire',
        entityType: 'ModelVersion',
        entityId: id,
        before: modelVersionAuditView(before),
        after: modelVersionAuditView(after),
      });
      return after;
    });
  }

  /**
   * Records a weights folder's files on a version and makes their digest the version's weights checksum.
   * Approvals are bound to the checksum they were given for, so a different digest means they stop
   * covering the version until it is approved again, exactly as when the checksum is edited by hand.
   */
  async attachWeights(input: AttachModelWeightsInput, actor: Actor): Promise<ModelVersionWithBasesRow> {
    const result = await this.prisma.$transaction(async (tx) => {
      const { id, expectedVersion } = input;
      const before = requireVersion(await this.inventory.findModelVersion(tx, id), 'Model version', id, expectedVersion);
      if (before.retiredAt) throw new DomainError(ErrorCode.Conflict, 'This model version is retired.');
      if (!hasOpenWeights(before.distribution)) {
        throw new ValidationError([{ field: 'input.id', reason: 'is offered only through an API; it has no weights to attach' }]);
      }
      const filesBefore = await this.inventory.findWeightFiles(tx, id);
      const digest = weightsDigestInput(input.files);
      const weightsSha256 =
        'single' in digest ? digest.single : createHash('sha256').update(digest.manifest, 'utf8').digest('hex');
      updated(
        await this.inventory.updateModelVersion(tx, id, expectedVersion, { weightsSha256, lastEditedById: personBehind(actor) }),
        'Model version',
        expectedVersion,
      );
      await this.inventory.replaceWeightFiles(tx, id, input.files);
      const after = (await this.inventory.findModelVersion(tx, id))!;
      const filesAfter = await this.inventory.findWeightFiles(tx, id);
      await this.audit.record(tx, actor, {
        action: 'model_version.attach_weights',
        entityType: 'ModelVersion',
        entityId: id,
        before: { ...modelVersionAuditView(before), weightFiles: filesBefore.map(weightFileAuditView) },
        after: { ...modelVersionAuditView(after), weightFiles: filesAfter.map(weightFileAuditView) },
      });
      return after;
    });
    this.hooks.policyInputsChanged();
    return result;
  }

  private async assertNameFree(tx: Tx, providerId: string, versionName: string, exceptId: string | null) {
    const [clash] = await this.inventory.findModelVersionsByKeys(tx, [{ providerId, versionName }]);
    if (clash && clash.id !== exceptId) {
      throw new ValidationError([{ field: 'input.versionName', reason: 'is already registered for this provider' }]);
    }
  }

  private async assertBasesExist(tx: Tx, bases: readonly { modelVersionId: string; relation: LineageRelation }[]) {
    if (bases.length === 0) return;
    const found = new Set(
      (
        await this.inventory.existingVersionIds(
          tx,
          bases.map((b) => b.modelVersionId),
        )
      ).map((row) => row.id),
    );
    const problems: FieldError[] = bases.flatMap((base, index) =>
      found.has(base.modelVersionId)
        ? []
        : [{ field: `input.bases.${index}.modelVersionId`, reason: 'must be a model version in the inventory' }],
    );
    if (problems.length) throw new ValidationError(problems);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { describeLineageError, lineageAncestors, type CountryCode, type LineageRelation } from '@modelgate/domain/inventory';
import {
  canonicalInventoryRecord,
  inventoryRecordKey,
  parseInventoryFile,
  serializeInventory,
  type InventoryRecord,
  type RowError,
  type TransferFormat,
} from '@modelgate/domain/inventory-transfer';
import type { Prisma } from '@modelgate/db';
import { AuditService, type AuditEntry } from '../../audit/audit.service.js';
import type { Tx } from '../../audit/audit.repository.js';
import { personBehind, type Actor } from '../../common/auth/actor.js';
import { PrismaService } from '../../database/prisma.service.js';
import { ChangeHooks } from '../../jobs/change-hooks.js';
import { DerivedFactsService, type LineageSnapshot } from '../derived-facts.service.js';
import { firstFreeKey, keyFrom } from '../inventory-keys.js';
import { isoDate } from '../inventory.mappers.js';
import type { ProviderRow } from '../inventory.selects.js';
import { modelVersionColumns } from '../model-versions.service.js';
import {
  InventoryTransferRepository,
  type ImportedVersionUpdate,
  type TransferVersionRow,
} from './inventory-transfer.repository.js';
import type { InventoryExport, InventoryImportResult } from './inventory-transfer.models.js';

const today = () => new Date().toISOString().slice(0, 10);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A stored version as a file record: what export writes and what import compares against. */
export function recordFromRow(row: TransferVersionRow): InventoryRecord {
  return canonicalInventoryRecord({
    provider: {
      name: row.provider.name,
      legalEntity: row.provider.legalEntity ?? '',
      headquartersCountry: row.provider.headquartersCountry as CountryCode,
      type: row.provider.type,
      website: row.provider.website,
    },
    familyName: row.familyName,
    versionName: row.versionName,
    developerCountry: row.developerCountry as CountryCode,
    supplier: row.supplier,
    distribution: row.distribution,
    sourceUrl: row.sourceUrl,
    huggingFaceRepo: row.huggingFaceRepo,
    revision: row.revision,
    weightsSha256: row.weightsSha256,
    releaseDate: row.releaseDate ? isoDate(row.releaseDate) : null,
    parameterCount: row.parameterCount === null ? null : Number(row.parameterCount),
    modalities: row.modalities,
    contextLength: row.contextLength,
    task: row.task,
    modelCardUrl: row.modelCardUrl,
    trainingDataUrl: row.trainingDataUrl,
    intendedUse: row.intendedUse,
    limitations: row.limitations,
    declaredLicense: row.declaredLicense,
    concludedLicense: row.concludedLicense,
    bases: row.bases.map((base) => ({
      provider: base.base.provider.name,
      version: base.base.versionName,
      relation: base.relation,
    })),
    verified: row.verified,
    retired: row.retiredAt !== null,
  });
}

type PlannedVersion = {
  record: InventoryRecord;
  /** The record as stored and as imported, in canonical form: what is compared and audited. */
  stored: InventoryRecord | null;
  imported: InventoryRecord;
  row: number;
  id: string;
  /** The key of a version the import creates. */
  key: string | null;
  existing: TransferVersionRow | null;
  change: 'create' | 'update' | 'none';
  baseIds: { modelVersionId: string; relation: LineageRelation }[];
};

type Plan = {
  errors: RowError[];
  newProviders: (Prisma.ProviderCreateManyInput & { id: string })[];
  changedProviders: { before: ProviderRow; after: InventoryRecord['provider'] }[];
  providerIdByName: Map<string, string>;
  versions: PlannedVersion[];
  /** The stored lineage with the import's versions in it, when the import changes any version. */
  lineage: LineageSnapshot | null;
};

/** A cycle the file would create, reported on each row that takes part in it. */
function lineageErrors(lineage: LineageSnapshot, changing: readonly PlannedVersion[], column: string): RowError[] {
  const errors: RowError[] = [];
  for (const version of changing) {
    const result = lineageAncestors(version.id, lineage.graph);
    if (!result.ok) errors.push({ row: version.row, column, reason: describeLineageError(result.error) });
  }
  return errors;
}

export type ImportOptions = {
  /** Catalog loads: keys, sources and verification flags that files do not carry. */
  keys?: ReadonlyMap<
    string,
    { versionKey?: string; providerKey?: string; providerSourceUrl?: string; providerVerified?: boolean }
  >;
};

/** Bulk import and export of the inventory in the documented file format (docs/inventory-import.md). */
const CHANGED_BY_IMPORT = 'Changed by import';

@Injectable()
export class InventoryTransferService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transfer: InventoryTransferRepository,
    private readonly derived: DerivedFactsService,
    private readonly audit: AuditService,
    private readonly hooks: ChangeHooks,
  ) {}

  async export(format: TransferFormat): Promise<InventoryExport> {
    const records = (await this.transfer.findAllVersions()).map(recordFromRow);
    return {
      format,
      fileName: `modelgate-inventory-${today()}.${format.toLowerCase()}`,
      rowCount: records.length,
      content: serializeInventory(records, format),
    };
  }

  async import(content: string, format: TransferFormat, dryRun: boolean, actor: Actor): Promise<InventoryImportResult> {
    const parsed = parseInventoryFile(content, format);
    const result: InventoryImportResult = {
      dryRun,
      ok: false,
      rowCount: parsed.rowCount,
      created: 0,
      updated: 0,
      unchanged: 0,
      providersCreated: 0,
      providersUpdated: 0,
      errors: parsed.errors,
    };
    if (parsed.errors.length) return result;
    // With no errors every row became a record, in file order.
    const rowOf = (index: number) => (format === 'CSV' ? index + 2 : index + 1);
    const imported = await this.prisma.$transaction(
      async (tx) => {
        const plan = await this.plan(tx, parsed.records, rowOf, actor, format);
        if (plan.errors.length) return { ...result, errors: plan.errors };
        const counted = {
          ...result,
          ok: true,
          created: plan.versions.filter((v) => v.change === 'create').length,
          updated: plan.versions.filter((v) => v.change === 'update').length,
          unchanged: plan.versions.filter((v) => v.change === 'none').length,
          providersCreated: plan.newProviders.length,
          providersUpdated: plan.changedProviders.length,
        };
        if (!dryRun) await this.apply(tx, plan, actor, counted);
        return counted;
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
    if (imported.ok && !dryRun && imported.created + imported.updated > 0) this.hooks.policyInputsChanged();
    return imported;
  }

  /** Loads catalog records the same way, as the system; used by the demo seed. */
  importRecords(tx: Tx, records: InventoryRecord[], actor: Actor, options: ImportOptions): Promise<Plan> {
    return this.plan(tx, records, (index) => index + 1, actor, 'JSON', options).then(async (plan) => {
      if (plan.errors.length) return plan;
      await this.apply(tx, plan, actor, null, options);
      return plan;
    });
  }

  private async plan(
    tx: Tx,
    records: InventoryRecord[],
    rowOf: (index: number) => number,
    actor: Actor,
    format: TransferFormat,
    options: ImportOptions = {},
  ): Promise<Plan> {
    const errors: RowError[] = [];
    const basesColumn = (index: number) => (format === 'CSV' ? 'bases' : `bases[${index}]`);
    const providerNames = [...new Set(records.map((r) => r.provider.name))];
    const providers = new Map((await this.transfer.findProvidersByNames(tx, providerNames)).map((p) => [p.name, p]));
    const providerKeys = new Set(await this.transfer.findProviderKeys(tx));
    const newProviders: Plan['newProviders'] = [];
    const changedProviders: Plan['changedProviders'] = [];
    const providerIdByName = new Map<string, string>();
    for (const record of records) {
      const wanted = record.provider;
      if (providerIdByName.has(wanted.name)) continue;
      const existing = providers.get(wanted.name);
      if (existing) {
        providerIdByName.set(wanted.name, existing.id);
        const stored = {
          legalEntity: existing.legalEntity ?? '',
          headquartersCountry: existing.headquartersCountry,
          type: existing.type,
          website: existing.website,
        };
        const incoming = {
          legalEntity: wanted.legalEntity,
          headquartersCountry: wanted.headquartersCountry,
          type: wanted.type,
          website: wanted.website,
        };
        if (!sameJson(stored, incoming)) changedProviders.push({ before: existing, after: wanted });
        continue;
      }
      const hints = options.keys?.get(wanted.name);
      const key = firstFreeKey(hints?.providerKey ?? keyFrom(wanted.name, 64), providerKeys);
      providerKeys.add(key);
      const id = randomUUID();
      providerIdByName.set(wanted.name, id);
      newProviders.push({
        id,
        key,
        name: wanted.name,
        legalEntity: wanted.legalEntity,
        headquartersCountry: wanted.headquartersCountry,
        type: wanted.type,
        website: wanted.website,
        sourceUrl: hints?.providerSourceUrl ?? null,
        verified: hints?.providerVerified ?? false,
      });
    }

    // Versions named in the file, and bases the file names but does not contain.
    const inFile = new Set(records.map((r) => inventoryRecordKey(r)));
    const outside = records.flatMap((r) => r.bases).filter((base) => !inFile.has(inventoryRecordKey(base)));
    const stored = await this.transfer.findVersionsNamed(
      tx,
      [...new Set([...providerNames, ...outside.map((b) => b.provider)])],
      [...new Set([...records.map((r) => r.versionName), ...outside.map((b) => b.version)])],
    );
    const storedByKey = new Map(stored.map((row) => [`${row.provider.name}/${row.versionName}`, row]));
    const keyBaseOf = (record: InventoryRecord) =>
      options.keys?.get(inventoryRecordKey(record))?.versionKey ?? keyFrom(record.versionName, 128);
    const creating = records.filter((record) => !storedByKey.has(inventoryRecordKey(record)));
    const versionKeys = new Set(await this.transfer.findModelVersionKeysFrom(tx, [...new Set(creating.map(keyBaseOf))]));

    const versions: PlannedVersion[] = records.map((record, index) => {
      const existing = storedByKey.get(inventoryRecordKey(record)) ?? null;
      const imported = canonicalInventoryRecord(record);
      if (!existing) {
        const key = firstFreeKey(keyBaseOf(record), versionKeys);
        versionKeys.add(key);
        return {
          record,
          stored: null,
          imported,
          row: rowOf(index),
          id: randomUUID(),
          key,
          existing,
          change: 'create',
          baseIds: [],
        };
      }
      const storedRecord = recordFromRow(existing);
      const change = sameJson(storedRecord, imported) ? 'none' : 'update';
      return {
        record,
        stored: storedRecord,
        imported,
        row: rowOf(index),
        id: existing.id,
        key: null,
        existing,
        change,
        baseIds: [],
      };
    });
    const idByKey = new Map(versions.map((v) => [inventoryRecordKey(v.record), v.id]));
    for (const [key, row] of storedByKey) if (!idByKey.has(key)) idByKey.set(key, row.id);

    const mayRetire = actor.ability.can('delete', 'Model');
    const retiring = versions.filter((v) => v.record.retired && !v.existing?.retiredAt && v.existing);
    const activeDeployments = new Map(
      (
        await this.transfer.countActiveDeployments(
          tx,
          retiring.map((v) => v.id),
        )
      ).map((g) => [g.modelVersionId, g._count._all]),
    );
    for (const version of versions) {
      version.record.bases.forEach((base, index) => {
        const id = idByKey.get(inventoryRecordKey(base));
        if (id) version.baseIds.push({ modelVersionId: id, relation: base.relation });
        else
          errors.push({
            row: version.row,
            column: basesColumn(index),
            reason: `names "${inventoryRecordKey(base)}", which is neither in the file nor in the inventory`,
          });
      });
      if (version.record.retired && !version.existing?.retiredAt) {
        if (!mayRetire)
          errors.push({ row: version.row, column: 'retired', reason: 'only compliance officers may retire model versions' });
        const active = activeDeployments.get(version.id) ?? 0;
        if (active > 0)
          errors.push({ row: version.row, column: 'retired', reason: `has ${active} active deployment(s); retire those first` });
      }
    }
    const changing = versions.filter((v) => v.change !== 'none');
    const lineage = errors.length === 0 && changing.length > 0 ? await this.lineageAfter(tx, changing) : null;
    if (lineage) errors.push(...lineageErrors(lineage, changing, basesColumn(0).replace('[0]', '')));
    return { errors, newProviders, changedProviders, providerIdByName, versions, lineage };
  }

  /** The stored lineage as it will be once the import's versions are written. */
  private async lineageAfter(tx: Tx, changing: readonly PlannedVersion[]): Promise<LineageSnapshot> {
    const snapshot = await this.derived.snapshot(tx);
    for (const version of changing) {
      snapshot.graph.set(version.id, {
        id: version.id,
        developerCountry: version.record.developerCountry,
        bases: version.baseIds,
        licenseExpression: version.record.concludedLicense ?? version.record.declaredLicense,
      });
    }
    return snapshot;
  }

  private async apply(tx: Tx, plan: Plan, actor: Actor, summary: InventoryImportResult | null, options: ImportOptions = {}) {
    const changed = plan.versions.filter((v) => v.change !== 'none');
    // An import that changes nothing writes nothing, not even an audit event: re-running a file is free.
    if (plan.newProviders.length + plan.changedProviders.length + changed.length === 0) return;
    const now = new Date();
    const entries: AuditEntry[] = [];
    await this.transfer.createProviders(tx, plan.newProviders);
    for (const provider of plan.newProviders) {
      entries.push({ action: 'provider.create', entityType: 'Provider', entityId: provider.id, after: provider });
    }
    for (const { before, after } of plan.changedProviders) {
      const change = {
        legalEntity: after.legalEntity,
        headquartersCountry: after.headquartersCountry,
        type: after.type,
        website: after.website,
      };
      await this.transfer.updateProvider(tx, before.id, change);
      entries.push({
        action: 'provider.update',
        entityType: 'Provider',
        entityId: before.id,
        before: {
          name: before.name,
          legalEntity: before.legalEntity,
          headquartersCountry: before.headquartersCountry,
          type: before.type,
          website: before.website,
        },
        after: { name: before.name, ...change },
      });
    }

    // Derived in memory from the lineage the plan checked (present whenever a version changes), so each version
    // is written once, its facts included.
    const changedIds = changed.map((v) => v.id);
    const derived = new Map(
      (changedIds.length ? this.derived.derive(plan.lineage!, changedIds) : []).map((facts) => [facts.id, facts]),
    );
    const derivedColumns = (id: string) => {
      const { id: _id, ...facts } = derived.get(id)!;
      derived.delete(id);
      return { ...facts, obligations: facts.obligations as Prisma.InputJsonValue };
    };
    const lastEditedById = personBehind(actor);
    const created: Prisma.ModelVersionCreateManyInput[] = [];
    const updated: ImportedVersionUpdate[] = [];
    const licenseEntries: Prisma.ModelVersionLicenseCreateManyInput[] = [];
    const rebased: PlannedVersion[] = [];
    for (const version of changed) {
      const { record, imported, stored } = version;
      const columns = {
        ...modelVersionColumns({
          ...record,
          providerId: plan.providerIdByName.get(record.provider.name)!,
          bases: version.baseIds,
        }),
        lastEditedById,
        verified: record.verified,
        ...derivedColumns(version.id),
      };
      if (!stored || !sameJson(stored.bases, imported.bases)) rebased.push(version);
      if (version.change === 'create') {
        created.push({ ...columns, id: version.id, key: version.key!, retiredAt: record.retired ? now : null });
        licenseEntries.push({
          modelVersionId: version.id,
          declaredLicense: record.declaredLicense,
          concludedLicense: record.concludedLicense,
          effectiveFrom: new Date(`${record.releaseDate ?? today()}T00:00:00Z`),
          note: options.keys ? 'Loaded from the Modelgate catalog' : 'Imported',
        });
        entries.push({ action: 'model_version.create', entityType: 'ModelVersion', entityId: version.id, after: imported });
      } else {
        const before = version.existing!;
        const retiredAt = record.retired ? (before.retiredAt ?? now) : null;
        updated.push({ ...columns, id: version.id, retiredAt, updatedAt: now });
        if (before.declaredLicense !== record.declaredLicense || before.concludedLicense !== record.concludedLicense) {
          licenseEntries.push({
            modelVersionId: version.id,
            declaredLicense: record.declaredLicense,
            concludedLicense: record.concludedLicense,
            effectiveFrom: new Date(`${today()}T00:00:00Z`),
            note: CHANGED_BY_IMPORT,
          });
        }
        entries.push({
          action: 'model_version.update',
          entityType: 'ModelVersion',
          entityId: version.id,
          before: stored,
          after: imported,
        });
      }
    }
    await this.transfer.createVersions(tx, created);
    await this.transfer.updateVersions(tx, updated);
    // Versions the import leaves as they are, but whose lineage runs through one it changed.
    await this.derived.write(tx, [...derived.values()]);
    await this.transfer.replaceBases(
      tx,
      rebased.filter((v) => v.existing).map((v) => v.id),
      rebased.flatMap((v) =>
        v.baseIds.map((base) => ({ modelVersionId: v.id, baseModelVersionId: base.modelVersionId, relation: base.relation })),
      ),
    );
    await this.transfer.addLicenseEntries(tx, licenseEntries);
    const relicensed = licenseEntries.filter((entry) => entry.note === CHANGED_BY_IMPORT).map((entry) => entry.modelVersionId);
    await this.hooks.licenseChanged(
      tx,
      { modelVersionIds: relicensed, summary: 'its license changed in an inventory import' },
      actor,
    );
    if (summary) {
      const { errors: _errors, ...counts } = summary;
      entries.push({ action: 'inventory.import', entityType: 'Inventory', after: counts });
    }
    await this.audit.recordMany(tx, actor, entries);
  }
}

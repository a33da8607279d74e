import { z } from 'zod';
import { countryCodeSchema } from '../inventory/countries.js';
import { hasOpenWeights, lineageRelationSchema, Modality } from '../inventory/enums.js';
import { createProviderInputSchema, modelVersionFieldsSchema } from '../inventory/schemas.js';

/** The same rules as the API: provider names cannot contain "/" or ";", version names cannot contain ";". */
const providerNameSchema = createProviderInputSchema.shape.name;
const versionNameSchema = modelVersionFieldsSchema.shape.versionName;

/** A base model named by provider and version, since ids differ between installations. */
export const inventoryBaseSchema = z.object({
  provider: providerNameSchema,
  version: versionNameSchema,
  relation: lineageRelationSchema,
});
export type InventoryBase = z.output<typeof inventoryBaseSchema>;

const flag = z.boolean({ error: 'must be true or false' }).default(false);

const inventoryRecordFields = modelVersionFieldsSchema.omit({ providerId: true, bases: true }).extend({
  provider: createProviderInputSchema,
  /** Optional in the API (it falls back to the provider's country) but required in files. */
  developerCountry: countryCodeSchema,
  bases: z
    .array(inventoryBaseSchema, { error: 'must be a list' })
    .max(20, 'must list at most 20 base models')
    .refine((list) => new Set(list.map((base) => baseKey(base))).size === list.length, 'must not list the same base model twice')
    .default([]),
  verified: flag,
  retired: flag,
});

type InventoryRecordFields = z.output<typeof inventoryRecordFields>;

function baseKey(base: { provider: unknown; version: unknown }): string {
  return `${String(base.provider)}/${String(base.version)}`;
}

// The same cross-field rules as the API's model version inputs, plus the file's own self-reference check.
function checkRecord(record: InventoryRecordFields, ctx: z.RefinementCtx): void {
  if (!hasOpenWeights(record.distribution) && record.weightsSha256 !== null) {
    ctx.addIssue({ code: 'custom', path: ['weightsSha256'], message: 'must be empty for a model offered only through an API' });
  }
  record.bases.forEach((base, index) => {
    if (base.provider === record.provider.name && base.version === record.versionName) {
      ctx.addIssue({ code: 'custom', path: ['bases', index], message: 'must not be the model version itself' });
    }
  });
}

const checkedFields = ['provider', 'versionName', 'distribution', 'weightsSha256', 'bases'];

/** One model version with its provider, as held in an import or export file. */
export const inventoryRecordSchema = inventoryRecordFields.superRefine(checkRecord, {
  // Runs when the fields it reads are valid, even if others are not, so every problem shows at once.
  when: (payload) =>
    payload.issues.every(
      (issue) => issue.path !== undefined && issue.path.length > 0 && !checkedFields.includes(String(issue.path[0])),
    ),
});
export type InventoryRecord = z.output<typeof inventoryRecordSchema>;

/** Enough of a record to identify it, for the in-file duplicate check. */
export const inventoryRecordKeySchema = z.object({
  provider: z.object({ name: providerNameSchema }),
  versionName: versionNameSchema,
});

/**
 * The upsert key: provider name and version name, trimmed and case-sensitive. Written `provider/version`,
 * which is unambiguous because provider names cannot contain "/".
 */
export function inventoryRecordKey(
  record: { provider: { name: string }; versionName: string } | { provider: string; version: string },
): string {
  if ('version' in record) return `${record.provider.trim()}/${record.version.trim()}`;
  return `${record.provider.name.trim()}/${record.versionName.trim()}`;
}

/** Compares by UTF-16 code units, so the order does not depend on the runtime's locale. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function compareBases(a: InventoryBase, b: InventoryBase): number {
  return compareText(a.provider, b.provider) || compareText(a.version, b.version) || compareText(a.relation, b.relation);
}

export function compareInventoryRecords(a: InventoryRecord, b: InventoryRecord): number {
  return compareText(a.provider.name, b.provider.name) || compareText(a.versionName, b.versionName);
}

const modalityOrder: readonly string[] = Object.values(Modality);

/**
 * The record with its keys in file order, its bases sorted by provider then version and its modalities in
 * enum order, so that equal records serialize to equal text.
 */
export function canonicalInventoryRecord(record: InventoryRecord): InventoryRecord {
  const { provider } = record;
  return {
    provider: {
      name: provider.name,
      legalEntity: provider.legalEntity,
      headquartersCountry: provider.headquartersCountry,
      type: provider.type,
      website: provider.website,
    },
    familyName: record.familyName,
    versionName: record.versionName,
    developerCountry: record.developerCountry,
    supplier: record.supplier,
    distribution: record.distribution,
    sourceUrl: record.sourceUrl,
    huggingFaceRepo: record.huggingFaceRepo,
    revision: record.revision,
    weightsSha256: record.weightsSha256,
    releaseDate: record.releaseDate,
    parameterCount: record.parameterCount,
    modalities: [...record.modalities].sort((a, b) => modalityOrder.indexOf(a) - modalityOrder.indexOf(b)),
    contextLength: record.contextLength,
    task: record.task,
    modelCardUrl: record.modelCardUrl,
    trainingDataUrl: record.trainingDataUrl,
    intendedUse: record.intendedUse,
    limitations: record.limitations,
    declaredLicense: record.declaredLicense,
    concludedLicense: record.concludedLicense,
    bases: [...record.bases]
      .sort(compareBases)
      .map((base) => ({ provider: base.provider, version: base.version, relation: base.relation })),
    verified: record.verified,
    retired: record.retired,
  };
}

/** Canonical records sorted by provider name, then version name: the order of every export. */
export function sortedInventoryRecords(records: readonly InventoryRecord[]): InventoryRecord[] {
  return records.map(canonicalInventoryRecord).sort(compareInventoryRecords);
}

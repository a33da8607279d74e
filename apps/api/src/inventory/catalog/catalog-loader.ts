import { Injectable } from '@nestjs/common';
import { loadCatalog, type Catalog } from '@modelgate/catalog';
import type { CountryCode } from '@modelgate/domain/inventory';
import type { InventoryRecord } from '@modelgate/domain/inventory-transfer';
import { AuditService, type AuditEntry } from '../../audit/audit.service.js';
import type { Tx } from '../../audit/audit.repository.js';
import type { Actor } from '../../common/auth/actor.js';
import { DerivedFactsService } from '../derived-facts.service.js';
import { toLicense } from '../inventory.mappers.js';
import { InventoryRepository } from '../inventory.repository.js';
import { InventoryTransferService, type ImportOptions } from '../transfer/inventory-transfer.service.js';

/** Catalog release dates may be a month only (YYYY-MM); those stay unknown rather than guessed. */
const exactDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/** The catalog's model versions as import records, with the keys and sources the file format does not carry. */
export function catalogRecords(catalog: Catalog): { records: InventoryRecord[]; options: ImportOptions } {
  const providers = new Map(catalog.providers.map((provider) => [provider.key, provider]));
  const versions = new Map(catalog.modelVersions.map((version) => [version.key, version]));
  const keys = new Map<string, NonNullable<ImportOptions['keys']> extends ReadonlyMap<string, infer V> ? V : never>();
  const records = catalog.modelVersions.map((version): InventoryRecord => {
    const provider = providers.get(version.provider)!;
    keys.set(`${provider.name}/${version.versionName}`, { versionKey: version.key });
    keys.set(provider.name, {
      providerKey: provider.key,
      providerSourceUrl: provider.sourceUrl,
      providerVerified: provider.verified,
    });
    return {
      provider: {
        name: provider.name,
        legalEntity: provider.legalEntity,
        headquartersCountry: provider.headquartersCountry as CountryCode,
        type: provider.type,
        website: provider.website,
      },
      familyName: version.familyName,
      versionName: version.versionName,
      developerCountry: version.developerCountry as CountryCode,
      supplier: version.supplier,
      distribution: version.distribution,
      sourceUrl: version.sourceUrl,
      huggingFaceRepo: version.huggingFaceRepo,
      revision: null,
      weightsSha256: null,
      releaseDate: exactDate(version.releaseDate),
      parameterCount: version.parameterCount,
      modalities: version.modalities,
      contextLength: version.contextLength,
      task: version.task,
      modelCardUrl: version.huggingFaceRepo ? `https://huggingface.co/${version.huggingFaceRepo}` : null,
      trainingDataUrl: null,
      intendedUse: null,
      limitations: null,
      declaredLicense: version.declaredLicense,
      concludedLicense: null,
      bases: version.bases.map((base) => {
        const target = versions.get(base.key)!;
        return { provider: providers.get(target.provider)!.name, version: target.versionName, relation: base.relation };
      }),
      verified: version.verified,
      retired: false,
    };
  });
  return { records, options: { keys } };
}

/**
 * Loads the shipped catalog (packages/catalog) into an empty inventory: licenses with their terms, then
 * providers and model versions through the import path, all audited as the given actor.
 */
@Injectable()
export class CatalogLoader {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly transfer: InventoryTransferService,
    private readonly derived: DerivedFactsService,
    private readonly audit: AuditService,
  ) {}

  async load(tx: Tx, actor: Actor, catalog: Catalog = loadCatalog()): Promise<{ licenses: number; modelVersions: number }> {
    const entries: AuditEntry[] = [];
    for (const license of catalog.licenses) {
      const created = await this.inventory.createLicense(tx, {
        identifier: license.id,
        name: license.name,
        licenseVersion: '',
        url: license.url,
        // The catalog records no text digest: the texts were not fetched when it was compiled.
        textSha256: null,
        commercialUse: license.terms.commercialUse,
        userCap: license.terms.userCap === null ? null : BigInt(license.terms.userCap),
        attributionRequired: license.terms.attributionRequired,
        attributionText: license.terms.attributionText,
        acceptableUsePolicy: license.terms.acceptableUsePolicy,
        acceptableUsePolicyUrl: null,
        shareAlike: license.terms.shareAlike,
        researchOnly: license.terms.researchOnly,
        sourceUrl: license.sourceUrl,
        verified: license.verified,
      });
      entries.push({ action: 'license.create', entityType: 'License', entityId: created.id, after: toLicense(created) });
    }
    await this.audit.recordMany(tx, actor, entries);
    const { records, options } = catalogRecords(catalog);
    const plan = await this.transfer.importRecords(tx, records, actor, options);
    if (plan.errors.length) {
      const first = plan.errors[0]!;
      throw new Error(`The catalog does not load: record ${first.row}, ${first.column ?? 'record'}: ${first.reason}`);
    }
    await this.derived.refresh(tx, 'all');
    return { licenses: catalog.licenses.length, modelVersions: records.length };
  }
}

import { serializeInventory, type InventoryRecord } from '@modelgate/domain/inventory-transfer';
import pg from 'pg';

export const IMPORT_ROWS = 10_000;
const PROVIDERS = ['Import provider A', 'Import provider B', 'Import provider C', 'Import provider D', 'Import provider E'];

/** The records of one import round: new versions each round, so every round creates 10,000 of them. */
export function importRecords(round: string): InventoryRecord[] {
  return Array.from({ length: IMPORT_ROWS }, (_, index) => ({
    provider: {
      name: PROVIDERS[index % 5]!,
      legalEntity: `${PROVIDERS[index % 5]!} Inc.`,
      headquartersCountry: 'US',
      type: 'COMPANY',
      website: null,
    },
    familyName: `Imported family ${Math.floor(index / 50)}`,
    versionName: `${round}-model-${index}`,
    developerCountry: 'US',
    supplier: 'Hugging Face',
    distribution: 'OPEN_WEIGHTS',
    sourceUrl: `https://example.com/models/${round}/${index}`,
    huggingFaceRepo: `org/${round}-model-${index}`,
    revision: null,
    weightsSha256: null,
    releaseDate: '2025-06-15',
    parameterCount: 7_000_000_000,
    modalities: ['TEXT'],
    contextLength: 32768,
    task: 'text-generation',
    modelCardUrl: null,
    trainingDataUrl: null,
    intendedUse: `Imported row ${index}`,
    limitations: null,
    declaredLicense: 'Apache-2.0',
    concludedLicense: null,
    bases: [],
    verified: false,
    retired: false,
  }));
}

export const importCsv = (round: string): string => serializeInventory(importRecords(round), 'CSV');

/**
 * The raw counterpart of an import: the same providers and versions written in one transaction with two set-based
 * statements, without validation, lineage, derived facts, license history or audit.
 */
export async function rawImport(databaseUrl: string, records: readonly InventoryRecord[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO provider (key, name, headquarters_country, type, updated_at)
       SELECT lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g')), name, 'US', 'COMPANY', now() FROM unnest($1::text[]) AS name
       ON CONFLICT (name) DO NOTHING`,
      [[...new Set(records.map((record) => record.provider.name))]],
    );
    await client.query(
      `INSERT INTO model_version (key, provider_id, family_name, version_name, developer_country, supplier, distribution,
         source_url, hugging_face_repo, release_date, parameter_count, context_length, task, intended_use, declared_license,
         modalities, effective_origin, updated_at)
       SELECT lower(regexp_replace(r.version_name, '[^A-Za-z0-9]+', '-', 'g')), p.id, r.family_name, r.version_name, 'US',
         r.supplier, 'OPEN_WEIGHTS', r.source_url, r.hugging_face_repo, r.release_date::date, r.parameter_count, r.context_length,
         r.task, r.intended_use, r.declared_license, '{TEXT}', '{US}', now()
       FROM jsonb_to_recordset($1::jsonb) AS r(provider text, family_name text, version_name text, supplier text, source_url text,
         hugging_face_repo text, release_date text, parameter_count bigint, context_length int, task text, intended_use text,
         declared_license text)
       JOIN provider p ON p.name = r.provider`,
      [
        JSON.stringify(
          records.map((record) => ({
            provider: record.provider.name,
            family_name: record.familyName,
            version_name: record.versionName,
            supplier: record.supplier,
            source_url: record.sourceUrl,
            hugging_face_repo: record.huggingFaceRepo,
            release_date: record.releaseDate,
            parameter_count: record.parameterCount,
            context_length: record.contextLength,
            task: record.task,
            intended_use: record.intendedUse,
            declared_license: record.declaredLicense,
          })),
        ),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

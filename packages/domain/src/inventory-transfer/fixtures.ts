import { INVENTORY_CSV_COLUMNS } from './csv.js';
import type { InventoryRecord } from './record.js';

/** A valid record; tests change what they are about. */
export function inventoryRecord(overrides: Partial<InventoryRecord> = {}): InventoryRecord {
  return {
    provider: {
      name: 'Meta',
      legalEntity: 'Meta Platforms, Inc.',
      headquartersCountry: 'US',
      type: 'COMPANY',
      website: 'https://ai.meta.com',
    },
    familyName: 'Llama 3.1',
    versionName: 'Llama-3.1-8B-Instruct',
    developerCountry: 'US',
    supplier: 'Hugging Face',
    distribution: 'OPEN_WEIGHTS',
    sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
    huggingFaceRepo: 'meta-llama/Llama-3.1-8B-Instruct',
    revision: '0e9e39f249a16976918f6564b8830bc894c89659',
    weightsSha256: null,
    releaseDate: '2024-07-23',
    parameterCount: 8_030_000_000,
    modalities: ['TEXT'],
    contextLength: 131_072,
    task: 'text-generation',
    modelCardUrl: null,
    trainingDataUrl: null,
    intendedUse: 'Assistant-like chat',
    limitations: null,
    declaredLicense: 'LicenseRef-Llama-3.1',
    concludedLicense: null,
    bases: [{ provider: 'Meta', version: 'Llama-3.1-8B', relation: 'FINE_TUNE' }],
    verified: false,
    retired: false,
    ...overrides,
  };
}

/** The cells of a valid CSV row, by column name. */
export function csvCells(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    provider_name: 'Meta',
    provider_legal_entity: 'Meta Platforms Inc.',
    provider_country: 'US',
    provider_type: 'COMPANY',
    provider_website: 'https://ai.meta.com',
    family_name: 'Llama 3.1',
    version_name: 'Llama-3.1-8B-Instruct',
    developer_country: 'US',
    supplier: 'Hugging Face',
    distribution: 'OPEN_WEIGHTS',
    source_url: '',
    hugging_face_repo: 'meta-llama/Llama-3.1-8B-Instruct',
    revision: '',
    weights_sha256: '',
    release_date: '2024-07-23',
    parameter_count: '8030000000',
    modalities: 'TEXT',
    context_length: '131072',
    task: '',
    model_card_url: '',
    training_data_url: '',
    intended_use: '',
    limitations: '',
    declared_license: 'LicenseRef-Llama-3.1',
    concluded_license: '',
    bases: 'FINE_TUNE:Meta/Llama-3.1-8B',
    verified: 'false',
    retired: 'false',
    ...overrides,
  };
}

/** A CSV file with every column; cells are written as given (quote them yourself when needed). */
export function csvFile(rows: readonly Record<string, string>[], columns: readonly string[] = INVENTORY_CSV_COLUMNS): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((name) => row[name] ?? '').join(','))];
  return `${lines.join('\n')}\n`;
}

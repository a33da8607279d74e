import { writeFile } from 'node:fs/promises';

/**
 * A valid inventory import file (CSV, docs/inventory-import.md) of `rows` new model versions spread over `providers`
 * providers whose names start with `providerPrefix`; about every tenth version names an earlier one of its provider as
 * its base. Returns the provider names and how many base links the file holds.
 */
export async function writeInventoryCsv(
  file: string,
  { rows, providers, providerPrefix }: { rows: number; providers: number; providerPrefix: string },
): Promise<{ providerNames: string[]; bases: number }> {
  const providerNames = Array.from({ length: providers }, (_, i) => `${providerPrefix} ${String(i + 1).padStart(2, '0')}`);
  const lines = [
    'provider_name,provider_legal_entity,provider_country,provider_type,family_name,version_name,developer_country,' +
      'supplier,distribution,modalities,declared_license,parameter_count,bases',
  ];
  let bases = 0;
  for (let i = 0; i < rows; i++) {
    const provider = providerNames[i % providers]!;
    const base = i % 10 === 9 && i >= providers ? `FINE_TUNE:${provider}/model-${String(i - providers).padStart(5, '0')}` : '';
    if (base) bases += 1;
    lines.push(
      [
        provider,
        `"${provider}, GmbH"`,
        'DE',
        'COMPANY',
        `Family ${i % 7}`,
        `model-${String(i).padStart(5, '0')}`,
        'DE',
        'Internal registry',
        'OPEN_WEIGHTS',
        'TEXT',
        'Apache-2.0',
        String(1_000_000 + i),
        base,
      ].join(','),
    );
  }
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  return { providerNames, bases };
}

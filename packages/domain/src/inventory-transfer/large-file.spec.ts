import { describe, expect, it } from '@jest/globals';
import { csvCells } from './fixtures.js';
import { INVENTORY_CSV_COLUMNS, parseInventoryFile } from './index.js';

// Speed is measured by `npm run bench`; this proves a file of the documented size is read correctly.
describe('a 10,000-row CSV file', () => {
  it('is read completely, with errors on the right spreadsheet rows', () => {
    const providers = ['Meta', 'Mistral AI', 'Alibaba Cloud', 'Google', 'DeepSeek'];
    const lines = [INVENTORY_CSV_COLUMNS.join(',')];
    for (let index = 0; index < 10_000; index += 1) {
      const provider = providers[index % providers.length] ?? 'Meta';
      const cells = csvCells({
        provider_name: provider,
        version_name: `model-${index}`,
        intended_use: `"Row ${index}, with a comma and a ""quote"""`,
        bases: index > 0 ? `FINE_TUNE:${providers[(index - 1) % providers.length] ?? 'Meta'}/model-${index - 1}` : '',
        parameter_count: String(1_000_000 + index),
        modalities: index % 2 === 0 ? 'TEXT;CODE' : 'IMAGE',
        declared_license: index === 9_999 ? 'Apache 2' : 'Apache-2.0',
      });
      lines.push(INVENTORY_CSV_COLUMNS.map((name) => cells[name] ?? '').join(','));
    }
    const result = parseInventoryFile(`${lines.join('\r\n')}\r\n`, 'CSV');

    expect(result.rowCount).toBe(10_000);
    expect(result.records).toHaveLength(9_999);
    expect(result.records[1234]).toMatchObject({
      provider: { name: 'DeepSeek' },
      versionName: 'model-1234',
      intendedUse: 'Row 1234, with a comma and a "quote"',
      bases: [{ provider: 'Google', version: 'model-1233', relation: 'FINE_TUNE' }],
      parameterCount: 1_001_234,
      modalities: ['TEXT', 'CODE'],
    });
    expect(result.errors).toEqual([
      { row: 10_001, column: 'declared_license', reason: expect.stringContaining('"Apache" is not an SPDX license') },
    ]);
  });
});

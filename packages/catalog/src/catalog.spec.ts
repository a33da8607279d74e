import { describe, expect, it } from '@jest/globals';
import { CatalogError, findLineageCycle, loadCatalog, parseCatalog } from './load-catalog.js';
import { licenseIdsOf, type Catalog, type ModelVersion } from './schema.js';

const catalog = loadCatalog();
const versionsByKey = new Map(catalog.modelVersions.map((version) => [version.key, version]));
const providerOf = (version: ModelVersion) => catalog.providers.find((provider) => provider.key === version.provider);

/** A deep copy of the shipped catalog, for tests that break it on purpose. */
const copyOfCatalog = (): Catalog => structuredClone(catalog);

describe('the shipped catalog (data/catalog.json)', () => {
  it('validates against the schema and its references', () => {
    expect(() => parseCatalog(catalog)).not.toThrow();
  });

  it('has at least 12 providers and at least 45 model versions', () => {
    expect(catalog.providers.length).toBeGreaterThanOrEqual(12);
    expect(catalog.modelVersions.length).toBeGreaterThanOrEqual(45);
  });

  it('gives every provider, license and model version an https source URL', () => {
    const records = [...catalog.providers, ...catalog.licenses, ...catalog.modelVersions];
    for (const record of records) {
      expect(new URL(record.sourceUrl).protocol).toBe('https:');
    }
  });

  it('has no duplicate keys or license ids', () => {
    const unique = (ids: string[]) => new Set(ids).size === ids.length;
    expect(unique(catalog.providers.map((provider) => provider.key))).toBe(true);
    expect(unique(catalog.licenses.map((license) => license.id))).toBe(true);
    expect(unique(catalog.modelVersions.map((version) => version.key))).toBe(true);
  });

  it('resolves every provider key, base key and license id in a declared license', () => {
    const providerKeys = new Set(catalog.providers.map((provider) => provider.key));
    const licenseIds = new Set(catalog.licenses.map((license) => license.id));
    const unresolved = catalog.modelVersions.flatMap((version) => [
      ...(providerKeys.has(version.provider) ? [] : [`${version.key}: provider ${version.provider}`]),
      ...licenseIdsOf(version.declaredLicense)
        .filter((id) => !licenseIds.has(id))
        .map((id) => `${version.key}: license ${id}`),
      ...version.bases.filter((base) => !versionsByKey.has(base.key)).map((base) => `${version.key}: base ${base.key}`),
    ]);
    expect(unresolved).toEqual([]);
  });

  it('names a Hugging Face repository for every open-weights version and none for API-only ones', () => {
    for (const version of catalog.modelVersions) {
      if (version.distribution === 'API_ONLY') expect(version.huggingFaceRepo).toBeNull();
      else expect(version.huggingFaceRepo).toMatch(/^[^/]+\/[^/]+$/);
    }
  });

  it('explains every unverified record and marks every record with doubts as unverified', () => {
    const records = [...catalog.providers, ...catalog.licenses, ...catalog.modelVersions];
    for (const record of records) {
      expect({ record: 'key' in record ? record.key : record.id, verified: record.verified }).toEqual({
        record: 'key' in record ? record.key : record.id,
        verified: (record.unverified ?? []).length === 0,
      });
    }
  });

  it('records BLOOM as developed outside China (BigScience, France)', () => {
    const bloom = versionsByKey.get('bloom');
    expect(bloom?.familyName).toBe('BLOOM');
    expect(bloom?.developerCountry).not.toBe('CN');
    expect(bloom?.developerCountry).toBe('FR');
    expect(bloom?.declaredLicense).toBe('LicenseRef-BigScience-RAIL-1.0');
  });

  it('derives DeepSeek-R1-Distill-Llama from a Meta Llama model and a DeepSeek model', () => {
    const distills = catalog.modelVersions.filter((version) => version.versionName.startsWith('DeepSeek-R1-Distill-Llama'));
    expect(distills.length).toBeGreaterThan(0);
    for (const distill of distills) {
      const bases = distill.bases.map((base) => versionsByKey.get(base.key));
      expect(bases.some((base) => base?.provider === 'meta' && base.familyName.startsWith('Llama'))).toBe(true);
      expect(bases.some((base) => base?.provider === 'deepseek')).toBe(true);
      expect(distill.bases).toContainEqual({ key: 'deepseek-r1', relation: 'DISTILLATION' });
    }
  });

  it('has no lineage cycles', () => {
    expect(findLineageCycle(catalog)).toBeNull();
  });

  it('records a developer country equal to the provider headquarters', () => {
    const mismatches = catalog.modelVersions
      .filter((version) => providerOf(version)?.headquartersCountry !== version.developerCountry)
      .map((version) => version.key);
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['Qwen2.5', 'alibaba-qwen', 'CN'],
    ['Qwen3', 'alibaba-qwen', 'CN'],
    ['QwQ', 'alibaba-qwen', 'CN'],
    ['DeepSeek-V3', 'deepseek', 'CN'],
    ['DeepSeek-R1', 'deepseek', 'CN'],
    ['GLM-4', 'zhipu-ai', 'CN'],
    ['ChatGLM', 'zhipu-ai', 'CN'],
    ['Kimi K2', 'moonshot-ai', 'CN'],
    ['Yi', '01-ai', 'CN'],
    ['MiniMax-01', 'minimax', 'CN'],
    ['BLOOM', 'bigscience', 'FR'],
    ['Falcon', 'tii', 'AE'],
    ['Llama 3.1', 'meta', 'US'],
    ['Llama 3.3', 'meta', 'US'],
    ['Mistral 7B', 'mistral-ai', 'FR'],
    ['Mixtral', 'mistral-ai', 'FR'],
    ['Gemma 2', 'google', 'US'],
    ['Phi-3', 'microsoft', 'US'],
    ['Phi-4', 'microsoft', 'US'],
    ['OLMo', 'ai2', 'US'],
    ['Command R', 'cohere', 'CA'],
    ['GPT-4o', 'openai', 'US'],
    ['Claude 3.5', 'anthropic', 'US'],
    ['Gemini 2.5', 'google', 'US'],
  ])('includes the %s family from %s (%s)', (familyName, provider, country) => {
    const family = catalog.modelVersions.filter((version) => version.familyName === familyName);
    expect(family.length).toBeGreaterThan(0);
    for (const version of family) {
      expect(version.provider).toBe(provider);
      expect(version.developerCountry).toBe(country);
    }
  });

  it('keeps license per version: DeepSeek-V3 weights under the DeepSeek license, DeepSeek-R1 under MIT', () => {
    expect(licenseIdsOf(versionsByKey.get('deepseek-v3')?.declaredLicense ?? '')).toContain('LicenseRef-DeepSeek-Model');
    expect(versionsByKey.get('deepseek-r1')?.declaredLicense).toBe('MIT');
    expect(versionsByKey.get('qwen2.5-7b-instruct')?.declaredLicense).toBe('Apache-2.0');
    expect(versionsByKey.get('qwen2.5-72b-instruct')?.declaredLicense).toBe('LicenseRef-Qwen');
    expect(versionsByKey.get('command-r-v01')?.declaredLicense).toBe('CC-BY-NC-4.0');
  });

  it('records vendor APIs as API only', () => {
    for (const key of ['gpt-4o-2024-08-06', 'claude-3-5-sonnet-20240620', 'gemini-2.5-pro']) {
      expect(versionsByKey.get(key)?.distribution).toBe('API_ONLY');
    }
  });

  it('records the 700M monthly-active-user cap on the Llama community licenses', () => {
    const llamaLicenses = catalog.licenses.filter((license) => license.id.startsWith('LicenseRef-Llama-'));
    expect(llamaLicenses.length).toBe(4);
    for (const license of llamaLicenses) {
      expect(license.terms).toMatchObject({ commercialUse: 'CONDITIONAL', userCap: 700_000_000, acceptableUsePolicy: true });
    }
  });
});

describe('parseCatalog on invalid data', () => {
  const errorOf = (broken: unknown): CatalogError => {
    try {
      parseCatalog(broken);
    } catch (error) {
      if (error instanceof CatalogError) return error;
      throw error;
    }
    throw new Error('expected parseCatalog to throw');
  };

  it('names the record and the field of a schema violation', () => {
    const broken = copyOfCatalog();
    const [first] = broken.modelVersions;
    if (!first) throw new Error('empty catalog');
    (first as { developerCountry: string }).developerCountry = 'China';
    const error = errorOf(broken);
    expect(error.record).toBe(`modelVersions[0] "${first.key}"`);
    expect(error.field).toBe('developerCountry');
    expect(error.message).toContain(first.key);
  });

  it('names the record and the field of an unknown base', () => {
    const broken = copyOfCatalog();
    const index = broken.modelVersions.findIndex((version) => version.key === 'qwq-32b');
    broken.modelVersions[index]?.bases.push({ key: 'no-such-model', relation: 'MERGE' });
    const error = errorOf(broken);
    expect(error.record).toBe(`modelVersions[${index}] "qwq-32b"`);
    expect(error.field).toMatch(/^bases\[\d+\]\.key$/);
  });

  it('refuses a declared license that is not in the license catalog', () => {
    const broken = copyOfCatalog();
    const version = broken.modelVersions.find((candidate) => candidate.key === 'bloom');
    if (version) version.declaredLicense = 'LicenseRef-Unknown';
    expect(errorOf(broken).field).toBe('declaredLicense');
  });

  it('refuses a lineage cycle', () => {
    const broken = copyOfCatalog();
    broken.modelVersions.find((version) => version.key === 'qwen2.5-32b')?.bases.push({ key: 'qwq-32b', relation: 'MERGE' });
    expect(errorOf(broken).reason).toMatch(/lineage cycle/);
  });

  it('refuses a duplicate key', () => {
    const broken = copyOfCatalog();
    const [first] = broken.modelVersions;
    if (first) broken.modelVersions.push(structuredClone(first));
    expect(errorOf(broken).reason).toBe('duplicate');
  });
});

import { readFileSync } from 'node:fs';
import { catalogSchema, licenseIdsOf, type Catalog } from './schema.js';

/** `data/catalog.json`, resolved from this module's folder (`src/` in tests, `dist/` when built). */
export const CATALOG_FILE_URL = new URL('../data/catalog.json', import.meta.url);

export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  constructor(
    /** e.g. `modelVersions[3] "qwen2.5-7b-instruct"` */
    readonly record: string,
    /** e.g. `declaredLicense` or `bases[0].key` */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid catalog record ${record}, field "${field}": ${reason}`);
  }
}

type Section = 'providers' | 'licenses' | 'modelVersions';

function describeRecord(raw: unknown, section: string, index: number): string {
  const records = (raw as Record<string, unknown> | null)?.[section];
  const record: unknown = Array.isArray(records) ? records[index] : undefined;
  const id =
    typeof record === 'object' && record !== null
      ? ((record as Record<string, unknown>)['key'] ?? (record as Record<string, unknown>)['id'])
      : undefined;
  return typeof id === 'string' ? `${section}[${index}] "${id}"` : `${section}[${index}]`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** Validates the shape of a catalog and every reference in it; throws a {@link CatalogError} on the first problem. */
export function parseCatalog(raw: unknown): Catalog {
  const result = catalogSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const [section, index, ...rest] = issue?.path ?? [];
    if (typeof section === 'string' && typeof index === 'number') {
      throw new CatalogError(describeRecord(raw, section, index), fieldPath(rest), issue?.message ?? 'invalid');
    }
    throw new CatalogError('(catalog)', fieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const catalog = result.data;
  checkReferences(catalog);
  return catalog;
}

function checkUnique(catalog: Catalog, section: Section, idOf: (index: number) => string): void {
  const seen = new Set<string>();
  catalog[section].forEach((_, index) => {
    const id = idOf(index);
    if (seen.has(id)) throw new CatalogError(`${section}[${index}] "${id}"`, section === 'licenses' ? 'id' : 'key', 'duplicate');
    seen.add(id);
  });
}

function checkReferences(catalog: Catalog): void {
  checkUnique(catalog, 'providers', (i) => catalog.providers[i]?.key ?? '');
  checkUnique(catalog, 'licenses', (i) => catalog.licenses[i]?.id ?? '');
  checkUnique(catalog, 'modelVersions', (i) => catalog.modelVersions[i]?.key ?? '');

  const providerKeys = new Set(catalog.providers.map((provider) => provider.key));
  const licenseIds = new Set(catalog.licenses.map((license) => license.id));
  const versionKeys = new Set(catalog.modelVersions.map((version) => version.key));

  catalog.modelVersions.forEach((version, index) => {
    const record = `modelVersions[${index}] "${version.key}"`;
    if (!providerKeys.has(version.provider)) throw new CatalogError(record, 'provider', `unknown provider "${version.provider}"`);
    for (const id of licenseIdsOf(version.declaredLicense)) {
      if (!licenseIds.has(id)) throw new CatalogError(record, 'declaredLicense', `unknown license "${id}"`);
    }
    version.bases.forEach((base, baseIndex) => {
      if (!versionKeys.has(base.key))
        throw new CatalogError(record, `bases[${baseIndex}].key`, `unknown model version "${base.key}"`);
      if (base.key === version.key) throw new CatalogError(record, `bases[${baseIndex}].key`, 'a version cannot be its own base');
    });
  });

  const cycle = findLineageCycle(catalog);
  if (cycle) throw new CatalogError(`modelVersions "${cycle[0] ?? ''}"`, 'bases', `lineage cycle: ${cycle.join(' -> ')}`);
}

/** A lineage cycle as a list of keys (first repeated at the end), or null when the lineage is acyclic. */
export function findLineageCycle(catalog: Pick<Catalog, 'modelVersions'>): string[] | null {
  const basesByKey = new Map(catalog.modelVersions.map((version) => [version.key, version.bases.map((base) => base.key)]));
  const done = new Set<string>();
  const visit = (key: string, trail: string[]): string[] | null => {
    const at = trail.indexOf(key);
    if (at !== -1) return [...trail.slice(at), key];
    if (done.has(key)) return null;
    for (const base of basesByKey.get(key) ?? []) {
      const cycle = visit(base, [...trail, key]);
      if (cycle) return cycle;
    }
    done.add(key);
    return null;
  };
  for (const key of basesByKey.keys()) {
    const cycle = visit(key, []);
    if (cycle) return cycle;
  }
  return null;
}

/** Reads `data/catalog.json` from this package and returns it validated and typed. */
export function loadCatalog(fileUrl: URL = CATALOG_FILE_URL): Catalog {
  const raw: unknown = JSON.parse(readFileSync(fileUrl, 'utf8'));
  return parseCatalog(raw);
}

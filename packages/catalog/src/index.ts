export { CATALOG_FILE_URL, CatalogError, findLineageCycle, loadCatalog, parseCatalog } from './load-catalog.js';
export {
  catalogSchema,
  licenseIdsOf,
  licenseSchema,
  modelVersionSchema,
  providerSchema,
  type Catalog,
  type License,
  type LicenseTerms,
  type ModelBase,
  type ModelVersion,
  type Provider,
} from './schema.js';

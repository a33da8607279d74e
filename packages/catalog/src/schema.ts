import { z } from 'zod';

/** A stable reference key: lower-case letters, digits, dots and hyphens (e.g. `qwen2.5-7b-instruct`). */
export const catalogKeySchema = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a lower-case key (a-z, 0-9, ".", "-")');

const httpsUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** Notes on facts in a record that could not be confirmed; see docs/catalog.md. */
const unverifiedNotesSchema = z.array(z.string().min(1)).optional();

/** Explanatory remarks on a record (conventions, context); not doubts about its facts. */
const notesSchema = z.array(z.string().min(1)).optional();

export const providerTypeSchema = z.enum(['COMPANY', 'ACADEMIC', 'GOVERNMENT', 'COMMUNITY']);

/** ISO 3166-1 alpha-2 code in upper case (format only; the code list is not embedded). */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "US"');

export const providerSchema = z.strictObject({
  key: catalogKeySchema,
  name: z.string().min(1),
  legalEntity: z.string().min(1),
  headquartersCountry: countryCodeSchema,
  type: providerTypeSchema,
  website: httpsUrlSchema,
  sourceUrl: httpsUrlSchema,
  verified: z.boolean(),
  unverified: unverifiedNotesSchema,
  notes: notesSchema,
});

export const commercialUseSchema = z.enum(['ALLOWED', 'CONDITIONAL', 'PROHIBITED']);

export const licenseTermsSchema = z.strictObject({
  commercialUse: commercialUseSchema,
  userCap: z.int().positive().nullable(),
  attributionRequired: z.boolean(),
  attributionText: z.string().min(1).nullable(),
  shareAlike: z.boolean(),
  researchOnly: z.boolean(),
  acceptableUsePolicy: z.boolean(),
});

/** An SPDX short identifier or a `LicenseRef-` identifier (SPDX idstring characters). */
export const licenseIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be an SPDX id or LicenseRef- id');

export const licenseSchema = z.strictObject({
  id: licenseIdSchema,
  name: z.string().min(1),
  url: httpsUrlSchema,
  terms: licenseTermsSchema,
  sourceUrl: httpsUrlSchema,
  verified: z.boolean(),
  unverified: unverifiedNotesSchema,
  notes: notesSchema,
});

export const distributionSchema = z.enum(['OPEN_WEIGHTS', 'API_ONLY', 'BOTH']);
export const lineageRelationSchema = z.enum(['FINE_TUNE', 'ADAPTER', 'QUANTIZATION', 'MERGE', 'DISTILLATION']);
export const modalitySchema = z.enum(['TEXT', 'IMAGE', 'AUDIO', 'VIDEO']);

export const modelBaseSchema = z.strictObject({
  key: catalogKeySchema,
  relation: lineageRelationSchema,
});

/** Identifiers and operators of an SPDX license expression, e.g. `MIT AND LicenseRef-DeepSeek-Model`. */
const SPDX_EXPRESSION = /^\(?[A-Za-z0-9][A-Za-z0-9.+-]*\)?(?: (?:AND|OR|WITH) \(?[A-Za-z0-9][A-Za-z0-9.+-]*\)?)*$/;

export const modelVersionSchema = z
  .strictObject({
    key: catalogKeySchema,
    familyName: z.string().min(1),
    versionName: z.string().min(1),
    provider: catalogKeySchema,
    developerCountry: countryCodeSchema,
    supplier: z.string().min(1),
    distribution: distributionSchema,
    sourceUrl: httpsUrlSchema,
    huggingFaceRepo: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be "owner/name"')
      .nullable(),
    releaseDate: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be YYYY-MM or YYYY-MM-DD'),
    parameterCount: z.int().positive().nullable(),
    modalities: z.array(modalitySchema).min(1),
    contextLength: z.int().positive().nullable(),
    task: z.string().min(1),
    declaredLicense: z.string().regex(SPDX_EXPRESSION, 'must be an SPDX license expression'),
    bases: z.array(modelBaseSchema),
    verified: z.boolean(),
    unverified: unverifiedNotesSchema,
    notes: notesSchema,
  })
  .refine((version) => version.distribution === 'API_ONLY' || version.huggingFaceRepo !== null, {
    message: 'open-weights versions must name their Hugging Face repository',
    path: ['huggingFaceRepo'],
  });

export const catalogSchema = z.strictObject({
  formatVersion: z.literal(1),
  providers: z.array(providerSchema),
  licenses: z.array(licenseSchema),
  modelVersions: z.array(modelVersionSchema),
});

export type Provider = z.infer<typeof providerSchema>;
export type License = z.infer<typeof licenseSchema>;
export type LicenseTerms = z.infer<typeof licenseTermsSchema>;
export type ModelVersion = z.infer<typeof modelVersionSchema>;
export type ModelBase = z.infer<typeof modelBaseSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** The license identifiers named in an SPDX expression (operators and parentheses removed). */
export function licenseIdsOf(expression: string): string[] {
  return expression
    .replace(/[()]/g, ' ')
    .split(/\s+/)
    .filter((token) => token !== '' && token !== 'AND' && token !== 'OR' && token !== 'WITH');
}

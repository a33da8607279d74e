import { z } from 'zod';
import { countryCodeSchema } from './countries.js';
import {
  dataClassificationSchema,
  distributionSchema,
  environmentSchema,
  euAiActCategorySchema,
  hasOpenWeights,
  hostingModeSchema,
  lineageRelationSchema,
  modalitySchema,
  providerTypeSchema,
  trainsOnInputsSchema,
} from './enums.js';
import { licenseIdSchema, licenseTermsSchema, spdxExpressionSchema } from './licenses.js';

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);
const name = (max = 200) =>
  z
    .string({ error: required('text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));
const httpUrl = z.url({ protocol: /^https?$/, error: required('an http(s) URL') }).max(2000, 'must be at most 2000 characters');
const optionalUrl = httpUrl.nullish().transform((value) => value ?? null);
const uuid = (what: string) => z.uuid(`must be ${what} id`);

export const sha256Schema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest: 64 hexadecimal characters');

/** YYYY-MM-DD. "Not in the future" allows one day ahead, since the release day may already have begun elsewhere. */
export const releaseDateSchema = z.iso.date('must be a date written YYYY-MM-DD').refine((value) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  // A malformed date already has its own issue; do not add a second one.
  return Number.isNaN(time) || time <= Date.now() + 86_400_000;
}, 'must not be in the future');

/** Every update names the record and the version the editor saw; a stale version is a CONFLICT. */
const concurrency = {
  id: z.uuid('must be a record id'),
  expectedVersion: z
    .number({ error: 'must be the record version you edited' })
    .int('must be a whole number')
    .min(1, 'must be at least 1'),
};

/** Retiring needs no more than the record and the version the person saw. */
export const retireInputSchema = z.object(concurrency);
export type RetireInput = z.output<typeof retireInputSchema>;

/** Provider and version names appear in import files' `bases` cells as `RELATION:provider/version; ...`. */
const providerName = name().refine((value) => !/[/;]/.test(value), 'must not contain "/" or ";"');
const versionName = name().refine((value) => !value.includes(';'), 'must not contain ";"');

const providerFields = z.object({
  name: providerName,
  legalEntity: name(300),
  headquartersCountry: countryCodeSchema,
  type: providerTypeSchema,
  website: optionalUrl,
});
export const createProviderInputSchema = providerFields;
export const updateProviderInputSchema = providerFields.extend(concurrency);
export type CreateProviderInput = z.output<typeof createProviderInputSchema>;
export type UpdateProviderInput = z.output<typeof updateProviderInputSchema>;

const licenseCatalogEntryFields = z.object({
  name: name(),
  /** The license's own version, e.g. "3.1"; null for unversioned texts. */
  version: optionalText(50),
  url: httpUrl,
  textSha256: sha256Schema,
  licenseId: licenseIdSchema,
  terms: licenseTermsSchema,
});
export const createLicenseCatalogEntryInputSchema = licenseCatalogEntryFields;
export const updateLicenseCatalogEntryInputSchema = licenseCatalogEntryFields.extend(concurrency);
export type CreateLicenseCatalogEntryInput = z.output<typeof createLicenseCatalogEntryInputSchema>;
export type UpdateLicenseCatalogEntryInput = z.output<typeof updateLicenseCatalogEntryInputSchema>;

export const lineageBaseInputSchema = z.object({
  modelVersionId: uuid('a model version'),
  relation: lineageRelationSchema,
});

/** Lower-case `owner/name` of a Hugging Face repository. */
export const huggingFaceRepoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Hugging Face repository written owner/name')
  .max(300, 'must be at most 300 characters');

const optionalWholeNumber = (unit: string) =>
  z
    .number({ error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .positive('must be greater than 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .nullish()
    .transform((value) => value ?? null);

/**
 * The facts of a model version. Identity, origin, distribution, modalities and license are required;
 * the rest is often unknown at registration (a spreadsheet, a catalog entry) and may be filled in later.
 */
export const modelVersionFieldsSchema = z.object({
  familyName: name(),
  versionName,
  providerId: uuid('a provider'),
  /** Where it is obtained: Hugging Face, a cloud marketplace, the vendor API... */
  supplier: name(),
  distribution: distributionSchema,
  /** Where the developer is; when omitted, the provider's headquarters country. */
  developerCountry: countryCodeSchema.nullish().transform((value) => value ?? null),
  sourceUrl: optionalUrl,
  huggingFaceRepo: huggingFaceRepoSchema.nullish().transform((value) => value ?? null),
  /** Commit, tag or API version. */
  revision: optionalText(200),
  weightsSha256: sha256Schema.nullish().transform((value) => value ?? null),
  releaseDate: releaseDateSchema.nullish().transform((value) => value ?? null),
  parameterCount: optionalWholeNumber('parameters'),
  modalities: z
    .array(modalitySchema)
    .min(1, 'must list at least one modality')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a modality'),
  contextLength: optionalWholeNumber('tokens'),
  task: optionalText(200),
  modelCardUrl: optionalUrl,
  trainingDataUrl: optionalUrl,
  intendedUse: optionalText(10_000),
  limitations: optionalText(10_000),
  declaredLicense: spdxExpressionSchema,
  /** What a reviewer concluded after reading the license; null until someone has. */
  concludedLicense: spdxExpressionSchema.nullish().transform((value) => value ?? null),
  bases: z
    .array(lineageBaseInputSchema)
    .max(20, 'must list at most 20 base models')
    .refine(
      (list) => new Set(list.map((base) => base.modelVersionId)).size === list.length,
      'must not list the same base model twice',
    )
    .default([]),
});
const modelVersionFields = modelVersionFieldsSchema;

type ModelVersionFields = z.output<typeof modelVersionFields>;

/**
 * Runs a cross-field check as soon as the fields it reads are valid, even when other fields are not,
 * so a form shows every problem at once.
 */
function whenValid(...fields: string[]) {
  return {
    when: (payload: z.core.ParsePayload) =>
      payload.issues.every((issue) => (issue.path?.length ?? 0) > 0 && !fields.includes(String(issue.path?.[0]))),
  };
}

function checkModelVersion(input: ModelVersionFields & { id?: string }, ctx: z.RefinementCtx): void {
  // Open weights without a recorded hash are allowed (policies can require one); API-only ones cannot have one.
  if (!hasOpenWeights(input.distribution) && input.weightsSha256 !== null) {
    ctx.addIssue({ code: 'custom', path: ['weightsSha256'], message: 'must be empty for a model offered only through an API' });
  }
  input.bases.forEach((base, index) => {
    if (base.modelVersionId === input.id) {
      ctx.addIssue({ code: 'custom', path: ['bases', index, 'modelVersionId'], message: 'must not be the model version itself' });
    }
  });
}

const modelVersionCheckFields = whenValid('id', 'distribution', 'weightsSha256', 'bases');
export const createModelVersionInputSchema = modelVersionFields.superRefine(checkModelVersion, modelVersionCheckFields);
export const updateModelVersionInputSchema = modelVersionFields
  .extend({
    ...concurrency,
    /** When the license changes: the day the new terms apply (default today); the old entry stays in the history. */
    licenseEffectiveFrom: z.iso
      .date('must be a date written YYYY-MM-DD')
      .nullish()
      .transform((value) => value ?? null),
    /** Why the license entry changed, e.g. "new license text published 2025-03-01". */
    licenseNote: optionalText(1000),
  })
  .superRefine(checkModelVersion, modelVersionCheckFields);
export type CreateModelVersionInput = z.output<typeof createModelVersionInputSchema>;
export type UpdateModelVersionInput = z.output<typeof updateModelVersionInputSchema>;

const hostingTargetFields = z.object({
  /** A name people recognise, e.g. "Azure OpenAI (Sweden Central)". */
  name: name(),
  mode: hostingModeSchema,
  operator: name(),
  /** The operator's own region name, e.g. "eu-central-1"; null when not applicable. */
  region: optionalText(100),
  country: countryCodeSchema,
  /** Days the operator keeps inputs and outputs; null when not known. */
  retentionDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(0, 'must not be negative')
    .nullish()
    .transform((value) => value ?? null),
  trainsOnInputs: trainsOnInputsSchema,
  zeroDataRetention: z.boolean(),
});

type HostingTargetFields = z.output<typeof hostingTargetFields>;

function checkHostingTarget(input: HostingTargetFields, ctx: z.RefinementCtx): void {
  if (input.zeroDataRetention && input.retentionDays !== null && input.retentionDays > 0) {
    ctx.addIssue({ code: 'custom', path: ['retentionDays'], message: 'must be 0 under a zero-data-retention agreement' });
  }
}

const hostingTargetCheckFields = whenValid('retentionDays', 'zeroDataRetention');
export const createHostingTargetInputSchema = hostingTargetFields.superRefine(checkHostingTarget, hostingTargetCheckFields);
export const updateHostingTargetInputSchema = hostingTargetFields
  .extend(concurrency)
  .superRefine(checkHostingTarget, hostingTargetCheckFields);
export type CreateHostingTargetInput = z.output<typeof createHostingTargetInputSchema>;
export type UpdateHostingTargetInput = z.output<typeof updateHostingTargetInputSchema>;

const deploymentFields = z.object({
  teamId: uuid('a team'),
  application: name(),
  environment: environmentSchema,
  hostingTargetId: uuid('a hosting target'),
  modelVersionId: uuid('a model version'),
  /** The most sensitive class of data the deployment processes. */
  dataClassification: dataClassificationSchema,
  personalData: z.boolean({ error: 'must be true or false' }),
  purpose: name(2000),
  euAiActCategory: euAiActCategorySchema,
});
export const createDeploymentInputSchema = deploymentFields;
export const updateDeploymentInputSchema = deploymentFields.extend(concurrency);
export type CreateDeploymentInput = z.output<typeof createDeploymentInputSchema>;
export type UpdateDeploymentInput = z.output<typeof updateDeploymentInputSchema>;

import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import {
  createDeploymentInputSchema,
  createHostingTargetInputSchema,
  createLicenseCatalogEntryInputSchema,
  createModelVersionInputSchema,
  createProviderInputSchema,
  retireInputSchema,
  updateDeploymentInputSchema,
  updateHostingTargetInputSchema,
  updateModelVersionInputSchema,
  updateProviderInputSchema,
} from './schemas.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sha = 'ab'.repeat(32);

function fieldErrors(schema: Parameters<typeof parseOrThrow>[0], value: unknown): Record<string, string> {
  try {
    parseOrThrow(schema, value, 'input');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const fields = error.fields.map((field) => field.field);
    expect(new Set(fields).size).toBe(fields.length);
    return Object.fromEntries(error.fields.map((field) => [field.field, field.reason]));
  }
  throw new Error('expected a validation error');
}

const provider = {
  name: 'DeepSeek',
  legalEntity: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
  headquartersCountry: 'cn',
  type: 'COMPANY',
  website: 'https://www.deepseek.com',
};

const openWeightsVersion = {
  familyName: 'DeepSeek-R1',
  versionName: 'DeepSeek-R1-Distill-Llama-70B',
  providerId: id(1),
  supplier: 'Hugging Face',
  distribution: 'OPEN_WEIGHTS',
  sourceUrl: 'https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
  revision: 'b1c0b44b4369b597ad119a196caf79a9c40e141e',
  weightsSha256: sha.toUpperCase(),
  releaseDate: '2025-01-20',
  parameterCount: 70_600_000_000,
  modalities: ['TEXT'],
  contextLength: 131_072,
  task: 'text-generation',
  modelCardUrl: 'https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
  trainingDataUrl: null,
  intendedUse: 'Reasoning',
  limitations: '',
  declaredLicense: 'MIT AND LicenseRef-Llama-3.3-Community',
  concludedLicense: null,
  bases: [
    { modelVersionId: id(2), relation: 'FINE_TUNE' },
    { modelVersionId: id(3), relation: 'DISTILLATION' },
  ],
};

const apiVersion = {
  ...openWeightsVersion,
  familyName: 'GPT-4o',
  versionName: 'gpt-4o-2024-08-06',
  distribution: 'API_ONLY',
  weightsSha256: undefined,
  parameterCount: null,
  modalities: ['TEXT', 'IMAGE'],
  declaredLicense: 'LicenseRef-OpenAI-Terms',
  bases: [],
};

describe('provider input', () => {
  it('normalises the country and accepts a missing website', () => {
    const { website: _website, ...withoutWebsite } = provider;
    expect(parseOrThrow(createProviderInputSchema, withoutWebsite)).toMatchObject({ headquartersCountry: 'CN', website: null });
  });

  it('names each bad field', () => {
    expect(
      fieldErrors(createProviderInputSchema, { ...provider, name: ' ', headquartersCountry: 'China', type: 'company' }),
    ).toEqual({
      'input.name': 'must not be empty',
      'input.headquartersCountry': 'must be an ISO 3166-1 alpha-2 country code such as CN; "CHINA" is not an assigned code',
      'input.type': 'must be one of COMPANY, ACADEMIC, GOVERNMENT, COMMUNITY',
    });
    expect(fieldErrors(createProviderInputSchema, { type: 'COMPANY' })).toMatchObject({
      'input.name': 'is required',
      'input.legalEntity': 'is required',
    });
  });

  it('needs id and expected version to update', () => {
    expect(fieldErrors(updateProviderInputSchema, { ...provider, id: 'x', expectedVersion: 0 })).toEqual({
      'input.id': 'must be a record id',
      'input.expectedVersion': 'must be at least 1',
    });
    expect(parseOrThrow(updateProviderInputSchema, { ...provider, id: id(9), expectedVersion: 3 })).toMatchObject({
      id: id(9),
      expectedVersion: 3,
    });
  });
});

describe('license catalog entry input', () => {
  const entry = {
    name: 'Llama 3.1 Community License Agreement',
    version: '3.1',
    url: 'https://www.llama.com/llama3_1/license/',
    textSha256: sha,
    licenseId: 'LicenseRef-Llama-3.1-Community',
    terms: {
      commercialUse: 'CONDITIONAL',
      userCap: 700_000_000,
      attributionRequired: true,
      attributionText: 'Built with Llama',
      acceptableUsePolicyUrl: 'https://www.llama.com/llama3_1/use-policy/',
      shareAlike: false,
      researchOnly: false,
    },
  };

  it('accepts a LicenseRef entry with structured terms', () => {
    expect(parseOrThrow(createLicenseCatalogEntryInputSchema, entry)).toEqual(entry);
  });

  it('names bad hashes, ids and nested terms', () => {
    expect(
      fieldErrors(createLicenseCatalogEntryInputSchema, {
        ...entry,
        textSha256: 'abc',
        licenseId: 'Llama-3.1',
        terms: { ...entry.terms, userCap: -1, commercialUse: 'SOMETIMES' },
      }),
    ).toEqual({
      'input.textSha256': 'must be a SHA-256 digest: 64 hexadecimal characters',
      'input.licenseId': expect.stringMatching(/^must be a valid SPDX license id: "Llama-3.1" is not an SPDX license/),
      'input.terms.userCap': 'must be greater than 0',
      'input.terms.commercialUse': 'must be one of ALLOWED, CONDITIONAL, PROHIBITED',
    });
  });
});

describe('model version input', () => {
  it('accepts an open-weights version with two bases, normalising hash and empty text', () => {
    expect(parseOrThrow(createModelVersionInputSchema, openWeightsVersion)).toMatchObject({
      weightsSha256: sha,
      limitations: null,
      concludedLicense: null,
    });
  });

  it('accepts an API-only version without hash or parameter count', () => {
    expect(parseOrThrow(createModelVersionInputSchema, apiVersion)).toMatchObject({
      weightsSha256: null,
      parameterCount: null,
      bases: [],
    });
  });

  it('accepts open weights whose hash is not yet recorded, and only identity, origin and license required', () => {
    expect(
      parseOrThrow(createModelVersionInputSchema, {
        ...openWeightsVersion,
        distribution: 'BOTH',
        weightsSha256: null,
        parameterCount: null,
      }),
    ).toMatchObject({ weightsSha256: null, parameterCount: null });
    const { sourceUrl, revision, releaseDate, contextLength, task, ...minimal } = openWeightsVersion;
    void [sourceUrl, revision, releaseDate, contextLength, task];
    expect(parseOrThrow(createModelVersionInputSchema, { ...minimal, weightsSha256: null })).toMatchObject({
      sourceUrl: null,
      revision: null,
      releaseDate: null,
      contextLength: null,
      task: null,
      developerCountry: null,
    });
  });

  it('names every invalid field at once, and rejects a hash for an API-only model', () => {
    expect(
      fieldErrors(createModelVersionInputSchema, {
        ...openWeightsVersion,
        familyName: '',
        releaseDate: 'soon',
        developerCountry: 'XX',
        huggingFaceRepo: 'not a repo',
      }),
    ).toEqual({
      'input.familyName': 'must not be empty',
      'input.releaseDate': 'must be a date written YYYY-MM-DD',
      'input.developerCountry': expect.stringContaining('ISO 3166-1'),
      'input.huggingFaceRepo': 'must be a Hugging Face repository written owner/name',
    });
    expect(fieldErrors(createModelVersionInputSchema, { ...apiVersion, weightsSha256: sha })).toEqual({
      'input.weightsSha256': 'must be empty for a model offered only through an API',
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a negative parameter count', { parameterCount: -7 }, 'input.parameterCount', 'must be greater than 0'],
    ['a fractional parameter count', { parameterCount: 1.5 }, 'input.parameterCount', 'must be a whole number of parameters'],
    ['a short hash', { weightsSha256: 'deadbeef' }, 'input.weightsSha256', 'must be a SHA-256 digest: 64 hexadecimal characters'],
    ['a future release', { releaseDate: '2999-01-01' }, 'input.releaseDate', 'must not be in the future'],
    ['a non-date', { releaseDate: '20/01/2025' }, 'input.releaseDate', 'must be a date written YYYY-MM-DD'],
    ['no modality', { modalities: [] }, 'input.modalities', 'must list at least one modality'],
    [
      'an unknown modality',
      { modalities: ['SMELL'] },
      'input.modalities.0',
      'must be one of TEXT, IMAGE, AUDIO, VIDEO, CODE, EMBEDDING',
    ],
    ['a zero context length', { contextLength: 0 }, 'input.contextLength', 'must be greater than 0'],
    ['a bad source URL', { sourceUrl: 'huggingface.co/x' }, 'input.sourceUrl', 'must be an http(s) URL'],
    [
      'a bad declared license',
      { declaredLicense: 'Llama 3' },
      'input.declaredLicense',
      'must be a valid SPDX expression: "Llama" is not an SPDX license or exception id (use an id from spdx.org/licenses, or LicenseRef-<id> for other licenses)',
    ],
    [
      'a bad concluded license',
      { concludedLicense: 'MIT OR' },
      'input.concludedLicense',
      'must be a valid SPDX expression: AND, OR and WITH must each stand between two operands, and parentheses must balance',
    ],
    [
      'an unknown relation',
      { bases: [{ modelVersionId: id(2), relation: 'COPY' }] },
      'input.bases.0.relation',
      'must be one of FINE_TUNE, ADAPTER, QUANTIZATION, MERGE, DISTILLATION',
    ],
    [
      'a repeated base',
      {
        bases: [
          { modelVersionId: id(2), relation: 'MERGE' },
          { modelVersionId: id(2), relation: 'MERGE' },
        ],
      },
      'input.bases',
      'must not list the same base model twice',
    ],
    ['a missing family name', { familyName: undefined }, 'input.familyName', 'is required'],
    ['a bad provider id', { providerId: 'deepseek' }, 'input.providerId', 'must be a provider id'],
  ])('refuses %s, naming the field', (_, overrides, field, reason) => {
    expect(fieldErrors(createModelVersionInputSchema, { ...openWeightsVersion, ...overrides })).toEqual({ [field]: reason });
  });

  it('refuses a version that names itself as a base on update', () => {
    expect(
      fieldErrors(updateModelVersionInputSchema, {
        ...openWeightsVersion,
        id: id(3),
        expectedVersion: 2,
      }),
    ).toEqual({ 'input.bases.1.modelVersionId': 'must not be the model version itself' });
  });
});

describe('hosting target input', () => {
  const target = {
    name: 'Azure OpenAI (Sweden Central)',
    mode: 'VENDOR_API',
    operator: 'OpenAI',
    region: 'us',
    country: 'us',
    retentionDays: 30,
    trainsOnInputs: 'OPT_OUT',
    zeroDataRetention: false,
  };

  it('accepts a target and normalises the country', () => {
    expect(parseOrThrow(createHostingTargetInputSchema, target)).toMatchObject({ country: 'US', retentionDays: 30 });
    expect(parseOrThrow(createHostingTargetInputSchema, { ...target, retentionDays: null, region: null })).toMatchObject({
      retentionDays: null,
    });
  });

  it('names bad fields and contradictions', () => {
    expect(
      fieldErrors(createHostingTargetInputSchema, { ...target, retentionDays: -1, trainsOnInputs: 'MAYBE', mode: 'CLOUD' }),
    ).toEqual({
      'input.retentionDays': 'must not be negative',
      'input.trainsOnInputs': 'must be one of NO, OPT_OUT, YES, UNKNOWN',
      'input.mode': 'must be one of ON_PREMISES, PRIVATE_CLOUD, VENDOR_API, THIRD_PARTY_HOSTED, EDGE',
    });
    expect(fieldErrors(createHostingTargetInputSchema, { ...target, zeroDataRetention: true, operator: '' })).toEqual({
      'input.operator': 'must not be empty',
      'input.retentionDays': 'must be 0 under a zero-data-retention agreement',
    });
    expect(
      fieldErrors(updateHostingTargetInputSchema, { ...target, zeroDataRetention: true, id: id(4), expectedVersion: 1 }),
    ).toEqual({
      'input.retentionDays': 'must be 0 under a zero-data-retention agreement',
    });
  });
});

describe('deployment input', () => {
  const deployment = {
    teamId: id(5),
    application: 'Support assistant',
    environment: 'PRODUCTION',
    hostingTargetId: id(6),
    modelVersionId: id(7),
    dataClassification: 'CONFIDENTIAL',
    personalData: true,
    purpose: 'Drafts answers to customer tickets for agents to review.',
    euAiActCategory: 'TRANSPARENCY',
  };

  it('accepts a deployment and its update', () => {
    expect(parseOrThrow(createDeploymentInputSchema, deployment)).toEqual(deployment);
    expect(parseOrThrow(updateDeploymentInputSchema, { ...deployment, id: id(8), expectedVersion: 4 })).toMatchObject({
      expectedVersion: 4,
    });
  });

  it('names bad fields', () => {
    expect(
      fieldErrors(createDeploymentInputSchema, {
        ...deployment,
        environment: 'prod',
        dataClassification: 'SECRET',
        personalData: 'yes',
        teamId: undefined,
      }),
    ).toEqual({
      'input.teamId': 'must be a team id',
      'input.environment': 'must be one of DEVELOPMENT, STAGING, PRODUCTION',
      'input.dataClassification': 'must be one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED',
      'input.personalData': 'must be true or false',
    });
  });

  it('retires by id and expected version', () => {
    expect(fieldErrors(retireInputSchema, { id: id(8), expectedVersion: 1.5 })).toEqual({
      'input.expectedVersion': 'must be a whole number',
    });
  });
});

describe('inputs that are not objects', () => {
  it.each([
    ['model version', createModelVersionInputSchema],
    ['hosting target', createHostingTargetInputSchema],
  ])('a %s that is not an object is a validation error, not a crash', (_, schema) => {
    expect(schema.safeParse('x').success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });
});

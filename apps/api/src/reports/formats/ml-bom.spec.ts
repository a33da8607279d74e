import { describe, expect, it } from '@jest/globals';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { buildMlBom, type CdxComponent, type CycloneDxBom, type MlBomInput, type MlBomModelVersion } from './ml-bom.js';

const SERIAL_UUID = '3e671687-395b-41f5-a30f-a58921a69b79';
const QWEN_WEIGHTS_SHA256 = '9f2c4b6a1d3e5f7081928374655647382910abcdefabcdef0123456789abcdef';
const QWEN_REVISION = 'a09a35458c702b33eeacc393d103063234e8bc28';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/** The schema errors of a BOM, or null when it is valid CycloneDX 1.6. */
async function schemaErrorsOf(bom: unknown): Promise<unknown> {
  return validator.validate(JSON.stringify(bom));
}

const supportAssistantDeployments = (hostingTarget: string, hostingMode: string): MlBomModelVersion['deployments'] => [
  {
    application: 'support-assistant',
    team: 'Customer Care',
    environment: 'STAGING',
    hostingTarget,
    hostingMode,
    dataClassification: 'INTERNAL',
  },
  {
    application: 'support-assistant',
    team: 'Customer Care',
    environment: 'PRODUCTION',
    hostingTarget,
    hostingMode,
    dataClassification: 'CONFIDENTIAL',
  },
];

const qwenInstruct: MlBomModelVersion = {
  id: '7d1c0c9e-4f55-4f57-9a0e-0f1f3f6c2a01',
  key: 'qwen2.5-7b-instruct',
  familyName: 'Qwen2.5',
  versionName: 'Qwen2.5-7B-Instruct',
  provider: {
    name: 'Qwen (Alibaba Cloud)',
    headquartersCountry: 'CN',
    website: 'https://qwenlm.github.io',
    legalEntity: 'Alibaba Cloud (Alibaba Group)',
  },
  developerCountry: 'CN',
  effectiveOrigin: ['CN'],
  supplier: 'Hugging Face',
  distribution: 'OPEN_WEIGHTS',
  sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct',
  huggingFaceRepo: 'Qwen/Qwen2.5-7B-Instruct',
  revision: QWEN_REVISION,
  weightsSha256: QWEN_WEIGHTS_SHA256.toUpperCase(),
  releaseDate: new Date('2024-09-19T00:00:00Z'),
  parameterCount: 7_000_000_000n,
  modalities: ['TEXT'],
  contextLength: 131072,
  task: 'chat / instruction following',
  modelCardUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/README.md',
  trainingDataUrl: null,
  intendedUse: 'Answering customer questions from the help-centre articles',
  limitations: 'May state outdated product facts',
  declaredLicense: 'Apache-2.0',
  concludedLicense: 'Apache-2.0',
  licenseClass: 'PERMISSIVE',
  bases: [{ key: 'qwen2.5-7b', provider: 'Qwen (Alibaba Cloud)', versionName: 'Qwen2.5-7B', relation: 'FINE_TUNE' }],
  deployments: supportAssistantDeployments('On-prem GPU cluster', 'ON_PREMISES'),
  riskTier: 'MEDIUM',
  approvalState: 'APPROVED',
};

const gpt4o: MlBomModelVersion = {
  id: '7d1c0c9e-4f55-4f57-9a0e-0f1f3f6c2a02',
  key: 'gpt-4o-2024-08-06',
  familyName: 'GPT-4o',
  versionName: 'gpt-4o-2024-08-06',
  provider: { name: 'OpenAI', headquartersCountry: 'US', website: 'https://openai.com', legalEntity: 'OpenAI, L.L.C.' },
  developerCountry: 'US',
  effectiveOrigin: ['US'],
  supplier: 'vendor API',
  distribution: 'API_ONLY',
  sourceUrl: 'https://platform.openai.com/docs/models/gpt-4o',
  huggingFaceRepo: null,
  revision: '2024-08-06',
  weightsSha256: null,
  releaseDate: new Date('2024-08-06T00:00:00Z'),
  parameterCount: null,
  modalities: ['TEXT', 'IMAGE'],
  contextLength: 128000,
  task: 'chat / text generation',
  modelCardUrl: null,
  trainingDataUrl: null,
  intendedUse: null,
  limitations: null,
  declaredLicense: 'LicenseRef-openai-terms',
  concludedLicense: 'LicenseRef-openai-terms',
  licenseClass: 'RESTRICTED_COMMERCIAL',
  bases: [],
  deployments: supportAssistantDeployments('Azure OpenAI (EU)', 'VENDOR_API'),
  riskTier: 'HIGH',
  approvalState: 'APPROVED_WITH_CONDITIONS',
};

const NORTHWIND_LICENSE_TEXT = 'Northwind Research License v2 (see the model card)';

const northwindEmbed: MlBomModelVersion = {
  id: '7d1c0c9e-4f55-4f57-9a0e-0f1f3f6c2a03',
  key: 'northwind-embed-v2',
  familyName: 'Northwind Embed',
  versionName: 'northwind-embed-v2',
  provider: { name: 'Northwind Labs', headquartersCountry: 'DE', website: null, legalEntity: null },
  developerCountry: 'DE',
  effectiveOrigin: ['DE', 'FR'],
  supplier: 'Hugging Face',
  distribution: 'BOTH',
  sourceUrl: 'https://northwind.example/models/embed-v2',
  huggingFaceRepo: 'northwind/embed-v2',
  revision: null,
  weightsSha256: null,
  releaseDate: null,
  parameterCount: 335_000_000n,
  modalities: ['TEXT', 'EMBEDDING'],
  contextLength: null,
  task: null,
  modelCardUrl: null,
  trainingDataUrl: 'https://northwind.example/models/embed-v2/training-data',
  intendedUse: null,
  limitations: null,
  declaredLicense: NORTHWIND_LICENSE_TEXT,
  concludedLicense: null,
  licenseClass: 'UNKNOWN',
  bases: [],
  deployments: supportAssistantDeployments('EU private cloud', 'PRIVATE_CLOUD'),
  riskTier: null,
  approvalState: 'IN_REVIEW',
};

const qwenBase: MlBomModelVersion = {
  ...qwenInstruct,
  id: '7d1c0c9e-4f55-4f57-9a0e-0f1f3f6c2a04',
  key: 'qwen2.5-7b',
  versionName: 'Qwen2.5-7B',
  sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B',
  huggingFaceRepo: 'Qwen/Qwen2.5-7B',
  revision: null,
  weightsSha256: null,
  modelCardUrl: null,
  bases: [],
};

function inputWith(modelVersions: MlBomModelVersion[]): MlBomInput {
  return {
    subject: { kind: 'application', name: 'support-assistant' },
    modelVersions,
    generatedAt: new Date('2026-05-04T10:20:30.000Z'),
    serialNumber: `urn:uuid:${SERIAL_UUID}`,
    generator: { name: 'Modelgate', version: '0.1.0' },
  };
}

function componentOf(bom: CycloneDxBom, bomRef: string): CdxComponent {
  const component = bom.components.find((candidate) => candidate['bom-ref'] === bomRef);
  if (!component) throw new Error(`no component ${bomRef} in the BOM`);
  return component;
}

function propertyValues(component: CdxComponent, name: string): string[] {
  return (component.properties ?? []).filter((entry) => entry.name === name).map((entry) => entry.value);
}

describe('buildMlBom', () => {
  const bom = buildMlBom(inputWith([qwenInstruct, gpt4o, northwindEmbed]));

  it('produces a BOM the CycloneDX 1.6 strict JSON schema accepts', async () => {
    await expect(schemaErrorsOf(bom)).resolves.toBeNull();
  });

  it('has a validator that rejects a broken BOM, so the check above can fail', async () => {
    const broken = structuredClone(bom);
    componentOf(broken, 'model:qwen2.5-7b-instruct').hashes = [{ alg: 'SHA-256', content: 'not-a-checksum' }];
    const errors = await schemaErrorsOf(broken);
    expect(errors).not.toBeNull();
    expect(JSON.stringify(errors)).toContain('/hashes/0/content');
  });

  it('describes the BOM, the tool and the subject application in the metadata', () => {
    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: `urn:uuid:${SERIAL_UUID}`,
      version: 1,
    });
    expect(bom.metadata).toEqual({
      timestamp: '2026-05-04T10:20:30.000Z',
      lifecycles: [{ phase: 'operations' }],
      tools: { components: [{ type: 'application', name: 'Modelgate', version: '0.1.0' }] },
      component: {
        type: 'application',
        'bom-ref': 'application:support-assistant',
        name: 'support-assistant',
        description: 'AI models deployed for the application "support-assistant"',
        properties: [{ name: 'modelgate:subjectKind', value: 'application' }],
      },
    });
  });

  it('lists each model version once as a machine-learning-model, with a bom-ref from its key', () => {
    expect(bom.components.map((component) => [component.type, component['bom-ref'], component.name])).toEqual([
      ['machine-learning-model', 'model:gpt-4o-2024-08-06', 'gpt-4o-2024-08-06'],
      ['machine-learning-model', 'model:northwind-embed-v2', 'northwind-embed-v2'],
      ['machine-learning-model', 'model:qwen2.5-7b-instruct', 'Qwen2.5-7B-Instruct'],
    ]);
  });

  it('ties the subject to every model in the dependency graph', () => {
    expect(bom.dependencies).toEqual([
      {
        ref: 'application:support-assistant',
        dependsOn: ['model:gpt-4o-2024-08-06', 'model:northwind-embed-v2', 'model:qwen2.5-7b-instruct'],
      },
    ]);
  });

  it('gives the same BOM for the same versions in any order', () => {
    const reordered = buildMlBom(inputWith([northwindEmbed, qwenInstruct, gpt4o]));
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(bom));
  });

  describe('an open-weights fine-tune from Hugging Face', () => {
    const qwen = componentOf(bom, 'model:qwen2.5-7b-instruct');

    it('names the provider as supplier and group, and the revision as version', () => {
      expect(qwen).toMatchObject({
        supplier: { name: 'Qwen (Alibaba Cloud)', url: ['https://qwenlm.github.io'], address: { country: 'CN' } },
        group: 'Qwen (Alibaba Cloud)',
        version: QWEN_REVISION,
        description: 'A Qwen2.5 model by Qwen (Alibaba Cloud), distributed as open weights.',
      });
    });

    it('carries the weights checksum and a huggingface purl', () => {
      expect(qwen.hashes).toEqual([{ alg: 'SHA-256', content: QWEN_WEIGHTS_SHA256 }]);
      expect(qwen.purl).toBe(`pkg:huggingface/Qwen/Qwen2.5-7B-Instruct@${QWEN_REVISION}`);
    });

    it('lists the declared and the concluded license as SPDX ids', () => {
      expect(qwen.licenses).toEqual([
        { license: { id: 'Apache-2.0', acknowledgement: 'declared' } },
        { license: { id: 'Apache-2.0', acknowledgement: 'concluded' } },
      ]);
      expect(propertyValues(qwen, 'modelgate:declaredLicense')).toEqual([]);
    });

    it('links the website, the model card and the repository', () => {
      expect(qwen.externalReferences).toEqual([
        { type: 'website', url: 'https://qwenlm.github.io' },
        { type: 'model-card', url: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/README.md' },
        { type: 'distribution', url: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct', comment: 'Hugging Face repository' },
      ]);
    });

    it('records its base model inline as an ancestor, with the relation', () => {
      expect(qwen.pedigree).toEqual({
        ancestors: [
          {
            type: 'machine-learning-model',
            group: 'Qwen (Alibaba Cloud)',
            name: 'Qwen2.5-7B',
            properties: [
              { name: 'modelgate:modelVersionKey', value: 'qwen2.5-7b' },
              { name: 'modelgate:lineageRelation', value: 'FINE_TUNE' },
            ],
          },
        ],
      });
    });

    it('fills the model card from the task, modalities, intended use and limitations', () => {
      expect(qwen.modelCard).toEqual({
        modelParameters: { task: 'chat / instruction following', inputs: [{ format: 'text' }] },
        considerations: {
          useCases: ['Answering customer questions from the help-centre articles'],
          technicalLimitations: ['May state outdated product facts'],
        },
      });
    });

    it('keeps the Modelgate facts as modelgate: properties, one per deployment', () => {
      expect(qwen.properties).toEqual([
        { name: 'modelgate:modelVersionId', value: qwenInstruct.id },
        { name: 'modelgate:modelVersionKey', value: 'qwen2.5-7b-instruct' },
        { name: 'modelgate:family', value: 'Qwen2.5' },
        { name: 'modelgate:providerLegalEntity', value: 'Alibaba Cloud (Alibaba Group)' },
        { name: 'modelgate:developerCountry', value: 'CN' },
        { name: 'modelgate:effectiveOrigin', value: 'CN' },
        { name: 'modelgate:supplier', value: 'Hugging Face' },
        { name: 'modelgate:distribution', value: 'OPEN_WEIGHTS' },
        { name: 'modelgate:releaseDate', value: '2024-09-19' },
        { name: 'modelgate:parameterCount', value: '7000000000' },
        { name: 'modelgate:contextLength', value: '131072' },
        { name: 'modelgate:licenseClass', value: 'PERMISSIVE' },
        { name: 'modelgate:riskTier', value: 'MEDIUM' },
        { name: 'modelgate:approvalState', value: 'APPROVED' },
        {
          name: 'modelgate:deployment',
          value: 'support-assistant / PRODUCTION / On-prem GPU cluster (ON_PREMISES) / CONFIDENTIAL',
        },
        { name: 'modelgate:deployment', value: 'support-assistant / STAGING / On-prem GPU cluster (ON_PREMISES) / INTERNAL' },
      ]);
    });
  });

  describe('a vendor API model', () => {
    const gpt = componentOf(bom, 'model:gpt-4o-2024-08-06');

    it('has no hashes and no purl, and its API version as version', () => {
      expect(gpt.hashes).toBeUndefined();
      expect(gpt.purl).toBeUndefined();
      expect(gpt.version).toBe('2024-08-06');
      expect(gpt.externalReferences).toEqual([
        { type: 'website', url: 'https://openai.com' },
        {
          type: 'documentation',
          url: 'https://platform.openai.com/docs/models/gpt-4o',
          comment: 'Where the recorded facts can be checked',
        },
      ]);
    });

    it('lists a LicenseRef as the lone expression 1.6 allows, and keeps the declared one as a property', () => {
      expect(gpt.licenses).toEqual([{ expression: 'LicenseRef-openai-terms', acknowledgement: 'concluded' }]);
      expect(propertyValues(gpt, 'modelgate:declaredLicense')).toEqual(['LicenseRef-openai-terms']);
      expect(propertyValues(gpt, 'modelgate:licenseClass')).toEqual(['RESTRICTED_COMMERCIAL']);
      expect(propertyValues(gpt, 'modelgate:riskTier')).toEqual(['HIGH']);
      expect(propertyValues(gpt, 'modelgate:deployment')).toHaveLength(2);
    });

    it('lists a declared-only LicenseRef as a declared expression', () => {
      const declaredOnly = buildMlBom(inputWith([{ ...gpt4o, concludedLicense: null }]));
      const component = componentOf(declaredOnly, 'model:gpt-4o-2024-08-06');
      expect(component.licenses).toEqual([{ expression: 'LicenseRef-openai-terms', acknowledgement: 'declared' }]);
      expect(propertyValues(component, 'modelgate:declaredLicense')).toEqual([]);
    });

    it('needs the fallback: the schema rejects a declared and a concluded expression side by side', async () => {
      const twoExpressions = structuredClone(bom);
      componentOf(twoExpressions, 'model:gpt-4o-2024-08-06').licenses = [
        { expression: 'LicenseRef-openai-terms', acknowledgement: 'declared' },
        { expression: 'LicenseRef-openai-terms', acknowledgement: 'concluded' },
      ];
      await expect(schemaErrorsOf(twoExpressions)).resolves.not.toBeNull();
    });
  });

  describe('a model under a license that is not an SPDX expression', () => {
    const northwind = componentOf(bom, 'model:northwind-embed-v2');

    it('names the declared license and concludes none', () => {
      expect(northwind.licenses).toEqual([{ license: { name: NORTHWIND_LICENSE_TEXT, acknowledgement: 'declared' } }]);
    });

    it('has a purl without version, and the embedding as the model output', () => {
      expect(northwind.purl).toBe('pkg:huggingface/northwind/embed-v2');
      expect(northwind.version).toBeUndefined();
      expect(northwind.supplier).toEqual({ name: 'Northwind Labs', address: { country: 'DE' } });
      expect(northwind.modelCard).toEqual({
        modelParameters: { inputs: [{ format: 'text' }], outputs: [{ format: 'embedding' }] },
      });
      expect(northwind.externalReferences).toEqual([
        { type: 'distribution', url: 'https://huggingface.co/northwind/embed-v2', comment: 'Hugging Face repository' },
        {
          type: 'documentation',
          url: 'https://northwind.example/models/embed-v2',
          comment: 'Where the recorded facts can be checked',
        },
        {
          type: 'documentation',
          url: 'https://northwind.example/models/embed-v2/training-data',
          comment: 'Training data disclosure',
        },
      ]);
      expect(propertyValues(northwind, 'modelgate:effectiveOrigin')).toEqual(['DE,FR']);
      expect(propertyValues(northwind, 'modelgate:riskTier')).toEqual([]);
    });
  });

  describe('a base model that is deployed too', () => {
    const withBase = buildMlBom(inputWith([qwenInstruct, qwenBase]));

    it('is referenced from the ancestor by BOM-Link, and the BOM stays valid', async () => {
      const [ancestor] = componentOf(withBase, 'model:qwen2.5-7b-instruct').pedigree?.ancestors ?? [];
      expect(ancestor?.['bom-ref']).toBeUndefined();
      expect(ancestor?.externalReferences).toEqual([
        { type: 'bom', url: `urn:cdx:${SERIAL_UUID}/1#model%3Aqwen2.5-7b`, comment: 'The base model, listed in this BOM' },
      ]);
      expect(componentOf(withBase, 'model:qwen2.5-7b').name).toBe('Qwen2.5-7B');
      await expect(schemaErrorsOf(withBase)).resolves.toBeNull();
    });
  });

  it('describes a team subject', async () => {
    const teamBom = buildMlBom({ ...inputWith([gpt4o]), subject: { kind: 'team', name: 'Customer Care' } });
    expect(teamBom.metadata.component).toMatchObject({
      type: 'application',
      'bom-ref': 'team:Customer Care',
      name: 'Customer Care',
      properties: [{ name: 'modelgate:subjectKind', value: 'team' }],
    });
    expect(teamBom.dependencies).toEqual([{ ref: 'team:Customer Care', dependsOn: ['model:gpt-4o-2024-08-06'] }]);
    await expect(schemaErrorsOf(teamBom)).resolves.toBeNull();
  });

  it('makes a valid BOM of no models', async () => {
    const empty = buildMlBom(inputWith([]));
    expect(empty.components).toEqual([]);
    await expect(schemaErrorsOf(empty)).resolves.toBeNull();
  });

  it('refuses a serial number that is not a urn:uuid, and a version listed twice', () => {
    expect(() => buildMlBom({ ...inputWith([gpt4o]), serialNumber: 'bom-1' })).toThrow(RangeError);
    expect(() => buildMlBom(inputWith([gpt4o, gpt4o]))).toThrow('listed more than once');
  });
});

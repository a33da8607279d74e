import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_MODEL_CARD_LENGTH } from '@modelgate/discovery';
import { Role } from '@modelgate/domain/auth';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const DRAFT = `query ($input: ModelCardDraftInput!) {
  modelCardDraft(input: $input) {
    fields { familyName versionName supplier distribution huggingFaceRepo sourceUrl modelCardUrl parameterCount modalities task declaredLicense }
    providerName provider { name } cardLicense licenseLink licenseInCatalog
    bases { repo relation modelVersion { key versionName provider retired } }
    languages datasets tags notes
  }
}`;

const FINE_TUNE = `---
base_model:
- Qwen/Qwen2.5-7B-Instruct
- example/not-registered
base_model_relation: finetune
license: apache-2.0
datasets:
- HuggingFaceH4/ultrachat_200k
language:
- en
pipeline_tag: text-generation
---
# A support assistant
`;

const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;

describe('modelCardDraft: a model card read into a draft model version', () => {
  let api: TestApp;
  let engineer: TestSession;

  beforeAll(async () => {
    api = await startTestApp();
    engineer = await api.signInAs(Role.Engineer);
    await api.app
      .get(PrismaService)
      .$transaction((tx) => api.app.get(CatalogLoader).load(tx, systemActor('test-catalog')), { timeout: 60_000 });
  });
  afterAll(() => api.close());

  it('maps the card, finds the registered base model, the provider and the catalogued license, and saves nothing', async () => {
    const before = await api.prisma.modelVersion.count();
    const response = await api.graphql<{ modelCardDraft: unknown }>(
      DRAFT,
      { input: { text: FINE_TUNE, repoId: 'Qwen/Qwen2.5-7B-Support' } },
      engineer,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.modelCardDraft).toEqual({
      fields: {
        familyName: 'Qwen2.5',
        versionName: 'Qwen2.5-7B-Support',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'Qwen/Qwen2.5-7B-Support',
        sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Support',
        modelCardUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B-Support',
        parameterCount: 7_000_000_000,
        modalities: ['TEXT'],
        task: 'text-generation',
        declaredLicense: 'Apache-2.0',
      },
      providerName: 'Qwen (Alibaba Cloud)',
      provider: { name: 'Qwen (Alibaba Cloud)' },
      cardLicense: 'apache-2.0',
      licenseLink: null,
      licenseInCatalog: true,
      bases: [
        {
          repo: 'Qwen/Qwen2.5-7B-Instruct',
          relation: 'FINE_TUNE',
          modelVersion: {
            key: 'qwen2.5-7b-instruct',
            versionName: 'Qwen2.5-7B-Instruct',
            provider: 'Qwen (Alibaba Cloud)',
            retired: false,
          },
        },
        { repo: 'example/not-registered', relation: 'FINE_TUNE', modelVersion: null },
      ],
      languages: ['en'],
      datasets: ['HuggingFaceH4/ultrachat_200k'],
      tags: [],
      notes: ['The family name "Qwen2.5" is a guess from the model name: check it.'],
    });
    expect(await api.prisma.modelVersion.count()).toBe(before);
  });

  it('says when the license is not in the catalog', async () => {
    const response = await api.graphql<{ modelCardDraft: { fields: { declaredLicense: string }; licenseInCatalog: boolean } }>(
      DRAFT,
      { input: { text: '---\nlicense: openrail\n---\n' } },
      engineer,
    );
    expect(response.body.data!.modelCardDraft).toMatchObject({
      fields: { declaredLicense: 'LicenseRef-OpenRAIL' },
      licenseInCatalog: false,
    });
  });

  it('refuses malformed YAML, a card over the size limit and a bad repository id as VALIDATION_FAILED', async () => {
    const malformed = await api.graphql(DRAFT, { input: { text: '---\nlicense: [mit\n---\n' } }, engineer);
    expect(codeOf(malformed)).toBe('VALIDATION_FAILED');
    expect(malformed.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.text', reason: expect.stringMatching(/^The YAML front matter is not valid/) },
    ]);
    const tooLong = await api.graphql(DRAFT, { input: { text: 'x'.repeat(MAX_MODEL_CARD_LENGTH + 1) } }, engineer);
    expect(codeOf(tooLong)).toBe('VALIDATION_FAILED');
    expect(tooLong.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.text', reason: `must be at most ${MAX_MODEL_CARD_LENGTH} characters` },
    ]);
    const badRepo = await api.graphql(DRAFT, { input: { text: '# card', repoId: 'not a repo' } }, engineer);
    expect(codeOf(badRepo)).toBe('VALIDATION_FAILED');
  });

  it('is for the people who register models', async () => {
    const reviewer = await api.signInAs(Role.Reviewer);
    const response = await api.graphql(DRAFT, { input: { text: '# card' } }, reviewer);
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
});

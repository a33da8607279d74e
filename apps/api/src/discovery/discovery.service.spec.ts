import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_REFERENCES_PER_REQUEST } from '@modelgate/discovery';
import { Role } from '@modelgate/domain/auth';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestBearer, type TestSession } from '../testing/test-app.js';

const MATCH = `query ($input: MatchModelReferencesInput!) {
  modelReferenceMatches(input: $input) {
    environment dataClassification hostingTarget policyVersion
    results { kind reference sha256 status matchedBy hint reasons modelVersion { key versionName provider retired } }
  }
}`;

type Result = {
  kind: string;
  reference: string;
  sha256: string | null;
  status: string;
  matchedBy: string | null;
  hint: string | null;
  reasons: string[];
  modelVersion: { key: string; versionName: string; provider: string; retired: boolean } | null;
};
type Matches = {
  environment: string;
  dataClassification: string;
  hostingTarget: string | null;
  policyVersion: number | null;
  results: Result[];
};

const DAY = 24 * 3600 * 1000;
/** The SHA-256 of packages/discovery/fixtures/sample-repo/models/tiny-qwen.gguf. */
const TINY_GGUF_SHA = 'a4e5e156ddec27e286f75328784d7106b60a4eb1d246e950a001a3f944fbda99';
const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;

describe('modelReferenceMatches: scan findings against the inventory and its approvals', () => {
  let api: TestApp;
  let engineer: TestSession;
  let pipeline: TestBearer;
  let teamId: string;
  const match = async (input: Record<string, unknown>, as: TestSession | TestBearer = pipeline) => {
    const response = await api.graphql<{ modelReferenceMatches: Matches }>(MATCH, { input }, as);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.modelReferenceMatches;
  };
  /** `reference: STATUS by METHOD -> key`, the shape the assertions read best in. */
  const summary = (matches: Matches) =>
    matches.results.map(
      (result) =>
        `${result.reference}: ${result.status}${result.matchedBy ? ` by ${result.matchedBy} -> ${result.modelVersion!.key}` : ''}`,
    );

  beforeAll(async () => {
    api = await startTestApp();
    const user = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['scanners'] });
    engineer = await api.signIn(user.email, user.password);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'scanners' } })).id;
    await api.app
      .get(PrismaService)
      .$transaction((tx) => api.app.get(CatalogLoader).load(tx, systemActor('test-catalog')), { timeout: 60_000 });
    await api.prisma.hostingTarget.create({
      data: { name: 'Scan on-prem', mode: 'ON_PREMISES', operator: 'Northwind IT', country: 'DE', trainsOnInputs: 'NO' },
    });
    await api.prisma.modelVersion.update({ where: { key: 'phi-4' }, data: { weightsSha256: TINY_GGUF_SHA } });
    const approve = async (
      key: string,
      scope: { environments: ('STAGING' | 'PRODUCTION')[]; hostingModes: ('ON_PREMISES' | 'VENDOR_API')[] },
    ) => {
      const version = await api.prisma.modelVersion.findUniqueOrThrow({ where: { key } });
      await api.prisma.approvalRequest.create({
        data: {
          modelVersionId: version.id,
          teamId,
          requesterId: engineer.userId,
          requestedVia: 'API',
          state: 'APPROVED',
          intendedUse: 'Summarise support tickets',
          maxDataClassification: 'CONFIDENTIAL',
          personalData: false,
          expectedUsers: 50n,
          validUntil: new Date(Date.now() + 200 * DAY),
          ...scope,
        },
      });
    };
    await approve('llama-3.1-8b-instruct', { environments: ['STAGING', 'PRODUCTION'], hostingModes: ['ON_PREMISES'] });
    // Granted outside the workflow, without the security and sovereignty reviews the policy asks of a model from China.
    await approve('qwen2.5-7b-instruct', { environments: ['PRODUCTION'], hostingModes: ['ON_PREMISES'] });
    const created = await api.graphql<{ createApiToken: { secret: string } }>(
      `mutation { createApiToken(input: { name: "scan pipeline", scopes: ["decisions:read"], expiresInDays: 30 }) { secret } }`,
      {},
      engineer,
    );
    pipeline = { bearer: created.body.data!.createApiToken.secret, client: 'cli' };
  }, 90_000);
  afterAll(() => api.close());

  it('with a hosting target: matches every kind of reference and gives the CI gate’s answer as the status', async () => {
    const matches = await match({
      environment: 'PRODUCTION',
      dataClassification: 'INTERNAL',
      hostingTarget: 'scan on-prem',
      references: [
        { kind: 'HUGGING_FACE', reference: 'meta-llama/llama-3.1-8b-instruct' },
        { kind: 'OLLAMA', reference: 'ollama:llama3.1:8b' },
        { kind: 'GGUF', reference: 'gguf:Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf' },
        { kind: 'VLLM_TGI', reference: 'Qwen/Qwen2.5-7B-Instruct' },
        { kind: 'VENDOR_API', reference: 'openai:gpt-4o-2024-08-06' },
        { kind: 'VENDOR_API', reference: 'openai:gpt-4o' },
        { kind: 'WEIGHTS_FILE', reference: `sha256:${TINY_GGUF_SHA}`, sha256: TINY_GGUF_SHA, fileName: 'tiny-qwen.gguf' },
        { kind: 'HUGGING_FACE', reference: 'CohereForAI/c4ai-command-r-v01' },
        { kind: 'HUGGING_FACE', reference: 'BAAI/bge-m3' },
        { kind: 'HUGGING_FACE', reference: 'meta-llama/llama-3.1-8b-instruct' },
      ],
    });
    expect({ ...matches, results: undefined }).toEqual({
      environment: 'PRODUCTION',
      dataClassification: 'INTERNAL',
      hostingTarget: 'Scan on-prem',
      policyVersion: 0,
      results: undefined,
    });
    // Repeated references are answered once.
    expect(summary(matches)).toEqual([
      'meta-llama/llama-3.1-8b-instruct: APPROVED by HUGGING_FACE_REPO -> llama-3.1-8b-instruct',
      'ollama:llama3.1:8b: APPROVED by OLLAMA_TAG -> llama-3.1-8b-instruct',
      'gguf:Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf: APPROVED by GGUF_FILE_NAME -> llama-3.1-8b-instruct',
      'Qwen/Qwen2.5-7B-Instruct: REGISTERED_NOT_APPROVED by HUGGING_FACE_REPO -> qwen2.5-7b-instruct',
      'openai:gpt-4o-2024-08-06: REGISTERED_NOT_APPROVED by API_MODEL_NAME -> gpt-4o-2024-08-06',
      'openai:gpt-4o: UNKNOWN',
      `sha256:${TINY_GGUF_SHA}: REGISTERED_NOT_APPROVED by WEIGHTS_SHA256 -> phi-4`,
      'CohereForAI/c4ai-command-r-v01: REGISTERED_NOT_APPROVED by HUGGING_FACE_REPO -> command-r-v01',
      'BAAI/bge-m3: UNKNOWN',
    ]);
    const [llama, , , qwen, gpt, alias, weights, commandR, unknown] = matches.results;
    expect(llama!.reasons.at(-1)).toMatch(/^Approved by AR-\d+ until \d{4}-\d{2}-\d{2}$/);
    expect(llama!.modelVersion).toEqual({
      key: 'llama-3.1-8b-instruct',
      versionName: 'Llama-3.1-8B-Instruct',
      provider: 'Meta',
      retired: false,
    });
    expect(qwen!.reasons.at(-1)).toMatch(
      /^No approval covers this use: AR-\d+ lacks what the policy asks for: security and supply chain, geopolitical and sovereignty review and 2 approvers$/,
    );
    expect(gpt!.reasons).toEqual(['No approval has been requested for this model version']);
    expect(alias!.hint).toBe(
      'an alias the vendor moves between versions; the inventory has gpt-4o-2024-05-13, gpt-4o-2024-08-06: pin one of them in the code, or register the alias',
    );
    expect(weights!.sha256).toBe(TINY_GGUF_SHA);
    expect(commandR!.reasons[0]).toContain('Non-commercial or research-only license in production');
    expect(unknown).toMatchObject({ modelVersion: null, matchedBy: null, reasons: [], hint: null });
  });

  it('without a hosting target: an approval covering the environment, data and team on some hosting it allows', async () => {
    const matches = await match({
      environment: 'PRODUCTION',
      references: [
        { kind: 'HUGGING_FACE', reference: 'Qwen/Qwen2.5-7B-Instruct' },
        { kind: 'HUGGING_FACE', reference: 'meta-llama/Llama-3.1-8B-Instruct' },
      ],
    });
    expect({
      dataClassification: matches.dataClassification,
      hostingTarget: matches.hostingTarget,
      policyVersion: matches.policyVersion,
    }).toEqual({
      dataClassification: 'INTERNAL',
      hostingTarget: null,
      policyVersion: null,
    });
    // Policy rules about the hosting (and the reviews they ask for) need a hosting target: the Qwen approval counts here.
    expect(summary(matches)).toEqual([
      'Qwen/Qwen2.5-7B-Instruct: APPROVED by HUGGING_FACE_REPO -> qwen2.5-7b-instruct',
      'meta-llama/Llama-3.1-8B-Instruct: APPROVED by HUGGING_FACE_REPO -> llama-3.1-8b-instruct',
    ]);
    const staging = await match({
      environment: 'STAGING',
      dataClassification: 'RESTRICTED',
      references: [{ kind: 'HUGGING_FACE', reference: 'Qwen/Qwen2.5-7B-Instruct' }],
    });
    expect(staging.results[0]).toMatchObject({ status: 'REGISTERED_NOT_APPROVED' });
    expect(staging.results[0]!.reasons[0]).toMatch(
      /^No approval covers this use: AR-\d+ does not cover this use: environment STAGING is not in the scope; RESTRICTED data is above the scope's CONFIDENTIAL$/,
    );
    // Another team's approval does not cover this one's use.
    const otherTeam = await api.prisma.team.create({ data: { slug: `other-${Date.now()}`, name: 'Other' } });
    const elsewhere = await match({
      environment: 'PRODUCTION',
      teamId: otherTeam.id,
      references: [{ kind: 'OLLAMA', reference: 'ollama:llama3.1:8b' }],
    });
    expect(elsewhere.results[0]!.reasons[0]).toMatch(/was given to another team$/);
  });

  it('refuses more than 2,000 references, an unknown hosting target, and callers without decisions:read', async () => {
    const tooMany = await api.graphql(
      MATCH,
      {
        input: {
          environment: 'PRODUCTION',
          references: Array.from({ length: MAX_REFERENCES_PER_REQUEST + 1 }, (_, i) => ({
            kind: 'HUGGING_FACE',
            reference: `org/m-${i}`,
          })),
        },
      },
      pipeline,
    );
    expect(codeOf(tooMany)).toBe('VALIDATION_FAILED');
    expect(tooMany.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.references', reason: 'must be at most 2000 references; send several requests' },
    ]);
    const nowhere = await api.graphql(
      MATCH,
      {
        input: { environment: 'PRODUCTION', hostingTarget: 'Nowhere', references: [{ kind: 'GGUF', reference: 'gguf:x.gguf' }] },
      },
      pipeline,
    );
    expect(nowhere.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.hostingTarget', reason: 'matches no hosting target in the inventory that is not retired' },
    ]);
    const created = await api.graphql<{ createApiToken: { secret: string } }>(
      `mutation { createApiToken(input: { name: "reader", scopes: ["models:read"], expiresInDays: 1 }) { secret } }`,
      {},
      engineer,
    );
    const reader = await api.graphql(
      MATCH,
      { input: { environment: 'PRODUCTION', references: [{ kind: 'GGUF', reference: 'gguf:x.gguf' }] } },
      { bearer: created.body.data!.createApiToken.secret },
    );
    expect(codeOf(reader)).toBe('FORBIDDEN');
  });
});

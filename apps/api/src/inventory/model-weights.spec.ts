import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const ATTACH = `mutation ($input: AttachModelWeightsInput!) {
  attachModelWeights(input: $input) { id version weightsSha256 weightFiles { path sha256 sizeBytes } }
}`;
const DECIDE = `query ($input: PolicyQuestionInput!) {
  policyDecision(input: $input) { decision reasons { message } modelVersion { key } }
}`;
const MATCH = `query ($input: MatchModelReferencesInput!) {
  modelReferenceMatches(input: $input) { results { reference status matchedBy modelVersion { key } } }
}`;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const SHARD_1 = sha('shard 1');
const SHARD_2 = sha('shard 2');
const FOLDER = [
  { path: 'model-00002-of-00002.safetensors', sha256: SHARD_2, sizeBytes: 3_900_000_000 },
  { path: 'model-00001-of-00002.safetensors', sha256: SHARD_1.toUpperCase(), sizeBytes: 4_900_000_000 },
];
/** What `sha256sum model-*.safetensors | sha256sum` prints, the paths in order. */
const FOLDER_DIGEST = sha(`${SHARD_1}  model-00001-of-00002.safetensors\n${SHARD_2}  model-00002-of-00002.safetensors\n`);

type Fields = Array<{ field: string; reason: string }>;
const errorOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions;
const fieldsOf = (response: GraphqlResponse): Record<string, string> =>
  Object.fromEntries(((errorOf(response)?.fields ?? []) as Fields).map((f) => [f.field, f.reason]));

describe('attaching a weights folder to a model version', () => {
  let api: TestApp;
  let engineer: TestSession;
  let officer: TestSession;
  let teamId: string;
  let versionId: string;
  let apiOnlyId: string;

  const attach = (input: Record<string, unknown>, as: TestSession = engineer) =>
    api.graphql<{ attachModelWeights: { version: number; weightsSha256: string | null; weightFiles: unknown[] } }>(
      ATTACH,
      { input },
      as,
    );
  const counts = async () => ({
    files: await api.prisma.modelVersionWeightFile.count(),
    changes: await api.prisma.auditEvent.count({ where: { outcome: 'SUCCESS' } }),
  });

  beforeAll(async () => {
    api = await startTestApp();
    const user = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['weights-team'] });
    engineer = await api.signIn(user.email, user.password);
    officer = await api.signInAs(Role.ComplianceOfficer);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'weights-team' } })).id;
    const provider = await api.prisma.provider.create({
      data: { key: 'weights-lab', name: 'Weights Lab', type: 'COMPANY', headquartersCountry: 'US' },
    });
    const version = (name: string, distribution: 'OPEN_WEIGHTS' | 'API_ONLY') =>
      api.prisma.modelVersion.create({
        data: {
          key: name.toLowerCase(),
          providerId: provider.id,
          familyName: 'Sharded',
          versionName: name,
          developerCountry: 'US',
          supplier: 'Hugging Face',
          distribution,
          declaredLicense: 'Apache-2.0',
          // Derived facts as the inventory computes them once Apache-2.0 is in the license catalog.
          licenseClass: 'PERMISSIVE',
          effectiveOrigin: ['US'],
          huggingFaceRepo: distribution === 'OPEN_WEIGHTS' ? `weights-lab/${name}` : null,
        },
      });
    versionId = (await version('Sharded-8B', 'OPEN_WEIGHTS')).id;
    apiOnlyId = (await version('Sharded-API', 'API_ONLY')).id;
    await api.prisma.hostingTarget.create({
      data: { name: 'Weights on-prem', mode: 'ON_PREMISES', operator: 'IT', country: 'US', trainsOnInputs: 'NO' },
    });
  }, 90_000);
  afterAll(() => api.close());

  it('records the files, makes their digest the version’s checksum, and audits before and after', async () => {
    const response = await attach({ id: versionId, expectedVersion: 1, files: FOLDER });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.attachModelWeights).toEqual({
      id: versionId,
      version: 2,
      weightsSha256: FOLDER_DIGEST,
      weightFiles: [
        { path: 'model-00001-of-00002.safetensors', sha256: SHARD_1, sizeBytes: 4_900_000_000 },
        { path: 'model-00002-of-00002.safetensors', sha256: SHARD_2, sizeBytes: 3_900_000_000 },
      ],
    });
    const event = await api.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: versionId, action: 'model_version.attach_weights' },
    });
    expect(event.actorId).toBe(engineer.userId);
    expect(event.before).toMatchObject({ weightsSha256: null, weightFiles: [], versionName: 'Sharded-8B' });
    expect(event.after).toMatchObject({
      weightsSha256: FOLDER_DIGEST,
      weightFiles: [
        { path: 'model-00001-of-00002.safetensors', sha256: SHARD_1, sizeBytes: 4_900_000_000 },
        { path: 'model-00002-of-00002.safetensors', sha256: SHARD_2, sizeBytes: 3_900_000_000 },
      ],
    });
  });

  it('refuses bad files, a model without weights and a stale version, writing nothing', async () => {
    const auditor = await api.signInAs(Role.Auditor);
    const before = await counts();
    const bad = await attach({
      id: versionId,
      expectedVersion: 2,
      files: [
        { path: '../../etc/passwd', sha256: SHARD_1 },
        { path: 'ok.gguf', sha256: 'not-a-checksum' },
      ],
    });
    expect(errorOf(bad)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad)).toEqual({
      'input.files.0.path': 'must not contain empty, "." or ".." segments',
      'input.files.1.sha256': 'must be a SHA-256 digest: 64 hexadecimal characters',
    });
    const apiOnly = await attach({ id: apiOnlyId, expectedVersion: 1, files: [{ path: 'a.gguf', sha256: SHARD_1 }] });
    expect(fieldsOf(apiOnly)).toEqual({ 'input.id': 'is offered only through an API; it has no weights to attach' });
    const stale = await attach({ id: versionId, expectedVersion: 1, files: [{ path: 'a.gguf', sha256: SHARD_1 }] });
    expect(errorOf(stale)?.code).toBe('CONFLICT');
    const forbidden = await attach({ id: versionId, expectedVersion: 2, files: [{ path: 'a.gguf', sha256: SHARD_1 }] }, auditor);
    expect(errorOf(forbidden)?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('lets scans and the CI gate recognise the version by any one file, and one file stands for the folder', async () => {
    const approval = await api.prisma.approvalRequest.create({
      data: {
        modelVersionId: versionId,
        teamId,
        requestedVia: 'API',
        state: 'APPROVED',
        intendedUse: 'Ticket triage',
        environments: ['PRODUCTION'],
        hostingModes: ['ON_PREMISES'],
        maxDataClassification: 'CONFIDENTIAL',
        personalData: false,
        expectedUsers: 10n,
        weightsSha256: FOLDER_DIGEST,
        conditions: [{ kind: 'PIN_WEIGHTS_CHECKSUM' }],
        validUntil: new Date(Date.now() + 90 * 24 * 3600 * 1000),
        votes: { create: { personId: officer.userId, decision: 'APPROVE', asComplianceOfficer: true, rationale: 'Fine.' } },
      },
    });
    const question = { environment: 'PRODUCTION', dataClassification: 'INTERNAL', hostingTarget: 'Weights on-prem', teamId };
    const decide = async (weightsSha256: string) => {
      const response = await api.graphql<{
        policyDecision: { decision: string; reasons: { message: string }[]; modelVersion: { key: string } };
      }>(DECIDE, { input: { ...question, weightsSha256 } }, engineer);
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.policyDecision;
    };
    const byShard = await decide(SHARD_2);
    expect(byShard.modelVersion.key).toBe('sharded-8b');
    expect(byShard.decision).toBe('ALLOW');
    expect(byShard.reasons.at(-1)!.message).toContain(`AR-${approval.number}`);
    expect((await decide(FOLDER_DIGEST)).decision).toBe('ALLOW');

    const scanned = await api.graphql<{ modelReferenceMatches: { results: unknown[] } }>(
      MATCH,
      {
        input: {
          environment: 'PRODUCTION',
          dataClassification: 'INTERNAL',
          teamId,
          references: [
            {
              kind: 'WEIGHTS_FILE',
              reference: `sha256:${SHARD_1}`,
              sha256: SHARD_1,
              fileName: 'model-00001-of-00002.safetensors',
            },
            { kind: 'WEIGHTS_FILE', reference: `sha256:${sha('other')}`, sha256: sha('other'), fileName: 'other.safetensors' },
          ],
        },
      },
      engineer,
    );
    expect(scanned.body.errors).toBeUndefined();
    expect(scanned.body.data!.modelReferenceMatches.results).toEqual([
      { reference: `sha256:${SHARD_1}`, status: 'APPROVED', matchedBy: 'WEIGHTS_SHA256', modelVersion: { key: 'sharded-8b' } },
      { reference: `sha256:${sha('other')}`, status: 'UNKNOWN', matchedBy: null, modelVersion: null },
    ]);
  });

  it('re-attaching other weights replaces the files, and approvals given for the old ones stop covering the version', async () => {
    const other = sha('retrained');
    const response = await attach({ id: versionId, expectedVersion: 2, files: [{ path: 'model.safetensors', sha256: other }] });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.attachModelWeights).toMatchObject({
      version: 3,
      weightsSha256: other,
      weightFiles: [{ path: 'model.safetensors', sha256: other, sizeBytes: null }],
    });
    const decision = await api.graphql<{ policyDecision: { decision: string; reasons: { message: string }[] } }>(
      DECIDE,
      {
        input: {
          environment: 'PRODUCTION',
          dataClassification: 'INTERNAL',
          hostingTarget: 'Weights on-prem',
          teamId,
          weightsSha256: other,
        },
      },
      engineer,
    );
    expect(decision.body.data!.policyDecision.decision).toBe('REVIEW_REQUIRED');
    expect(decision.body.data!.policyDecision.reasons.map((reason) => reason.message).join('\n')).toContain('other weights');
  });
});

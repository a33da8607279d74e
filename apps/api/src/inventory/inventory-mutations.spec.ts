import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const CREATE_PROVIDER = `mutation ($input: CreateProviderInput!) { createProvider(input: $input) { id key name version } }`;
const CREATE_VERSION = `mutation ($input: CreateModelVersionInput!) {
  createModelVersion(input: $input) {
    id key version developerCountry effectiveOrigin licenseClass declaredLicense
    licenseHistory { declaredLicense effectiveFrom }
    bases { relation modelVersion { versionName } }
  }
}`;
const UPDATE_VERSION = `mutation ($input: UpdateModelVersionInput!) {
  updateModelVersion(input: $input) { id version declaredLicense licenseClass effectiveOrigin licenseHistory { declaredLicense note } }
}`;
const RETIRE_VERSION = `mutation ($input: RetireInput!) { retireModelVersion(input: $input) { id retiredAt version } }`;
const CREATE_TARGET = `mutation ($input: CreateHostingTargetInput!) { createHostingTarget(input: $input) { id name version } }`;
const CREATE_DEPLOYMENT = `mutation ($input: CreateDeploymentInput!) {
  createDeployment(input: $input) {
    id version status registeredVia registeredBy { id } team { slug } hostingTarget { mode } modelVersion { versionName }
  }
}`;
const RETIRE_DEPLOYMENT = `mutation ($input: RetireInput!) { retireDeployment(input: $input) { id status version } }`;
const CREATE_LICENSE = `mutation ($input: CreateLicenseInput!) { createLicense(input: $input) { id licenseId licenseClass version } }`;
const UPDATE_LICENSE = `mutation ($input: UpdateLicenseInput!) { updateLicense(input: $input) { id licenseClass version } }`;

type Fields = Array<{ field: string; reason: string }>;
const errorOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions;
const fieldsOf = (response: GraphqlResponse): Record<string, string> =>
  Object.fromEntries(((errorOf(response)?.fields ?? []) as Fields).map((f) => [f.field, f.reason]));

const terms = {
  commercialUse: 'ALLOWED',
  userCap: null,
  attributionRequired: false,
  attributionText: null,
  acceptableUsePolicyUrl: null,
  shareAlike: false,
  researchOnly: false,
};

describe('inventory mutations', () => {
  let api: TestApp;
  let compliance: TestSession;
  let engineer: TestSession;
  let engineerEmail: string;
  let auditor: TestSession;
  let teamId: string;
  let otherTeamId: string;
  let providerId: string;
  let baseId: string;

  const versionInput = (overrides: Record<string, unknown> = {}) => ({
    familyName: 'Acme',
    versionName: `Acme-7B-${Math.random().toString(36).slice(2, 8)}`,
    providerId,
    supplier: 'Hugging Face',
    distribution: 'OPEN_WEIGHTS',
    modalities: ['TEXT'],
    declaredLicense: 'Apache-2.0',
    parameterCount: 7_000_000_000,
    releaseDate: '2025-01-20',
    ...overrides,
  });
  const counts = async () => ({
    versions: await api.prisma.modelVersion.count(),
    bases: await api.prisma.modelVersionBase.count(),
    licenses: await api.prisma.modelVersionLicense.count(),
    deployments: await api.prisma.deployment.count(),
    audit: await api.prisma.auditEvent.count(),
  });

  beforeAll(async () => {
    api = await startTestApp();
    compliance = await api.signInAs(Role.ComplianceOfficer);
    auditor = await api.signInAs(Role.Auditor);
    const engineerUser = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['mutation-team'] });
    engineer = await api.signIn(engineerUser.email, engineerUser.password);
    engineerEmail = engineerUser.email;
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'mutation-team' } })).id;
    otherTeamId = (await api.prisma.team.create({ data: { slug: 'other-team', name: 'Other' } })).id;
    await api.graphql(
      CREATE_LICENSE,
      {
        input: {
          licenseId: 'Apache-2.0',
          name: 'Apache License 2.0',
          url: 'https://www.apache.org/licenses/LICENSE-2.0',
          textSha256: 'a'.repeat(64),
          terms,
        },
      },
      compliance,
    );
    const provider = await api.graphql<{ createProvider: { id: string; key: string } }>(
      CREATE_PROVIDER,
      {
        input: {
          name: 'Acme Labs',
          legalEntity: 'Acme Labs GmbH',
          headquartersCountry: 'de',
          type: 'COMPANY',
          website: 'https://acme.example',
        },
      },
      engineer,
    );
    expect(provider.body.errors).toBeUndefined();
    providerId = provider.body.data!.createProvider.id;
    expect(provider.body.data!.createProvider.key).toBe('acme-labs');
    const llamaProvider = await api.prisma.provider.create({
      data: { key: 'meta', name: 'Meta', legalEntity: 'Meta Platforms, Inc.', headquartersCountry: 'US', type: 'COMPANY' },
    });
    const base = await api.graphql<{ createModelVersion: { id: string } }>(
      CREATE_VERSION,
      {
        input: versionInput({
          providerId: llamaProvider.id,
          versionName: 'Base-8B',
          declaredLicense: 'LicenseRef-Llama-3.1-Community',
        }),
      },
      compliance,
    );
    baseId = base.body.data!.createModelVersion.id;
  });
  afterAll(() => api.close());

  it('registers a version with lineage: origin defaults to the provider, effective origin includes the base', async () => {
    const response = await api.graphql<{ createModelVersion: Record<string, unknown> }>(
      CREATE_VERSION,
      { input: versionInput({ versionName: 'Acme-FT-8B', bases: [{ modelVersionId: baseId, relation: 'FINE_TUNE' }] }) },
      engineer,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.createModelVersion).toMatchObject({
      key: 'acme-ft-8b',
      version: 1,
      developerCountry: 'DE',
      effectiveOrigin: ['DE', 'US'],
      // The base's license is not in the catalog: its terms are unknown.
      licenseClass: 'UNKNOWN',
      licenseHistory: [{ declaredLicense: 'Apache-2.0', effectiveFrom: '2025-01-20' }],
      bases: [{ relation: 'FINE_TUNE', modelVersion: { versionName: 'Base-8B' } }],
    });
    const audit = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'model_version.create' },
      orderBy: { seq: 'desc' },
    });
    expect(audit).toMatchObject({ actorId: engineer.userId, entityType: 'ModelVersion' });
    expect(audit.after).toMatchObject({ versionName: 'Acme-FT-8B', bases: [{ relation: 'FINE_TUNE' }] });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a bad country code', { developerCountry: 'XX' }, 'input.developerCountry', /ISO 3166-1/],
    ['a bad SPDX expression', { declaredLicense: 'Apache 2.0 or MIT' }, 'input.declaredLicense', /valid SPDX expression/],
    ['a negative parameter count', { parameterCount: -5 }, 'input.parameterCount', /greater than 0/],
    [
      'an unknown provider',
      { providerId: '00000000-0000-4000-8000-000000000000' },
      'input.providerId',
      /provider in the inventory/,
    ],
    ['an empty family name', { familyName: '  ' }, 'input.familyName', /must not be empty/],
    ['a hash on an API-only model', { distribution: 'API_ONLY', weightsSha256: 'b'.repeat(64) }, 'input.weightsSha256', /API/],
  ])('refuses %s, naming the field, and writes nothing', async (_, overrides, field, reason) => {
    const before = await counts();
    const response = await api.graphql(CREATE_VERSION, { input: versionInput(overrides) }, engineer);
    expect(response.status).toBe(200);
    expect(errorOf(response)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)[field]).toMatch(reason);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown enum value and a missing required field before running anything', async () => {
    const before = await counts();
    const badEnum = await api.graphql(CREATE_VERSION, { input: versionInput({ distribution: 'TORRENT' }) }, engineer);
    expect(errorOf(badEnum)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(badEnum.body.errors?.[0]?.message).toMatch(/distribution/);
    const { declaredLicense: _missing, ...withoutLicense } = versionInput();
    const missing = await api.graphql(CREATE_VERSION, { input: withoutLicense }, engineer);
    expect(errorOf(missing)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(missing.body.errors?.[0]?.message).toMatch(/declaredLicense/);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same version name twice for a provider', async () => {
    const input = versionInput();
    await api.graphql(CREATE_VERSION, { input }, engineer);
    const again = await api.graphql(CREATE_VERSION, { input }, engineer);
    expect(fieldsOf(again)['input.versionName']).toBe('is already registered for this provider');
  });

  it('updates with optimistic concurrency: a stale version is a CONFLICT and changes nothing', async () => {
    const created = await api.graphql<{ createModelVersion: { id: string } }>(
      CREATE_VERSION,
      { input: versionInput() },
      engineer,
    );
    const id = created.body.data!.createModelVersion.id;
    const first = await api.graphql<{ updateModelVersion: { version: number; licenseHistory: unknown[] } }>(
      UPDATE_VERSION,
      { input: { ...versionInput(), id, expectedVersion: 1, declaredLicense: 'MIT', licenseNote: 'relicensed' } },
      engineer,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.updateModelVersion.version).toBe(2);
    // The license change is a new history entry; the old one stays.
    expect(first.body.data!.updateModelVersion.licenseHistory).toEqual([
      { declaredLicense: 'MIT', note: 'relicensed' },
      { declaredLicense: 'Apache-2.0', note: 'Registered' },
    ]);
    const before = await counts();
    const stale = await api.graphql(
      UPDATE_VERSION,
      { input: { ...versionInput(), id, expectedVersion: 1, declaredLicense: 'Apache-2.0' } },
      compliance,
    );
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'input.expectedVersion' }] });
    expect(await counts()).toEqual(before);
    const stored = await api.prisma.modelVersion.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ version: 2, declaredLicense: 'MIT' });

    // Beside the version: who changed what, newest first; the refused stale update is not a change.
    const history = await api.graphql<{
      modelVersion: { history: Array<{ action: string; actorLabel: string; channel: string; changes: { path: string }[] }> };
    }>(`query ($id: ID!) { modelVersion(id: $id) { history { action actorLabel channel changes { path } } } }`, { id }, auditor);
    expect(history.body.errors).toBeUndefined();
    const [update, create] = history.body.data!.modelVersion.history;
    expect(history.body.data!.modelVersion.history).toHaveLength(2);
    expect(update).toMatchObject({ action: 'model_version.update', actorLabel: engineerEmail });
    expect(update!.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['declaredLicense', 'version']));
    expect(create).toMatchObject({ action: 'model_version.create' });
  });

  it('refuses a base that would close a lineage cycle', async () => {
    const a = await api.graphql<{ createModelVersion: { id: string } }>(CREATE_VERSION, { input: versionInput() }, engineer);
    const aId = a.body.data!.createModelVersion.id;
    const b = await api.graphql<{ createModelVersion: { id: string } }>(
      CREATE_VERSION,
      { input: versionInput({ bases: [{ modelVersionId: aId, relation: 'QUANTIZATION' }] }) },
      engineer,
    );
    const bId = b.body.data!.createModelVersion.id;
    const cycle = await api.graphql(
      UPDATE_VERSION,
      { input: { ...versionInput(), id: aId, expectedVersion: 1, bases: [{ modelVersionId: bId, relation: 'MERGE' }] } },
      engineer,
    );
    expect(fieldsOf(cycle)['input.bases']).toMatch(/cycle/);
  });

  it('re-classifies every version using a license when its catalog terms change', async () => {
    const created = await api.graphql<{ createModelVersion: { id: string; licenseClass: string } }>(
      CREATE_VERSION,
      { input: versionInput({ declaredLicense: 'LicenseRef-Acme-Research' }) },
      engineer,
    );
    expect(created.body.data!.createModelVersion.licenseClass).toBe('UNKNOWN');
    const license = await api.graphql<{ createLicense: { id: string; licenseClass: string } }>(
      CREATE_LICENSE,
      {
        input: {
          licenseId: 'LicenseRef-Acme-Research',
          name: 'Acme Research License',
          url: 'https://acme.example/license',
          textSha256: 'c'.repeat(64),
          terms: { ...terms, commercialUse: 'PROHIBITED', researchOnly: true },
        },
      },
      compliance,
    );
    expect(license.body.data!.createLicense.licenseClass).toBe('NON_COMMERCIAL');
    const id = created.body.data!.createModelVersion.id;
    expect((await api.prisma.modelVersion.findUniqueOrThrow({ where: { id } })).licenseClass).toBe('NON_COMMERCIAL');
    const relaxed = await api.graphql<{ updateLicense: { licenseClass: string } }>(
      UPDATE_LICENSE,
      {
        input: {
          id: license.body.data!.createLicense.id,
          expectedVersion: 1,
          licenseId: 'LicenseRef-Acme-Research',
          name: 'Acme Research License',
          url: 'https://acme.example/license',
          textSha256: 'c'.repeat(64),
          terms: { ...terms, commercialUse: 'CONDITIONAL', userCap: 1_000_000 },
        },
      },
      compliance,
    );
    expect(relaxed.body.data!.updateLicense.licenseClass).toBe('RESTRICTED_COMMERCIAL');
    expect((await api.prisma.modelVersion.findUniqueOrThrow({ where: { id } })).licenseClass).toBe('RESTRICTED_COMMERCIAL');
    const engineerTry = await api.graphql(
      CREATE_LICENSE,
      { input: { licenseId: 'MIT', name: 'MIT', url: 'https://x.example', textSha256: 'd'.repeat(64), terms } },
      engineer,
    );
    expect(errorOf(engineerTry)?.code).toBe('FORBIDDEN');
  });

  it("lets engineers register their own team's deployments only, records who and how, and blocks retiring a version in use", async () => {
    const target = await api.graphql<{ createHostingTarget: { id: string } }>(
      CREATE_TARGET,
      {
        input: {
          name: 'GPU cluster',
          mode: 'ON_PREMISES',
          operator: 'Us',
          country: 'DE',
          retentionDays: 0,
          trainsOnInputs: 'NO',
          zeroDataRetention: true,
        },
      },
      engineer,
    );
    const hostingTargetId = target.body.data!.createHostingTarget.id;
    const version = await api.graphql<{ createModelVersion: { id: string; version: number } }>(
      CREATE_VERSION,
      { input: versionInput() },
      engineer,
    );
    const modelVersionId = version.body.data!.createModelVersion.id;
    const deploymentInput = {
      modelVersionId,
      teamId,
      application: 'Claims triage',
      environment: 'PRODUCTION',
      hostingTargetId,
      dataClassification: 'CONFIDENTIAL',
      personalData: true,
      purpose: 'Routes insurance claims',
      euAiActCategory: 'HIGH_RISK',
    };
    const created = await api.graphql<{ createDeployment: { id: string } }>(
      CREATE_DEPLOYMENT,
      { input: deploymentInput },
      engineer,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createDeployment).toMatchObject({
      status: 'ACTIVE',
      registeredVia: 'ADMIN_APP',
      registeredBy: { id: engineer.userId },
      team: { slug: 'mutation-team' },
      hostingTarget: { mode: 'ON_PREMISES' },
    });

    const before = await counts();
    const foreign = await api.graphql(CREATE_DEPLOYMENT, { input: { ...deploymentInput, teamId: otherTeamId } }, engineer);
    expect(errorOf(foreign)?.code).toBe('FORBIDDEN');
    const readOnly = await api.graphql(CREATE_DEPLOYMENT, { input: deploymentInput }, auditor);
    expect(errorOf(readOnly)?.code).toBe('FORBIDDEN');
    const engineerRetire = await api.graphql(RETIRE_VERSION, { input: { id: modelVersionId, expectedVersion: 1 } }, engineer);
    expect(errorOf(engineerRetire)?.code).toBe('FORBIDDEN');
    const inUse = await api.graphql(RETIRE_VERSION, { input: { id: modelVersionId, expectedVersion: 1 } }, compliance);
    expect(fieldsOf(inUse)['input.id']).toMatch(/1 active deployment/);
    expect((await counts()).deployments).toBe(before.deployments);

    const retired = await api.graphql<{ retireDeployment: { status: string; version: number } }>(
      RETIRE_DEPLOYMENT,
      { input: { id: created.body.data!.createDeployment.id, expectedVersion: 1 } },
      engineer,
    );
    expect(retired.body.data!.retireDeployment).toEqual({
      id: created.body.data!.createDeployment.id,
      status: 'RETIRED',
      version: 2,
    });
    const versionRetired = await api.graphql<{ retireModelVersion: { version: number; retiredAt: string } }>(
      RETIRE_VERSION,
      { input: { id: modelVersionId, expectedVersion: 1 } },
      compliance,
    );
    expect(versionRetired.body.data!.retireModelVersion.version).toBe(2);
    const actions = await api.prisma.auditEvent.findMany({
      where: { entityId: { in: [modelVersionId, created.body.data!.createDeployment.id] } },
      select: { action: true },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'model_version.create',
      'deployment.create',
      'deployment.retire',
      'model_version.retire',
    ]);
  });

  it('runs concurrent updates of one version so that exactly one wins', async () => {
    const created = await api.graphql<{ createModelVersion: { id: string } }>(
      CREATE_VERSION,
      { input: versionInput() },
      engineer,
    );
    const id = created.body.data!.createModelVersion.id;
    const attempts = await Promise.all(
      ['MIT', 'BSD-3-Clause', 'ISC', 'Unlicense'].map((license) =>
        api.graphql(UPDATE_VERSION, { input: { ...versionInput(), id, expectedVersion: 1, declaredLicense: license } }, engineer),
      ),
    );
    expect(attempts.filter((a) => !a.body.errors)).toHaveLength(1);
    expect(attempts.filter((a) => errorOf(a)?.code === 'CONFLICT')).toHaveLength(3);
    expect(await api.prisma.modelVersionLicense.count({ where: { modelVersionId: id } })).toBe(2);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { uniqueSuffix } from '@modelgate/db/testing';
import { Clock } from '../../jobs/clock.js';
import { startTestApp, type TestApp, type TestBearer, type TestSession } from '../../testing/test-app.js';
import { IdempotencyKeyInUseError } from './idempotency.errors.js';
import { IdempotencyService } from './idempotency.service.js';

const CREATE_DEPLOYMENT = `mutation ($input: CreateDeploymentInput!) {
  createDeployment(input: $input) {
    id version status application registeredVia createdAt updatedAt retiredAt
    registeredBy { id } team { slug } hostingTarget { id mode } modelVersion { id versionName }
    history { action }
  }
}`;
const UPDATE_DEPLOYMENT = `mutation ($input: UpdateDeploymentInput!) { updateDeployment(input: $input) { id version } }`;
const CREATE_VERSION = `mutation ($input: CreateModelVersionInput!) {
  createModelVersion(input: $input) { id key version versionName releaseDate parameterCount createdAt provider { key } }
}`;
const CREATE_REQUEST = `mutation ($input: CreateApprovalRequestInput!) {
  createApprovalRequest(input: $input) { id reference state version scope { expectedUsers environments } createdAt team { slug } }
}`;
const SUBMIT_SCAN = `mutation ($input: SubmitScanReportInput!) {
  submitScanReport(input: $input) { id repository unknownCount createdAt findings { id reference status } }
}`;

type Caller = TestSession | TestBearer;
type Answer = {
  status: number;
  replayed: string | null;
  body: {
    data?: Record<string, { id: string } & Record<string, unknown>> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
};

describe('Idempotency-Key on registration mutations', () => {
  let api: TestApp;
  let engineer: TestSession;
  let pipeline: TestBearer;
  let otherPipeline: TestBearer;
  let teamId: string;
  let teamSlug: string;
  let modelVersionId: string;
  let hostingTargetId: string;

  /** POSTs one operation over HTTP as `caller`, with the header when `key` is given. */
  const send = async (query: string, variables: Record<string, unknown>, caller: Caller, key?: string): Promise<Answer> => {
    const credentials: Record<string, string> =
      'bearer' in caller
        ? { authorization: `Bearer ${caller.bearer}` }
        : { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken };
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...credentials, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed'),
      body: (await response.json()) as Answer['body'],
    };
  };
  const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;
  const deploymentInput = (application: string, overrides: Record<string, unknown> = {}) => ({
    modelVersionId,
    teamId,
    application,
    environment: 'PRODUCTION',
    hostingTargetId,
    dataClassification: 'INTERNAL',
    personalData: false,
    purpose: 'Answers support tickets',
    euAiActCategory: 'MINIMAL',
    ...overrides,
  });
  const deploymentsNamed = (application: string) =>
    api.prisma.deployment.findMany({ where: { application }, select: { id: true } });
  const keysNamed = (key: string) => api.prisma.idempotencyKey.findMany({ where: { key } });

  beforeAll(async () => {
    api = await startTestApp();
    teamSlug = `idem-${uniqueSuffix()}`;
    const user = await api.createUser({ roles: [Role.Engineer], teamSlugs: [teamSlug] });
    engineer = await api.signIn(user.email, user.password);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: teamSlug } })).id;
    const scopes = [
      'deployments:write',
      'deployments:read',
      'models:write',
      'models:read',
      'approvals:write',
      'approvals:read',
      'scans:write',
      'scans:read',
    ];
    const token = async (name: string) => {
      const created = await send(
        `mutation ($name: String!, $scopes: [String!]!) { createApiToken(input: { name: $name, scopes: $scopes, expiresInDays: 7 }) { secret } }`,
        { name, scopes },
        engineer,
      );
      expect(created.body.errors).toBeUndefined();
      return { bearer: (created.body.data!.createApiToken as unknown as { secret: string }).secret };
    };
    pipeline = await token('deploy pipeline');
    otherPipeline = await token('other pipeline');
    // The policy in force denies models whose license the catalog does not know.
    const license = await send(
      `mutation ($input: CreateLicenseInput!) { createLicense(input: $input) { id } }`,
      {
        input: {
          licenseId: 'Apache-2.0',
          name: 'Apache License 2.0',
          url: 'https://www.apache.org/licenses/LICENSE-2.0',
          textSha256: 'a'.repeat(64),
          terms: {
            commercialUse: 'ALLOWED',
            userCap: null,
            attributionRequired: false,
            attributionText: null,
            acceptableUsePolicyUrl: null,
            shareAlike: false,
            researchOnly: false,
          },
        },
      },
      await api.signInAs(Role.ComplianceOfficer),
    );
    expect(license.body.errors).toBeUndefined();
    const provider = await api.prisma.provider.create({
      data: { key: `idem-${uniqueSuffix()}`, name: 'Idem Labs', type: 'COMPANY', headquartersCountry: 'DE' },
    });
    const version = await send(
      CREATE_VERSION,
      {
        input: {
          familyName: 'Idem',
          versionName: `Idem-7B-${uniqueSuffix()}`,
          providerId: provider.id,
          supplier: 'Hugging Face',
          distribution: 'OPEN_WEIGHTS',
          modalities: ['TEXT'],
          declaredLicense: 'Apache-2.0',
        },
      },
      engineer,
    );
    expect(version.body.errors).toBeUndefined();
    modelVersionId = version.body.data!.createModelVersion!.id;
    hostingTargetId = (
      await api.prisma.hostingTarget.create({
        data: {
          name: `Idem cluster ${uniqueSuffix()}`,
          mode: 'ON_PREMISES',
          operator: 'IT',
          country: 'DE',
          trainsOnInputs: 'NO',
        },
      })
    ).id;
  }, 90_000);
  afterAll(() => api.close());

  it('turns 10 concurrent identical createDeployment requests into one deployment, one audit event and 10 equal answers', async () => {
    const application = `Ticket bot ${uniqueSuffix()}`;
    const key = randomUUID();
    const variables = { input: deploymentInput(application) };

    const answers = await Promise.all(Array.from({ length: 10 }, () => send(CREATE_DEPLOYMENT, variables, pipeline, key)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(answers[0]!.body.errors).toBeUndefined();
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(answers.filter((answer) => answer.replayed === 'true')).toHaveLength(9);
    const deployment = answers[0]!.body.data!.createDeployment!;
    expect(deployment).toMatchObject({ application, version: 1, registeredVia: 'API', team: { slug: teamSlug } });
    expect(deployment.history).toEqual([{ action: 'deployment.create' }]);
    expect(await deploymentsNamed(application)).toEqual([{ id: deployment.id }]);
    expect(await api.prisma.auditEvent.count({ where: { action: 'deployment.create', entityId: deployment.id } })).toBe(1);

    // Later, the same request again (a CI retry): the same answer, still one deployment and one audit event.
    const later = await send(CREATE_DEPLOYMENT, variables, pipeline, key);
    expect(later.body).toEqual(answers[0]!.body);
    expect(later.replayed).toBe('true');
    expect(await deploymentsNamed(application)).toHaveLength(1);
    expect(await api.prisma.auditEvent.count({ where: { entityId: deployment.id } })).toBe(1);
    expect(await keysNamed(key)).toEqual([
      expect.objectContaining({
        principal: expect.stringMatching(/^token:/),
        operation: 'createDeployment',
        completedAt: expect.any(Date),
      }),
    ]);
  });

  it('answers a replay that selects other fields from the same stored result', async () => {
    const application = `Selection ${uniqueSuffix()}`;
    const key = randomUUID();
    const first = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    const narrow = await send(
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id createdAt team { slug } } }',
      { input: deploymentInput(application) },
      pipeline,
      key,
    );
    const { id, createdAt, team } = first.body.data!.createDeployment!;
    expect(narrow.body).toEqual({ data: { createDeployment: { id, createdAt, team } } });
    expect(await deploymentsNamed(application)).toHaveLength(1);
  });

  it('refuses the same key with other arguments with IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const application = `Reuse ${uniqueSuffix()}`;
    const key = randomUUID();
    const first = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    expect(first.body.errors).toBeUndefined();
    const auditBefore = await api.prisma.auditEvent.count();

    const changed = await send(CREATE_DEPLOYMENT, { input: deploymentInput(`${application} v2`) }, pipeline, key);

    expect(changed.status).toBe(200);
    expect(changed.body.data).toBeNull();
    expect(changed.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/already used for createDeployment with other arguments.*new key/),
        extensions: { code: ErrorCode.IdempotencyKeyReused },
      }),
    ]);
    expect(await deploymentsNamed(`${application} v2`)).toHaveLength(0);
    expect(await api.prisma.auditEvent.count()).toBe(auditBefore);
    // The key still answers its own request.
    expect((await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key)).body).toEqual(first.body);
  });

  it('keeps keys apart per caller: another token (or a person) with the same key and body registers its own deployment', async () => {
    const application = `Per caller ${uniqueSuffix()}`;
    const key = `release-${uniqueSuffix()}`;
    const variables = { input: deploymentInput(application) };
    const mine = await send(CREATE_DEPLOYMENT, variables, pipeline, key);
    const theirs = await send(CREATE_DEPLOYMENT, variables, otherPipeline, key);
    const person = await send(CREATE_DEPLOYMENT, variables, engineer, key);
    const ids = [mine, theirs, person].map((answer) => answer.body.data!.createDeployment!.id);
    expect(new Set(ids).size).toBe(3);
    expect([mine, theirs, person].map((answer) => answer.replayed)).toEqual([null, null, null]);
    expect(await deploymentsNamed(application)).toHaveLength(3);
    // ...and each caller's key replays its own deployment.
    expect((await send(CREATE_DEPLOYMENT, variables, otherPipeline, key)).body.data!.createDeployment!.id).toBe(ids[1]);
  });

  it('keeps no key for a request that failed, so a corrected retry with the same key succeeds', async () => {
    const application = `Corrected ${uniqueSuffix()}`;
    const key = randomUUID();
    // Refused by input validation (the pipe), then by the service (unknown hosting target).
    const invalid = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application, { application: '' }) }, pipeline, key);
    expect(codeOf(invalid)).toBe(ErrorCode.ValidationFailed);
    const unknownTarget = await send(
      CREATE_DEPLOYMENT,
      { input: deploymentInput(application, { hostingTargetId: randomUUID() }) },
      pipeline,
      key,
    );
    expect(codeOf(unknownTarget)).toBe(ErrorCode.ValidationFailed);
    expect(await keysNamed(key)).toEqual([]);

    const corrected = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    expect(corrected.body.errors).toBeUndefined();
    expect(corrected.replayed).toBeNull();
    expect(await deploymentsNamed(application)).toHaveLength(1);
  });

  it('gives each of several concurrent failing requests its own error and keeps no key', async () => {
    const key = randomUUID();
    const variables = { input: deploymentInput(`Failing ${uniqueSuffix()}`, { hostingTargetId: randomUUID() }) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(CREATE_DEPLOYMENT, variables, pipeline, key)));
    expect(answers.map(codeOf)).toEqual(Array(5).fill(ErrorCode.ValidationFailed));
    expect(await keysNamed(key)).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not ASCII', 'déploiement-1'],
  ])('refuses a key that is %s with BAD_REQUEST before anything runs', async (_name, key) => {
    const application = `Malformed ${uniqueSuffix()}`;
    const answer = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^The Idempotency-Key header .*1 to 255 printable ASCII characters/),
        extensions: { code: ErrorCode.BadRequest },
      }),
    ]);
    expect(await deploymentsNamed(application)).toHaveLength(0);
  });

  it('takes a key of 255 characters, and the quoted form of a key as the same key', async () => {
    const application = `Quoted ${uniqueSuffix()}`;
    const key = `${uniqueSuffix()}${'q'.repeat(247)}`;
    expect(key).toHaveLength(255);
    const first = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    expect(first.body.errors).toBeUndefined();
    const quoted = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, `"${key}"`);
    expect(quoted.replayed).toBe('true');
    expect(quoted.body).toEqual(first.body);
  });

  it('refuses a key on other mutations and on a document with several mutations; ignores it on queries', async () => {
    const application = `Not registration ${uniqueSuffix()}`;
    const created = await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline);
    const { id, version } = created.body.data!.createDeployment!;
    const update = await send(
      UPDATE_DEPLOYMENT,
      { input: { id, expectedVersion: version, ...deploymentInput(`${application} renamed`) } },
      pipeline,
      randomUUID(),
    );
    expect(codeOf(update)).toBe(ErrorCode.BadRequest);
    expect(update.body.errors?.[0]?.message).toMatch(
      /updateDeployment does not take an Idempotency-Key \(only createApprovalRequest, createDeployment, createModelVersion, submitScanReport do\)/,
    );
    expect(await api.prisma.deployment.findUniqueOrThrow({ where: { id }, select: { version: true } })).toEqual({ version: 1 });

    const twoApplications = [`Pair A ${uniqueSuffix()}`, `Pair B ${uniqueSuffix()}`];
    const pair = await send(
      `mutation ($a: CreateDeploymentInput!, $b: CreateDeploymentInput!) {
        a: createDeployment(input: $a) { id }
        b: createDeployment(input: $b) { id }
      }`,
      { a: deploymentInput(twoApplications[0]!), b: deploymentInput(twoApplications[1]!) },
      pipeline,
      randomUUID(),
    );
    expect(pair.body.data).toBeNull();
    expect(pair.body.errors?.map((error) => error.extensions?.code)).toContain(ErrorCode.BadRequest);
    expect(pair.body.errors?.[0]?.message).toMatch(/covers exactly one mutation, and this request has 2 mutation fields/);
    for (const name of twoApplications) expect(await deploymentsNamed(name)).toHaveLength(0);

    const query = await send('query ($id: ID!) { deployment(id: $id) { id } }', { id }, pipeline, randomUUID());
    expect(query.body).toEqual({ data: { deployment: { id } } });
  });

  it('replays createModelVersion, createApprovalRequest and submitScanReport too', async () => {
    const provider = await api.prisma.provider.findFirstOrThrow({ where: { name: 'Idem Labs' } });
    const versionName = `Idem-13B-${uniqueSuffix()}`;
    const repository = `github.com/acme/idem-${uniqueSuffix()}`;
    const cases = [
      {
        query: CREATE_VERSION,
        input: {
          familyName: 'Idem',
          versionName,
          providerId: provider.id,
          supplier: 'Hugging Face',
          distribution: 'OPEN_WEIGHTS',
          modalities: ['TEXT'],
          declaredLicense: 'Apache-2.0',
          parameterCount: 13_000_000_000,
          releaseDate: '2026-05-01',
        },
        rows: () => api.prisma.modelVersion.count({ where: { versionName } }),
      },
      {
        query: CREATE_REQUEST,
        input: {
          modelVersionId,
          submit: false,
          scope: {
            intendedUse: 'Draft answers to support tickets',
            environments: ['PRODUCTION'],
            hostingModes: ['ON_PREMISES'],
            maxDataClassification: 'INTERNAL',
            personalData: false,
            expectedUsers: 120,
          },
        },
        rows: () => api.prisma.approvalRequest.count({ where: { modelVersionId } }),
      },
      {
        query: SUBMIT_SCAN,
        input: {
          repository,
          environment: 'PRODUCTION',
          findings: [
            {
              kind: 'HUGGING_FACE',
              reference: 'acme/unknown-7b',
              file: 'app.py',
              line: 1,
              column: 1,
              snippet: 'acme/unknown-7b',
            },
          ],
        },
        rows: () => api.prisma.scanReport.count({ where: { repository } }),
      },
    ];
    for (const { query, input, rows } of cases) {
      const key = randomUUID();
      const first = await send(query, { input }, pipeline, key);
      expect(first.body.errors).toBeUndefined();
      const again = await send(query, { input }, pipeline, key);
      expect(again.replayed).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await rows()).toBe(1);
    }
  });

  it('lets a key expire after 24 hours: then it is free again, and the cleanup deletes it', async () => {
    const clock = api.app.get(Clock);
    const application = `Expiring ${uniqueSuffix()}`;
    const key = randomUUID();
    await send(CREATE_DEPLOYMENT, { input: deploymentInput(application) }, pipeline, key);
    try {
      clock.travelTo(new Date(Date.now() + 25 * 60 * 60 * 1000));
      const reused = await send(CREATE_DEPLOYMENT, { input: deploymentInput(`${application} later`) }, pipeline, key);
      expect(reused.body.errors).toBeUndefined();
      expect(reused.replayed).toBeNull();
      expect(await deploymentsNamed(`${application} later`)).toHaveLength(1);

      clock.travelTo(new Date(Date.now() + 50 * 60 * 60 * 1000));
      expect(await api.app.get(IdempotencyService).deleteExpired()).toBeGreaterThanOrEqual(1);
      expect(await keysNamed(key)).toEqual([]);
    } finally {
      clock.travelTo(new Date());
    }
  });

  it('lets a waiting request give up with IDEMPOTENCY_KEY_IN_USE, and runs a key whose first request never finished', async () => {
    const idempotency = api.app.get(IdempotencyService);
    const scope = { principal: `token:${randomUUID()}`, operation: 'createDeployment', key: randomUUID() };
    const now = new Date();
    const stuck = {
      ...scope,
      fingerprint: 'f'.repeat(64),
      claimToken: randomUUID(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
    };
    await api.prisma.idempotencyKey.create({ data: { ...stuck, lockedUntil: new Date(now.getTime() + 60 * 60 * 1000) } });
    const waitLimit = idempotency.timing.waitLimitMs;
    idempotency.timing.waitLimitMs = 300;
    try {
      let ran = false;
      const work = () => {
        ran = true;
        return Promise.resolve({ id: 'x' });
      };
      await expect(idempotency.run(scope, stuck.fingerprint, work)).rejects.toBeInstanceOf(IdempotencyKeyInUseError);
      expect(ran).toBe(false);

      // The claim's lease ends (its server stopped mid-way): the next request runs the mutation and stores it.
      await api.prisma.idempotencyKey.updateMany({ where: scope, data: { lockedUntil: new Date(Date.now() - 1) } });
      const outcome = await idempotency.run(scope, stuck.fingerprint, work);
      expect(outcome).toEqual({ value: { id: 'x' }, replayed: false });
      expect(ran).toBe(true);
      expect(await idempotency.run(scope, stuck.fingerprint, work)).toEqual({ value: { id: 'x' }, replayed: true });
    } finally {
      idempotency.timing.waitLimitMs = waitLimit;
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { Clock } from '../jobs/clock.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';
import { DriftService } from './drift.service.js';
import { ExceptionsService } from './exceptions.service.js';

const CREATE_DEPLOYMENT = `mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id version } }`;
const DECIDE = `query ($input: PolicyQuestionInput!) { policyDecision(input: $input) { decision reasons { source ruleId message } } }`;
const REQUEST_EXCEPTION = `mutation ($input: RequestExceptionInput!) { requestPolicyException(input: $input) { id reference state version } }`;
const DECIDE_EXCEPTION = `mutation ($input: DecideExceptionInput!) { decidePolicyException(input: $input) { id reference state version } }`;

const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;
const DAY = 24 * 3600 * 1000;

describe('policy enforcement: deployment gate, exceptions, drift and license-change watch', () => {
  let api: TestApp;
  let engineer: TestSession;
  let officer: TestSession;
  let officer2: TestSession;
  let teamId: string;
  let onPremId: string;
  let commandRId: string;

  const deployment = (overrides: Record<string, unknown> = {}) => ({
    modelVersionId: commandRId,
    teamId,
    application: 'Letters',
    environment: 'PRODUCTION',
    hostingTargetId: onPremId,
    dataClassification: 'INTERNAL',
    personalData: false,
    purpose: 'Draft customer letters',
    euAiActCategory: 'MINIMAL',
    ...overrides,
  });
  const ask = async () =>
    (
      await api.graphql<{ policyDecision: { decision: string; reasons: { source: string; message: string }[] } }>(
        DECIDE,
        {
          input: {
            model: 'command-r-v01',
            environment: 'PRODUCTION',
            dataClassification: 'INTERNAL',
            hostingTarget: 'On-prem cluster',
            teamId,
          },
        },
        engineer,
      )
    ).body.data!.policyDecision;

  beforeAll(async () => {
    api = await startTestApp();
    const engineerUser = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['letters'] });
    engineer = await api.signIn(engineerUser.email, engineerUser.password);
    officer = await api.signInAs(Role.ComplianceOfficer);
    officer2 = await api.signInAs(Role.ComplianceOfficer);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'letters' } })).id;
    await api.app
      .get(PrismaService)
      .$transaction((tx) => api.app.get(CatalogLoader).load(tx, systemActor('test-catalog')), { timeout: 60_000 });
    onPremId = (
      await api.prisma.hostingTarget.create({
        data: { name: 'On-prem cluster', mode: 'ON_PREMISES', operator: 'Northwind IT', country: 'DE', trainsOnInputs: 'NO' },
      })
    ).id;
    commandRId = (await api.prisma.modelVersion.findUniqueOrThrow({ where: { key: 'command-r-v01' } })).id;
  }, 60_000);
  afterAll(() => api.close());

  it('refuses to register a deployment the policy denies, with the reasons, writes nothing, and logs the decision', async () => {
    const before = await api.prisma.deployment.count();
    const loggedBefore = await api.prisma.policyDecisionLog.count();
    const refused = await api.graphql(CREATE_DEPLOYMENT, { input: deployment() }, engineer);
    expect(codeOf(refused)).toBe('POLICY_DENIED');
    expect(refused.body.errors![0]!.message).toContain('Non-commercial or research-only license in production');
    expect(await api.prisma.deployment.count()).toBe(before);
    expect(await api.prisma.policyDecisionLog.count()).toBe(loggedBefore + 1);
    const logged = await api.prisma.policyDecisionLog.findFirst({ orderBy: { createdAt: 'desc' } });
    expect(logged).toMatchObject({ modelVersionId: commandRId, decision: 'DENY' });
    // The same model in staging is not denied: it is registered (and awaits an approval).
    const staging = await api.graphql(CREATE_DEPLOYMENT, { input: deployment({ environment: 'STAGING' }) }, engineer);
    expect(staging.body.errors).toBeUndefined();
  });

  it('grants an exception only under four eyes; it allows the use until it expires, and says so', async () => {
    const requested = await api.graphql<{ requestPolicyException: { id: string; reference: string; version: number } }>(
      REQUEST_EXCEPTION,
      {
        input: {
          modelVersionId: commandRId,
          teamId,
          environments: ['PRODUCTION'],
          maxDataClassification: 'INTERNAL',
          ruleIds: ['deny-non-commercial-in-production'],
          justification: 'A commercial license is being negotiated with the vendor; letters are reviewed by people.',
          compensatingControls: ['Every letter is reviewed by an agent before it is sent'],
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      },
      engineer,
    );
    expect(requested.body.errors).toBeUndefined();
    const { id, reference } = requested.body.data!.requestPolicyException;
    let version = requested.body.data!.requestPolicyException.version;
    const decide = (as: TestSession, decision = 'GRANT') =>
      api.graphql<{ decidePolicyException: { state: string; version: number } }>(
        DECIDE_EXCEPTION,
        { input: { id, expectedVersion: version, decision, reason: 'Controls are adequate for 30 days.' } },
        as,
      );
    expect(codeOf(await decide(engineer))).toBe('FORBIDDEN');
    const first = await decide(officer);
    expect(first.body.data!.decidePolicyException.state).toBe('REQUESTED');
    version = first.body.data!.decidePolicyException.version;
    const again = await decide(officer);
    expect(codeOf(again)).toBe('FORBIDDEN');
    expect(again.body.errors![0]!.message).toContain('a second compliance officer');
    const second = await decide(officer2);
    expect(second.body.data!.decidePolicyException.state).toBe('GRANTED');
    const listed = await api.graphql<{
      policyExceptions: { id: string; requestedBy: { id: string } | null; grantedBy: { id: string }[] }[];
    }>(`{ policyExceptions { id requestedBy { id } grantedBy { id } } }`, {}, officer);
    // Who asked and who granted, in order: the four eyes are on record.
    expect(listed.body.data!.policyExceptions.find((exception) => exception.id === id)).toEqual({
      id,
      requestedBy: { id: engineer.userId },
      grantedBy: [{ id: officer.userId }, { id: officer2.userId }],
    });

    const allowed = await ask();
    expect(allowed.decision).toBe('ALLOW');
    expect(allowed.reasons.at(-1)!.message).toMatch(new RegExp(`^Exception ${reference} covers this use until`));
    const registered = await api.graphql<{ createDeployment: { id: string } }>(
      CREATE_DEPLOYMENT,
      { input: deployment() },
      engineer,
    );
    expect(registered.body.errors).toBeUndefined();

    const clock = api.app.get(Clock);
    try {
      clock.travelTo(new Date(Date.now() + 31 * DAY));
      expect(await api.app.get(ExceptionsService).expireLapsed()).toBe(1);
      expect(await api.app.get(ExceptionsService).expireLapsed()).toBe(0);
      expect((await ask()).decision).toBe('DENY');

      // Drift: the production deployment the exception allowed is now a violation; the staging one is not covered.
      const drift = api.app.get(DriftService);
      const first = await drift.sweep();
      expect(first.opened).toBe(2);
      const open = await api.prisma.policyViolation.findMany({
        where: { resolvedAt: null },
        select: { kind: true, deploymentId: true },
      });
      expect(open.map((v) => v.kind).sort()).toEqual(['DENIED', 'NOT_COVERED']);
      expect(await drift.sweep()).toMatchObject({ opened: 0, resolved: 0 });

      const productionId = registered.body.data!.createDeployment.id;
      const current = await api.prisma.deployment.findUniqueOrThrow({ where: { id: productionId } });
      await api.graphql(
        'mutation ($input: RetireInput!) { retireDeployment(input: $input) { id } }',
        { input: { id: productionId, expectedVersion: current.version } },
        engineer,
      );
      expect((await drift.sweep()).resolved).toBe(1);
      expect(await api.prisma.notification.count({ where: { event: 'violation.detected' } })).toBeGreaterThan(0);
    } finally {
      clock.travelTo(new Date());
    }
  });

  it('puts approvals up for re-review when the model version’s license changes', async () => {
    const version = await api.prisma.modelVersion.findUniqueOrThrow({ where: { key: 'phi-4' } });
    const approval = await api.prisma.approvalRequest.create({
      data: {
        modelVersionId: version.id,
        teamId,
        requesterId: engineer.userId,
        requestedVia: 'API',
        state: 'APPROVED',
        intendedUse: 'Code review hints',
        environments: ['STAGING'],
        hostingModes: ['ON_PREMISES'],
        maxDataClassification: 'INTERNAL',
        personalData: false,
        expectedUsers: 10n,
        validUntil: new Date(Date.now() + 200 * DAY),
      },
    });
    const full = await api.graphql<{ modelVersion: Record<string, unknown> }>(
      `query ($id: ID!) { modelVersion(id: $id) { familyName versionName providerId: provider { id } developerCountry supplier distribution modalities declaredLicense version } }`,
      { id: version.id },
      officer,
    );
    expect(full.body.errors).toBeUndefined();
    const current = full.body.data!.modelVersion as {
      familyName: string;
      versionName: string;
      providerId: { id: string };
      developerCountry: string;
      supplier: string;
      distribution: string;
      modalities: string[];
      declaredLicense: string;
      version: number;
    };
    const updated = await api.graphql(
      `mutation ($input: UpdateModelVersionInput!) { updateModelVersion(input: $input) { declaredLicense } }`,
      {
        input: {
          id: version.id,
          expectedVersion: current.version,
          providerId: current.providerId.id,
          familyName: current.familyName,
          versionName: current.versionName,
          developerCountry: current.developerCountry,
          supplier: current.supplier,
          distribution: current.distribution,
          modalities: current.modalities,
          declaredLicense: 'Apache-2.0',
          licenseNote: 'Relicensed by the publisher',
        },
      },
      officer,
    );
    expect(updated.body.errors).toBeUndefined();
    const renewal = await api.prisma.approvalRequest.findUniqueOrThrow({ where: { previousRequestId: approval.id } });
    expect(renewal).toMatchObject({
      state: 'SUBMITTED',
      cycle: 2,
      stateReason: `Re-review: its license changed from ${current.declaredLicense} to Apache-2.0`,
    });
    // An import that changes a version's license does the same.
    const gemma = await api.prisma.modelVersion.findUniqueOrThrow({ where: { key: 'gemma-7b' } });
    const gemmaApproval = await api.prisma.approvalRequest.create({
      data: {
        modelVersionId: gemma.id,
        teamId,
        requesterId: engineer.userId,
        requestedVia: 'API',
        state: 'APPROVED',
        intendedUse: 'Summaries',
        environments: ['STAGING'],
        hostingModes: ['ON_PREMISES'],
        maxDataClassification: 'INTERNAL',
        personalData: false,
        expectedUsers: 10n,
        validUntil: new Date(Date.now() + 200 * DAY),
      },
    });
    const exported = await api.graphql<{ inventoryExport: { content: string } }>(
      'query { inventoryExport(format: JSON) { content } }',
      {},
      officer,
    );
    const file = JSON.parse(exported.body.data!.inventoryExport.content) as {
      modelVersions: { versionName: string; declaredLicense: string }[];
    };
    const record = file.modelVersions.find((v) => v.versionName === gemma.versionName)!;
    record.declaredLicense = 'Apache-2.0';
    const imported = await api.graphql<{ importInventory: { ok: boolean; updated: number } }>(
      'mutation ($input: ImportInventoryInput!) { importInventory(input: $input) { ok updated } }',
      { input: { content: JSON.stringify(file), format: 'JSON', dryRun: false } },
      officer,
    );
    expect(imported.body.data!.importInventory).toMatchObject({ ok: true, updated: 1 });
    expect(
      await api.prisma.approvalRequest.findUnique({
        where: { previousRequestId: gemmaApproval.id },
        select: { stateReason: true },
      }),
    ).toEqual({
      stateReason: 'Re-review: its license changed in an inventory import',
    });

    const told = await api.prisma.notification.findFirst({
      where: { userId: engineer.userId, event: 'approval.review_needed' },
      select: { title: true },
    });
    expect(told?.title).toContain('needs a re-review');
  });
});

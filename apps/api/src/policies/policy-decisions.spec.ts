import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadCatalog } from '@modelgate/catalog';
import { Role } from '@modelgate/domain/auth';
import { DEFAULT_COUNTRIES_OF_CONCERN, DEFAULT_POLICY_SET } from '@modelgate/domain/policy';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const DECIDE = `query ($input: PolicyQuestionInput!) {
  policyDecision(input: $input) { id decision policyVersion reasons { source ruleId message } modelVersion { key } approval { reference } }
}`;
type Decision = {
  id: string;
  decision: string;
  policyVersion: number;
  reasons: { source: string; ruleId: string | null; message: string }[];
};

const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;

describe('policy decisions (the CI gate)', () => {
  let api: TestApp;
  let engineer: TestSession;
  let officer: TestSession;
  let officer2: TestSession;
  let teamId: string;

  const ask = async (input: Record<string, unknown>, as: TestSession = engineer) => {
    const response = await api.graphql<{ policyDecision: Decision }>(DECIDE, { input }, as);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.policyDecision;
  };

  beforeAll(async () => {
    api = await startTestApp();
    const engineerUser = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['gate-team'] });
    engineer = await api.signIn(engineerUser.email, engineerUser.password);
    officer = await api.signInAs(Role.ComplianceOfficer);
    officer2 = await api.signInAs(Role.ComplianceOfficer);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'gate-team' } })).id;
    await api.app
      .get(PrismaService)
      .$transaction((tx) => api.app.get(CatalogLoader).load(tx, systemActor('test-catalog')), { timeout: 60_000 });
    await api.prisma.hostingTarget.createMany({
      data: [
        { name: 'On-prem cluster', mode: 'ON_PREMISES', operator: 'Northwind IT', country: 'DE', trainsOnInputs: 'NO' },
        {
          name: 'Chatty API',
          mode: 'VENDOR_API',
          operator: 'Chatty Inc',
          country: 'US',
          trainsOnInputs: 'YES',
          retentionDays: 30,
        },
      ],
    });
  }, 60_000);
  afterAll(() => api.close());

  it('gives every catalog model the decision the default policy documents, per environment and data class', async () => {
    const catalog = loadCatalog();
    const stored = new Map(
      (await api.prisma.modelVersion.findMany({ select: { key: true, licenseClass: true, effectiveOrigin: true } })).map(
        (row) => [row.key, row],
      ),
    );
    let checked = 0;
    for (const version of catalog.modelVersions) {
      const facts = stored.get(version.key)!;
      for (const environment of ['DEVELOPMENT', 'PRODUCTION']) {
        for (const dataClassification of ['INTERNAL', 'RESTRICTED']) {
          // docs/policies.md, on-premises without verified weights and without approvals:
          const ofConcern = facts.effectiveOrigin.some((country) => DEFAULT_COUNTRIES_OF_CONCERN.includes(country));
          const expected =
            facts.licenseClass === 'UNKNOWN' ||
            (facts.licenseClass === 'NON_COMMERCIAL' && environment === 'PRODUCTION') ||
            (ofConcern && dataClassification === 'RESTRICTED')
              ? 'DENY'
              : 'REVIEW_REQUIRED';
          const decision = await ask({ model: version.key, environment, dataClassification, hostingTarget: 'On-prem cluster' });
          expect({ model: version.key, environment, dataClassification, decision: decision.decision }).toEqual({
            model: version.key,
            environment,
            dataClassification,
            decision: expected,
          });
          checked += 1;
        }
      }
    }
    expect(checked).toBe(catalog.modelVersions.length * 4);
    // Known cases, named: a non-commercial license in production, a distill of Chinese origin with restricted data.
    const commandR = await ask({
      model: 'command-r-v01',
      environment: 'PRODUCTION',
      dataClassification: 'INTERNAL',
      hostingTarget: 'On-prem cluster',
    });
    expect(commandR.reasons.map((r) => r.ruleId)).toContain('deny-non-commercial-in-production');
    const distill = await ask({
      model: 'deepseek-r1-distill-llama-70b',
      environment: 'DEVELOPMENT',
      dataClassification: 'INTERNAL',
      hostingTarget: 'On-prem cluster',
    });
    expect(distill.reasons.map((r) => r.ruleId)).toContain('review-countries-of-concern');
    const chatty = await ask({
      model: 'llama-3.1-8b-instruct',
      environment: 'STAGING',
      dataClassification: 'CONFIDENTIAL',
      hostingTarget: 'Chatty API',
    });
    expect(chatty).toMatchObject({ decision: 'DENY', policyVersion: 0 });
  }, 120_000);

  it('allows a use an approval covers, and logs every decision with who asked', async () => {
    const version = await api.prisma.modelVersion.findUniqueOrThrow({ where: { key: 'llama-3.1-8b-instruct' } });
    const reviewer = await api.createUser({ roles: [Role.ComplianceOfficer] });
    const approval = await api.prisma.approvalRequest.create({
      data: {
        modelVersionId: version.id,
        teamId,
        requestedVia: 'API',
        state: 'APPROVED',
        intendedUse: 'Invoice extraction',
        environments: ['STAGING', 'PRODUCTION'],
        hostingModes: ['ON_PREMISES'],
        maxDataClassification: 'CONFIDENTIAL',
        personalData: false,
        expectedUsers: 10n,
        weightsSha256: version.weightsSha256,
        validUntil: new Date(Date.now() + 90 * 24 * 3600 * 1000),
        votes: { create: { personId: reviewer.id, decision: 'APPROVE', asComplianceOfficer: true, rationale: 'Fine.' } },
      },
    });
    const question = {
      model: 'llama-3.1-8b-instruct',
      environment: 'PRODUCTION',
      dataClassification: 'CONFIDENTIAL',
      hostingTarget: 'On-prem cluster',
      teamId,
    };
    const allowed = await ask(question);
    expect(allowed.decision).toBe('ALLOW');
    expect(allowed.reasons.at(-1)!.message).toMatch(new RegExp(`^Approved by AR-${approval.number} until`));
    const outside = await ask({ ...question, dataClassification: 'RESTRICTED' });
    expect(outside.decision).toBe('REVIEW_REQUIRED');
    expect(outside.reasons.at(-1)!.message).toContain("RESTRICTED data is above the scope's CONFIDENTIAL");
    const logged = await api.prisma.policyDecisionLog.findUniqueOrThrow({ where: { id: allowed.id } });
    expect(logged).toMatchObject({
      decision: 'ALLOW',
      approvalRequestId: approval.id,
      actorType: 'USER',
      actorId: engineer.userId,
      policyVersion: 0,
    });
  });

  it('answers pipelines over plain HTTP with a scoped token, and refuses the rest clearly', async () => {
    const token = await api.graphql<{ createApiToken: { secret: string } }>(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
      { input: { name: 'gate', scopes: ['decisions:read'], expiresInDays: 1 } },
      engineer,
    );
    const secret = token.body.data!.createApiToken.secret;
    const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) =>
      fetch(`${api.baseUrl}/api/v1/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const ok = await post({
      model: 'qwen2.5-7b-instruct',
      environment: 'PRODUCTION',
      dataClassification: 'RESTRICTED',
      hostingTarget: 'On-prem cluster',
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { decision: string; reasons: { ruleId?: string }[]; modelVersion: { key: string } };
    expect(body).toMatchObject({ decision: 'DENY', modelVersion: { key: 'qwen2.5-7b-instruct' } });
    expect(body.reasons.map((r) => r.ruleId)).toContain('deny-restricted-data-countries-of-concern');
    expect(await api.prisma.policyDecisionLog.count({ where: { actorType: 'TOKEN' } })).toBe(1);

    const anonymous = await post({}, {});
    expect(anonymous.status).toBe(401);
    const bad = await post({ model: 'qwen2.5-7b-instruct', environment: 'PROD', hostingTarget: 'Nowhere' });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { errors: { extensions: { code: string; fields: { field: string }[] } }[] };
    expect(badBody.errors[0]!.extensions.code).toBe('VALIDATION_FAILED');
    expect(badBody.errors[0]!.extensions.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['input.environment', 'input.dataClassification']),
    );
    const unknownModel = await post({
      model: 'no-such-model',
      environment: 'PRODUCTION',
      dataClassification: 'PUBLIC',
      hostingTarget: 'On-prem cluster',
    });
    expect(unknownModel.status).toBe(400);

    const narrow = await api.graphql<{ createApiToken: { secret: string } }>(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
      { input: { name: 'narrow', scopes: ['models:read'], expiresInDays: 1 } },
      engineer,
    );
    const forbidden = await post(
      { model: 'qwen2.5-7b-instruct', environment: 'PRODUCTION', dataClassification: 'PUBLIC', hostingTarget: 'On-prem cluster' },
      { authorization: `Bearer ${narrow.body.data!.createApiToken.secret}` },
    );
    expect(forbidden.status).toBe(403);
  });

  it('activates a drafted policy only under four eyes, after a preview of what it changes', async () => {
    await api.prisma.deployment.create({
      data: {
        modelVersionId: (await api.prisma.modelVersion.findUniqueOrThrow({ where: { key: 'gemma-2-9b-it' } })).id,
        teamId,
        application: 'Ticket triage',
        environment: 'STAGING',
        hostingTargetId: (await api.prisma.hostingTarget.findUniqueOrThrow({ where: { name: 'On-prem cluster' } })).id,
        dataClassification: 'CONFIDENTIAL',
        personalData: false,
        purpose: 'Triage',
        euAiActCategory: 'MINIMAL',
        registeredVia: 'API',
      },
    });
    const stricter = {
      ...DEFAULT_POLICY_SET,
      rules: [
        ...DEFAULT_POLICY_SET.rules,
        {
          id: 'deny-northwind-confidential',
          name: 'No confidential data on the Northwind cluster',
          when: {
            all: [
              { fact: 'hosting.operator', op: 'eq', value: 'Northwind IT' },
              { fact: 'use.dataClassification', op: 'atLeast', value: 'CONFIDENTIAL' },
            ],
          },
          outcome: 'DENY',
          reason: 'The cluster is not certified for confidential data.',
        },
      ],
    };
    const preview = await api.graphql<{
      policyPreview: { deploymentsChecked: number; changes: { description: string; before: string; after: string }[] };
    }>(
      'query ($policy: JSON!) { policyPreview(policy: $policy) { deploymentsChecked changes { description before after } } }',
      { policy: stricter },
      officer,
    );
    expect(preview.body.data!.policyPreview.changes).toEqual([
      expect.objectContaining({
        description: expect.stringContaining('Ticket triage'),
        before: 'REVIEW_REQUIRED',
        after: 'DENY',
      }),
    ]);

    const invalid = await api.graphql(
      'mutation ($input: DraftPolicyInput!) { draftPolicyVersion(input: $input) { id } }',
      {
        input: {
          policy: {
            countryGroups: {},
            rules: [
              { id: 'x', name: 'X', outcome: 'DENY', reason: 'r', when: { fact: 'use.environment', op: 'eq', value: 'PROD' } },
            ],
          },
        },
      },
      officer,
    );
    expect(invalid.body.errors![0]!.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'input.policy.rules.0.when.value' }],
    });

    const drafted = await api.graphql<{ draftPolicyVersion: { id: string; version: number; status: string } }>(
      'mutation ($input: DraftPolicyInput!) { draftPolicyVersion(input: $input) { id version status } }',
      { input: { policy: stricter, note: 'Northwind cluster restriction' } },
      officer,
    );
    const { id, version } = drafted.body.data!.draftPolicyVersion;
    const activate = (as: TestSession) =>
      api.graphql<{ activatePolicyVersion: { status: string } }>(
        'mutation ($input: PolicyVersionStepInput!) { activatePolicyVersion(input: $input) { status } }',
        { input: { id, expectedVersion: version } },
        as,
      );
    const own = await activate(officer);
    expect(codeOf(own)).toBe('FORBIDDEN');
    const byEngineer = await activate(engineer);
    expect(codeOf(byEngineer)).toBe('FORBIDDEN');
    expect((await activate(officer2)).body.data!.activatePolicyVersion.status).toBe('ACTIVE');

    const after = await ask({
      model: 'gemma-2-9b-it',
      environment: 'STAGING',
      dataClassification: 'CONFIDENTIAL',
      hostingTarget: 'On-prem cluster',
    });
    expect(after.decision).toBe('DENY');
    expect(after.policyVersion).toBeGreaterThan(0);
    expect(after.reasons.find((r) => r.ruleId === 'deny-northwind-confidential')!.message).toBe(
      'No confidential data on the Northwind cluster: The cluster is not certified for confidential data.',
    );
    expect(await api.prisma.auditEvent.count({ where: { action: 'policy_version.activate', entityId: id } })).toBe(1);
  });

  it('follows an activation made by another instance at once, and finds the model however the question names it', async () => {
    const question = { environment: 'PRODUCTION', dataClassification: 'PUBLIC', hostingTarget: 'on-prem CLUSTER' };
    const version = await api.prisma.modelVersion.findUniqueOrThrow({
      where: { key: 'qwen2.5-7b-instruct' },
      select: { id: true, versionName: true, provider: { select: { name: true } } },
    });
    const byKey = await ask({ ...question, model: 'qwen2.5-7b-instruct' });
    const byId = await ask({ ...question, modelVersionId: version.id });
    const byNames = await ask({ ...question, model: version.versionName.toUpperCase(), provider: version.provider.name });
    expect([byId.decision, byNames.decision]).toEqual([byKey.decision, byKey.decision]);
    expect(byKey.decision).not.toBe('DENY');
    // ILIKE wildcards in a name are plain characters: '%' matches no version.
    const wildcard = await api.graphql(DECIDE, { input: { ...question, model: '%', provider: version.provider.name } }, engineer);
    expect(codeOf(wildcard)).toBe('VALIDATION_FAILED');

    // Another replica activates a policy that denies everything in production (a direct write, as its transaction would).
    const denyProduction = {
      ...DEFAULT_POLICY_SET,
      rules: [
        {
          id: 'deny-all-production',
          name: 'Production frozen',
          when: { fact: 'use.environment', op: 'eq', value: 'PRODUCTION' },
          outcome: 'DENY',
          reason: 'Change freeze.',
        },
      ],
    };
    const activated = await api.prisma.$transaction(async (tx) => {
      await tx.policyVersion.updateMany({
        where: { status: 'ACTIVE' },
        data: { status: 'SUPERSEDED', version: { increment: 1 } },
      });
      return tx.policyVersion.create({ data: { policy: denyProduction, status: 'ACTIVE', activatedAt: new Date() } });
    });
    const frozen = await ask({ ...question, model: 'qwen2.5-7b-instruct' });
    expect(frozen).toMatchObject({ decision: 'DENY', policyVersion: activated.number });
    expect(frozen.reasons.map((reason) => reason.ruleId)).toContain('deny-all-production');
    const logged = await api.prisma.policyDecisionLog.findUniqueOrThrow({ where: { id: frozen.id } });
    expect(logged).toMatchObject({ decision: 'DENY', policyVersion: activated.number, channel: 'ADMIN_APP' });
  });
});

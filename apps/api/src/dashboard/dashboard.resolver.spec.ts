import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Prisma } from '@modelgate/db';
import { Role } from '@modelgate/domain/auth';
import { ErrorCode } from '@modelgate/domain/errors';
import { seedReportScenario } from '../reports/testing/report-fixture.js';
import { startTestApp, type TestApp, type TestSession } from '../testing/test-app.js';

const DASHBOARD = `{
  dashboard {
    generatedAt versionsInUse
    inUseByDeveloperCountry { key count }
    inUseByEffectiveOrigin { key count }
    inUseByLicenseClass { key count }
    inUseByHostingMode { key count }
    inUseByRiskTier { key count }
    approvalsByState { state count oldestAgeDays medianAgeDays }
    openApprovalsByAge { under7Days from7To30Days over30Days }
    approvalsExpiring { within30Days within60Days within90Days }
    openViolations { total byKind { key count } }
    exceptions { awaitingDecision active expiringWithin30Days expired }
    gateDecisionsPerDay { day allow reviewRequired deny }
    viewerWork { approvalRequestsByState { state count oldestAgeDays medianAgeDays } reviewsWaiting }
  }
}`;

type Count = { key: string; count: number };
type StateCount = { state: string; count: number; oldestAgeDays: number; medianAgeDays: number };
type GateDay = { day: string; allow: number; reviewRequired: number; deny: number };
type DashboardView = {
  generatedAt: string;
  versionsInUse: number;
  inUseByDeveloperCountry: Count[];
  inUseByEffectiveOrigin: Count[];
  inUseByLicenseClass: Count[];
  inUseByHostingMode: Count[];
  inUseByRiskTier: Count[];
  approvalsByState: StateCount[];
  openApprovalsByAge: { under7Days: number; from7To30Days: number; over30Days: number };
  approvalsExpiring: { within30Days: number; within60Days: number; within90Days: number };
  openViolations: { total: number; byKind: Count[] };
  exceptions: { awaitingDecision: number; active: number; expiringWithin30Days: number; expired: number };
  gateDecisionsPerDay: GateDay[];
  viewerWork: { approvalRequestsByState: StateCount[]; reviewsWaiting: number };
};

const DAY_MS = 86_400_000;

describe('the dashboard over GraphQL', () => {
  let api: TestApp;
  let auditor: TestSession;
  let engineer: TestSession;
  let reviewer: TestSession;
  let officer: TestSession;
  const seededAt = Date.now();
  // Half days keep every seeded moment clear of a whole-day boundary, however long the test takes.
  const daysFromNow = (days: number) => new Date(seededAt + days * DAY_MS);
  const gateDecisions: Array<{ decision: 'ALLOW' | 'REVIEW_REQUIRED' | 'DENY'; createdAt: Date }> = [
    { decision: 'ALLOW', createdAt: daysFromNow(-0.0005) },
    { decision: 'ALLOW', createdAt: daysFromNow(-0.0005) },
    { decision: 'DENY', createdAt: daysFromNow(-0.0005) },
    { decision: 'REVIEW_REQUIRED', createdAt: daysFromNow(-5) },
    { decision: 'DENY', createdAt: daysFromNow(-28.5) },
    // Older than the chart's 30 days.
    { decision: 'ALLOW', createdAt: daysFromNow(-31) },
  ];

  const dashboardAs = async (session?: TestSession) => api.graphql<{ dashboard: DashboardView }>(DASHBOARD, {}, session);
  const dashboardOf = async (session: TestSession): Promise<DashboardView> => {
    const response = await dashboardAs(session);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.dashboard;
  };

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
    officer = await api.signInAs(Role.ComplianceOfficer);
    const engineerUser = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['payments'] });
    const reviewerUser = await api.createUser({ roles: [Role.Reviewer] });
    engineer = await api.signIn(engineerUser.email, engineerUser.password);
    reviewer = await api.signIn(reviewerUser.email, reviewerUser.password);
    const scenario = await seedReportScenario(api.prisma, {
      engineerId: engineerUser.id,
      officerId: officer.userId,
      reviewerId: reviewerUser.id,
    });
    const { prisma } = api;

    // Model versions beside the scenario's two (Qwen from CN, GPT-4o from the US, both deployed).
    const privateCloud = await prisma.hostingTarget.create({
      data: { name: 'Private cloud', mode: 'PRIVATE_CLOUD', operator: 'Northwind IT', country: 'DE', trainsOnInputs: 'NO' },
    });
    const version = (key: string, developerCountry: string, effectiveOrigin: string[], licenseClass: string, retiredAt?: Date) =>
      prisma.modelVersion.create({
        data: {
          key,
          providerId: scenario.qwen.providerId,
          familyName: key,
          versionName: key,
          developerCountry,
          supplier: 'Hugging Face',
          distribution: 'OPEN_WEIGHTS',
          effectiveOrigin,
          licenseClass,
          retiredAt,
        },
      });
    const derived = await version('derived-fine-tune', 'US', ['CN', 'US'], 'NON_COMMERCIAL');
    const lapsed = await version('lapsed-model', 'FR', ['FR'], 'PERMISSIVE');
    const retired = await version('retired-model', 'DE', ['DE'], 'PERMISSIVE', daysFromNow(-1));
    const idle = await version('idle-model', 'JP', ['JP'], 'COPYLEFT');
    const shelf = await version('shelf-model', 'GB', ['GB'], 'PERMISSIVE');
    const deploy = (modelVersionId: string, hostingTargetId: string, status: 'ACTIVE' | 'RETIRED' = 'ACTIVE') =>
      prisma.deployment.create({
        data: {
          modelVersionId,
          teamId: scenario.payments.id,
          application: `App of ${modelVersionId}`,
          environment: 'DEVELOPMENT',
          hostingTargetId,
          dataClassification: 'INTERNAL',
          personalData: false,
          purpose: 'Dashboard test',
          euAiActCategory: 'MINIMAL',
          registeredVia: 'API',
          status,
          retiredAt: status === 'RETIRED' ? daysFromNow(-2) : null,
        },
      });
    const derivedOnPrem = await deploy(derived.id, scenario.onPrem.id);
    await deploy(derived.id, scenario.onPrem.id);
    await deploy(derived.id, scenario.openaiApi.id);
    const lapsedOnPrem = await deploy(lapsed.id, scenario.onPrem.id);
    await deploy(retired.id, scenario.onPrem.id);
    await deploy(idle.id, privateCloud.id, 'RETIRED');

    const request = (
      modelVersionId: string,
      requesterId: string,
      fields: Partial<Prisma.ApprovalRequestUncheckedCreateInput> & Pick<Prisma.ApprovalRequestUncheckedCreateInput, 'state'>,
    ) =>
      prisma.approvalRequest.create({
        data: {
          modelVersionId,
          requesterId,
          teamId: scenario.payments.id,
          requestedVia: 'ADMIN_APP',
          intendedUse: 'Dashboard test',
          environments: ['DEVELOPMENT'],
          hostingModes: ['ON_PREMISES'],
          maxDataClassification: 'INTERNAL',
          personalData: false,
          expectedUsers: 10n,
          ...fields,
        },
      });
    // The lapsed version's latest approval ran out (EXPIRED, LOW); a newer draft does not replace it.
    await request(lapsed.id, officer.userId, {
      state: 'APPROVED',
      riskTier: 'LOW',
      submittedAt: daysFromNow(-400.5),
      validUntil: daysFromNow(-10),
    });
    await request(lapsed.id, officer.userId, { state: 'DRAFT' });
    // A withdrawn request never counts as the latest: the derived version was never assessed.
    await request(derived.id, engineerUser.id, { state: 'WITHDRAWN', riskTier: 'CRITICAL', submittedAt: daysFromNow(-5.5) });
    const fresh = await request(shelf.id, engineerUser.id, { state: 'SUBMITTED', submittedAt: daysFromNow(-3.5) });
    const inReview = await request(shelf.id, engineerUser.id, { state: 'IN_REVIEW', submittedAt: daysFromNow(-10.5) });
    const stale = await request(shelf.id, officer.userId, { state: 'SUBMITTED', submittedAt: daysFromNow(-40.5) });
    const endingSoon = await request(shelf.id, officer.userId, {
      state: 'APPROVED',
      submittedAt: daysFromNow(-100.5),
      validUntil: daysFromNow(20.5),
    });
    await request(shelf.id, officer.userId, {
      state: 'APPROVED_WITH_CONDITIONS',
      submittedAt: daysFromNow(-100.5),
      validUntil: daysFromNow(50.5),
    });
    await request(shelf.id, officer.userId, {
      state: 'APPROVED',
      submittedAt: daysFromNow(-200.5),
      validUntil: daysFromNow(80.5),
    });
    await request(shelf.id, officer.userId, {
      state: 'APPROVED',
      submittedAt: daysFromNow(-300.5),
      validUntil: daysFromNow(120.5),
    });

    // The reviewer's queue: assigned reviews of open requests only.
    const review = (requestId: string, status: 'ASSIGNED' | 'SIGNED_OFF') =>
      prisma.riskReview.create({
        data: {
          requestId,
          category: 'security',
          reviewerId: reviewerUser.id,
          status,
          dueAt: daysFromNow(7),
          ...(status === 'SIGNED_OFF'
            ? { likelihood: 2, impact: 2, tier: 'LOW', findings: 'Nothing of note.', signedOffAt: daysFromNow(-1) }
            : {}),
        },
      });
    await review(inReview.id, 'ASSIGNED');
    await review(stale.id, 'ASSIGNED');
    await review(fresh.id, 'SIGNED_OFF');
    await review(endingSoon.id, 'ASSIGNED');

    // The scenario's one violation is resolved; these three are open.
    const violation = (deploymentId: string, kind: string) =>
      prisma.policyViolation.create({ data: { deploymentId, kind, message: `${kind} in a test`, policyVersion: 3 } });
    await violation(scenario.replies.id, 'DENIED');
    await violation(derivedOnPrem.id, 'DENIED');
    await violation(lapsedOnPrem.id, 'NOT_COVERED');

    // The scenario's exception was granted until 2026-09-03: it has run out, though still marked GRANTED.
    const exception = (state: string, expiresAt: Date) =>
      prisma.policyException.create({
        data: {
          modelVersionId: derived.id,
          environments: ['DEVELOPMENT'],
          maxDataClassification: 'INTERNAL',
          justification: 'Dashboard test',
          state,
          expiresAt,
          firstApproverId: officer.userId,
          secondApproverId: reviewerUser.id,
        },
      });
    await exception('GRANTED', daysFromNow(10.5));
    await exception('GRANTED', daysFromNow(45.5));
    await exception('REQUESTED', daysFromNow(60));
    await exception('EXPIRED', daysFromNow(-5));
    await exception('REJECTED', daysFromNow(30));
    await exception('REVOKED', daysFromNow(30));

    for (const { decision, createdAt } of gateDecisions) {
      await prisma.policyDecisionLog.create({
        data: {
          modelVersionId: derived.id,
          question: { environment: 'DEVELOPMENT', hostingTargetId: scenario.onPrem.id, dataClassification: 'INTERNAL' },
          decision,
          reasons: [],
          policyVersion: 3,
          actorType: 'TOKEN',
          actorLabel: 'ci',
          channel: 'API',
          createdAt,
        },
      });
    }
  });
  afterAll(() => api.close());

  it('counts model versions in use (not retired, an active deployment) along each dimension', async () => {
    const dashboard = await dashboardOf(auditor);
    expect(dashboard.versionsInUse).toBe(4);
    expect(dashboard.inUseByDeveloperCountry).toEqual([
      { key: 'US', count: 2 },
      { key: 'CN', count: 1 },
      { key: 'FR', count: 1 },
    ]);
    expect(dashboard.inUseByEffectiveOrigin).toEqual([
      { key: 'CN', count: 2 },
      { key: 'US', count: 2 },
      { key: 'FR', count: 1 },
    ]);
    expect(dashboard.inUseByLicenseClass).toEqual([
      { key: 'PERMISSIVE', count: 2 },
      { key: 'NON_COMMERCIAL', count: 1 },
      { key: 'RESTRICTED_COMMERCIAL', count: 1 },
    ]);
    // The derived version runs on premises twice and on a vendor API: once per mode.
    expect(dashboard.inUseByHostingMode).toEqual([
      { key: 'ON_PREMISES', count: 3 },
      { key: 'VENDOR_API', count: 2 },
    ]);
    // Qwen: approved HIGH; GPT-4o: rejected MEDIUM (its later request was withdrawn); lapsed: expired LOW; derived: never assessed.
    expect(dashboard.inUseByRiskTier).toEqual([
      { key: 'HIGH', count: 1 },
      { key: 'LOW', count: 1 },
      { key: 'MEDIUM', count: 1 },
      { key: 'NONE', count: 1 },
    ]);
  });

  it('counts approval requests by state as it stands, with their ages, the open ones by age and the approvals about to end', async () => {
    const dashboard = await dashboardOf(auditor);
    const now = Date.parse(dashboard.generatedAt);
    const ageOf = (iso: string) => Math.floor((now - Date.parse(iso)) / DAY_MS);
    const approvedQwen = ageOf('2026-07-02T10:00:00Z');
    const rejectedGpt = ageOf('2026-07-20T10:00:00Z');
    const withdrawnGpt = ageOf('2026-05-02T10:00:00Z');
    expect(dashboard.approvalsByState).toEqual([
      { state: 'DRAFT', count: 1, oldestAgeDays: 0, medianAgeDays: 0 },
      { state: 'SUBMITTED', count: 2, oldestAgeDays: 40, medianAgeDays: 21 },
      { state: 'IN_REVIEW', count: 1, oldestAgeDays: 10, medianAgeDays: 10 },
      { state: 'APPROVED', count: 3, oldestAgeDays: 300, medianAgeDays: 200 },
      {
        state: 'APPROVED_WITH_CONDITIONS',
        count: 2,
        oldestAgeDays: Math.max(approvedQwen, 100),
        medianAgeDays: Math.floor((approvedQwen + 100) / 2),
      },
      { state: 'REJECTED', count: 1, oldestAgeDays: rejectedGpt, medianAgeDays: rejectedGpt },
      { state: 'WITHDRAWN', count: 2, oldestAgeDays: withdrawnGpt, medianAgeDays: Math.floor((withdrawnGpt + 5) / 2) },
      { state: 'EXPIRED', count: 1, oldestAgeDays: 400, medianAgeDays: 400 },
    ]);
    expect(dashboard.openApprovalsByAge).toEqual({ under7Days: 1, from7To30Days: 1, over30Days: 1 });
    expect(dashboard.approvalsExpiring).toEqual({ within30Days: 1, within60Days: 2, within90Days: 3 });
  });

  it('counts open violations by kind and exceptions by where they stand', async () => {
    const dashboard = await dashboardOf(auditor);
    expect(dashboard.openViolations).toEqual({
      total: 3,
      byKind: [
        { key: 'DENIED', count: 2 },
        { key: 'NOT_COVERED', count: 1 },
      ],
    });
    expect(dashboard.exceptions).toEqual({ awaitingDecision: 1, active: 2, expiringWithin30Days: 1, expired: 2 });
  });

  it("charts the gate's decisions per UTC day over the last 30 days, quiet days included as zeros", async () => {
    const dashboard = await dashboardOf(auditor);
    const today = Date.parse(`${dashboard.generatedAt.slice(0, 10)}T00:00:00Z`);
    const expected = Array.from({ length: 30 }, (_, index) => {
      const day = new Date(today - (29 - index) * DAY_MS).toISOString().slice(0, 10);
      const that = gateDecisions.filter((entry) => entry.createdAt.toISOString().slice(0, 10) === day);
      const count = (decision: string) => that.filter((entry) => entry.decision === decision).length;
      return { day, allow: count('ALLOW'), reviewRequired: count('REVIEW_REQUIRED'), deny: count('DENY') };
    });
    expect(dashboard.gateDecisionsPerDay).toEqual(expected);
    const totals = dashboard.gateDecisionsPerDay.reduce(
      (sum, day) => ({
        allow: sum.allow + day.allow,
        reviewRequired: sum.reviewRequired + day.reviewRequired,
        deny: sum.deny + day.deny,
      }),
      { allow: 0, reviewRequired: 0, deny: 0 },
    );
    expect(totals).toEqual({ allow: 2, reviewRequired: 1, deny: 2 });
  });

  it('gives each caller their own requests and review queue; an auditor has neither', async () => {
    const mine = (await dashboardOf(engineer)).viewerWork;
    expect(mine.reviewsWaiting).toBe(0);
    expect(mine.approvalRequestsByState.map(({ state, count }) => ({ state, count }))).toEqual([
      { state: 'SUBMITTED', count: 1 },
      { state: 'IN_REVIEW', count: 1 },
      { state: 'APPROVED_WITH_CONDITIONS', count: 1 },
      { state: 'REJECTED', count: 1 },
      { state: 'WITHDRAWN', count: 2 },
    ]);
    // Two open requests wait for the reviewer; the signed-off review and the one on an approved request do not.
    expect((await dashboardOf(reviewer)).viewerWork).toEqual({ approvalRequestsByState: [], reviewsWaiting: 2 });
    expect((await dashboardOf(auditor)).viewerWork).toEqual({ approvalRequestsByState: [], reviewsWaiting: 0 });
  });

  it('is for everyone who may read gate decisions: not admins, not anonymous callers', async () => {
    for (const session of [officer, reviewer, engineer, auditor]) {
      expect((await dashboardOf(session)).versionsInUse).toBe(4);
    }
    const admin = await api.signInAs(Role.Admin);
    expect((await dashboardAs(admin)).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Forbidden);
    expect((await dashboardAs()).body.errors?.[0]?.extensions?.code).toBe(ErrorCode.Unauthenticated);
  });
});

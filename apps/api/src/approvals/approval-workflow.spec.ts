import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';
import { ApprovalJobsService } from './approval-jobs.service.js';

const REQUEST_FIELDS = `id reference state version riskTier weightsSha256 validUntil policyVersion cycle
  conditions { kind description }
  requirements { tier categories missingReviews approvers complianceOfficerRequired approvalsGiven }
  reviews { id category status version tier reviewer { email } }`;
const CREATE = `mutation ($input: CreateApprovalRequestInput!) { createApprovalRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const ASSIGN = `mutation ($input: AssignReviewInput!) { assignReview(input: $input) { id version category status } }`;
const FILE = `mutation ($input: FileReviewInput!) { fileReview(input: $input) { id version status tier } }`;
const DECIDE = `mutation ($input: DecideInput!) { decideApprovalRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const GET = `query ($id: ID!) { approvalRequest(id: $id) { ${REQUEST_FIELDS} timeline { action } } }`;
const WITHDRAW = `mutation ($input: RequestStepInput!) { withdrawApprovalRequest(input: $input) { id state version } }`;
const EVIDENCE = `mutation ($input: AddEvidenceInput!) { addReviewEvidence(input: $input) { id kind sha256 sizeBytes } }`;
const EVIDENCE_FILE = `query ($id: ID!) { reviewEvidence(id: $id) { fileName contentType sha256 contentBase64 } }`;

type Request = {
  id: string;
  reference: string;
  state: string;
  version: number;
  riskTier: string | null;
  weightsSha256: string | null;
  validUntil: string | null;
  policyVersion: number | null;
  cycle: number;
  conditions: { kind: string; description: string }[];
  requirements: { tier: string; categories: string[]; missingReviews: string[]; approvers: number; approvalsGiven: number };
  reviews: { id: string; category: string; status: string; version: number; tier: string | null; reviewer: { email: string } }[];
};

const WEIGHTS = 'ab'.repeat(32);
const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;
const fieldsOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.fields ?? [];

const scope = {
  intendedUse: 'Summarise confidential support tickets for agents',
  environments: ['PRODUCTION'],
  hostingModes: ['ON_PREMISES'],
  maxDataClassification: 'CONFIDENTIAL',
  personalData: false,
  expectedUsers: 150,
};

describe('approval workflow over HTTP', () => {
  let api: TestApp;
  let engineer: TestSession;
  let teammate: TestSession;
  let security: TestSession;
  let legal: TestSession;
  let officer: TestSession;
  let officer2: TestSession;
  let editor: TestSession;
  let modelVersionId: string;

  const sessionAs = async (roles: Role[], options: { teams?: string[]; categories?: string[] } = {}) => {
    const user = await api.createUser({ roles, teamSlugs: options.teams ?? [] });
    if (options.categories)
      await api.prisma.user.update({ where: { id: user.id }, data: { reviewCategories: options.categories } });
    return api.signIn(user.email, user.password);
  };

  const create = async (overrides: Record<string, unknown> = {}, as = engineer) => {
    const response = await api.graphql<{ createApprovalRequest: Request }>(
      CREATE,
      { input: { modelVersionId, scope, submit: true, ...overrides } },
      as,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.createApprovalRequest;
  };

  const get = async (id: string) =>
    (await api.graphql<{ approvalRequest: Request & { timeline: { action: string }[] } }>(GET, { id }, officer)).body.data!
      .approvalRequest;

  /** Assigns and signs off every required review with this rating (a high one may add categories); returns the request then. */
  const reviewAll = async (request: Request, likelihood: number, impact: number): Promise<Request> => {
    let current = request;
    while (current.requirements.missingReviews.length > 0) {
      const category = current.requirements.missingReviews[0]!;
      const reviewer = ['security', 'sovereignty', 'quality', 'regulatory'].includes(category) ? security : legal;
      const assigned = await api.graphql<{ assignReview: { id: string; version: number } }>(
        ASSIGN,
        { input: { requestId: current.id, expectedVersion: current.version, category, reviewerId: reviewer.userId } },
        officer,
      );
      expect(assigned.body.errors).toBeUndefined();
      const filed = await api.graphql(
        FILE,
        {
          input: {
            reviewId: assigned.body.data!.assignReview.id,
            expectedVersion: assigned.body.data!.assignReview.version,
            likelihood,
            impact,
            findings: `Checked ${category}: nothing that blocks this scope.`,
            mitigations: ['Pin the weights checksum'],
            signOff: true,
          },
        },
        reviewer,
      );
      expect(filed.body.errors).toBeUndefined();
      current = await get(current.id);
    }
    return current;
  };

  beforeAll(async () => {
    api = await startTestApp();
    engineer = await sessionAs([Role.Engineer, Role.Reviewer], { teams: ['payments'], categories: ['security'] });
    teammate = await sessionAs([Role.Engineer], { teams: ['payments'] });
    security = await sessionAs([Role.Reviewer], { categories: ['security', 'sovereignty', 'quality', 'regulatory'] });
    legal = await sessionAs([Role.Reviewer], { categories: ['legal', 'privacy'] });
    officer = await sessionAs([Role.ComplianceOfficer]);
    officer2 = await sessionAs([Role.ComplianceOfficer]);
    editor = await sessionAs([Role.ComplianceOfficer]);
    const provider = await api.prisma.provider.create({
      data: { key: 'alibaba', name: 'Alibaba Cloud', legalEntity: 'Alibaba Cloud', headquartersCountry: 'CN', type: 'COMPANY' },
    });
    const version = await api.prisma.modelVersion.create({
      data: {
        key: 'qwen2.5-7b-instruct',
        providerId: provider.id,
        familyName: 'Qwen2.5',
        versionName: 'Qwen2.5-7B-Instruct',
        developerCountry: 'CN',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        weightsSha256: WEIGHTS,
        declaredLicense: 'Apache-2.0',
        lastEditedById: editor.userId,
      },
    });
    modelVersionId = version.id;
  });
  afterAll(() => api.close());

  it('takes a request from submission through reviews to an approval with conditions, bound to the weights', async () => {
    const request = await create();
    expect(request).toMatchObject({
      state: 'SUBMITTED',
      weightsSha256: WEIGHTS,
      riskTier: null,
      requirements: { tier: 'LOW', categories: ['security', 'privacy', 'legal'], approvers: 1 },
    });
    const reviewed = await reviewAll(request, 2, 2);
    expect(reviewed).toMatchObject({ state: 'IN_REVIEW', riskTier: 'LOW', requirements: { missingReviews: [] } });

    const decided = await api.graphql<{ decideApprovalRequest: Request }>(
      DECIDE,
      {
        input: {
          requestId: reviewed.id,
          expectedVersion: reviewed.version,
          decision: 'APPROVE',
          rationale: 'Low risk on-premises use with pinned weights.',
          conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }],
        },
      },
      officer,
    );
    expect(decided.body.errors).toBeUndefined();
    const approved = decided.body.data!.decideApprovalRequest;
    expect(approved).toMatchObject({
      state: 'APPROVED_WITH_CONDITIONS',
      policyVersion: 0,
      conditions: [{ kind: 'HOSTING_MODES', description: 'On-premises only' }],
    });
    const months = (new Date(approved.validUntil!).getTime() - Date.now()) / (30.4 * 24 * 3600 * 1000);
    expect(Math.round(months)).toBe(12);

    // Bound to the weights: a changed checksum on the model version means the approval no longer covers it.
    const covers = async () =>
      (
        await api.graphql<{ approvalRequest: { coversCurrentWeights: boolean } }>(
          `query ($id: ID!) { approvalRequest(id: $id) { coversCurrentWeights } }`,
          { id: request.id },
          officer,
        )
      ).body.data!.approvalRequest.coversCurrentWeights;
    expect(await covers()).toBe(true);
    await api.prisma.modelVersion.update({ where: { id: modelVersionId }, data: { weightsSha256: 'cd'.repeat(32) } });
    expect(await covers()).toBe(false);
    await api.prisma.modelVersion.update({ where: { id: modelVersionId }, data: { weightsSha256: WEIGHTS } });

    // The engineer sees the approval and its condition, and the timeline tells the whole story.
    const seen = await api.graphql<{ approvalRequest: Request }>(GET, { id: request.id }, engineer);
    expect(seen.body.data!.approvalRequest.conditions[0]!.description).toBe('On-premises only');
    const timeline = (await get(request.id)).timeline.map((event) => event.action);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'approval_request.create',
        'approval_request.submit',
        'approval_request.start_review',
        'risk_review.assign',
        'risk_review.sign_off',
        'approval_vote.approve',
        'approval_request.approve',
      ]),
    );
    // People are told: the officers when it was submitted, the reviewers when assigned, the engineer when decided.
    const inbox = async (as: TestSession) =>
      (
        await api.graphql<{ notifications: { edges: { node: { title: string } }[] } }>(
          '{ notifications(first: 50) { edges { node { title } } } }',
          {},
          as,
        )
      ).body.data!.notifications.edges.map((edge) => edge.node.title);
    const model = 'Alibaba Cloud Qwen2.5-7B-Instruct';
    expect(await inbox(engineer)).toContain(`${request.reference}: ${model} was approved with conditions`);
    expect(await inbox(officer)).toContain(`${request.reference}: ${model} was submitted for approval`);
    expect(await inbox(security)).toContain(`${request.reference}: ${model} needs your security and supply chain review`);

    const verification = await api.graphql<{ auditTrailVerification: { ok: boolean } }>(
      '{ auditTrailVerification { ok } }',
      {},
      officer,
    );
    expect(verification.body.data!.auditTrailVerification.ok).toBe(true);
  });

  it('needs four eyes for high risk: two distinct approvers, one a compliance officer', async () => {
    const reviewed = await reviewAll(await create(), 4, 4);
    expect(reviewed.requirements).toMatchObject({ tier: 'HIGH', approvers: 2, missingReviews: [] });
    expect(reviewed.requirements.categories).toEqual(['security', 'privacy', 'legal', 'sovereignty', 'quality']);
    const decide = (as: TestSession, version: number) =>
      api.graphql<{ decideApprovalRequest: Request }>(
        DECIDE,
        {
          input: {
            requestId: reviewed.id,
            expectedVersion: version,
            decision: 'APPROVE',
            rationale: 'Acceptable with mitigations.',
          },
        },
        as,
      );
    const first = await decide(security, reviewed.version);
    expect(first.body.data!.decideApprovalRequest).toMatchObject({ state: 'IN_REVIEW', requirements: { approvalsGiven: 1 } });
    const version = first.body.data!.decideApprovalRequest.version;

    const twice = await decide(security, version);
    expect(codeOf(twice)).toBe('FORBIDDEN');
    expect(twice.body.errors![0]!.message).toContain('already approved');
    const noOfficer = await decide(legal, version);
    expect(codeOf(noOfficer)).toBe('FORBIDDEN');
    expect(noOfficer.body.errors![0]!.message).toBe('The remaining approval must come from a compliance officer.');
    const lastEditor = await decide(editor, version);
    expect(lastEditor.body.errors![0]!.message).toContain('last edited');

    const second = await decide(officer, version);
    expect(second.body.data!.decideApprovalRequest.state).toBe('APPROVED');
  });

  it('refuses forbidden steps with their error code and changes nothing', async () => {
    const request = await create();
    const countsBefore = async () => ({
      votes: await api.prisma.approvalVote.count(),
      changes: await api.prisma.auditEvent.count({ where: { outcome: 'SUCCESS' } }),
      evidence: await api.prisma.reviewEvidence.count(),
    });

    // Not reviewed yet: approving needs the signed-off reviews.
    const assigned = await api.graphql<{ assignReview: { id: string; version: number } }>(
      ASSIGN,
      { input: { requestId: request.id, expectedVersion: request.version, category: 'security', reviewerId: security.userId } },
      officer,
    );
    const inReview = await get(request.id);
    let before = await countsBefore();
    const early = await api.graphql(
      DECIDE,
      {
        input: { requestId: request.id, expectedVersion: inReview.version, decision: 'APPROVE', rationale: 'Looks fine to me.' },
      },
      officer,
    );
    expect(codeOf(early)).toBe('VALIDATION_FAILED');
    expect(fieldsOf(early)[0]).toMatchObject({ field: 'input.decision' });
    expect(await countsBefore()).toEqual(before);

    // Self-approval, wrong role, wrong category, stale version.
    const self = await api.graphql(
      DECIDE,
      {
        input: { requestId: request.id, expectedVersion: inReview.version, decision: 'REJECT', rationale: 'I changed my mind.' },
      },
      engineer,
    );
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(self.body.errors![0]!.message).toBe('You requested this approval; someone else must reject it.');
    // The refusal itself is on the record.
    expect(
      await api.prisma.auditEvent.findFirst({
        where: { action: 'access.denied', entityId: request.id, actorId: engineer.userId },
        select: { outcome: true, reason: true },
      }),
    ).toEqual({ outcome: 'DENIED', reason: 'decideApprovalRequest: You requested this approval; someone else must reject it.' });
    const wrongRole = await api.graphql(
      DECIDE,
      { input: { requestId: request.id, expectedVersion: inReview.version, decision: 'APPROVE', rationale: 'Ship it please.' } },
      teammate,
    );
    expect(codeOf(wrongRole)).toBe('FORBIDDEN');
    const selfReview = await api.graphql(
      ASSIGN,
      { input: { requestId: request.id, expectedVersion: inReview.version, category: 'security' } },
      engineer,
    );
    expect(codeOf(selfReview)).toBe('FORBIDDEN');
    const wrongCategory = await api.graphql(
      ASSIGN,
      { input: { requestId: request.id, expectedVersion: inReview.version, category: 'legal', reviewerId: security.userId } },
      officer,
    );
    expect(fieldsOf(wrongCategory)[0]).toMatchObject({ field: 'input.reviewerId' });
    const stale = await api.graphql(
      DECIDE,
      { input: { requestId: request.id, expectedVersion: request.version, decision: 'REJECT', rationale: 'Too risky for us.' } },
      officer,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(await countsBefore()).toEqual(before);

    // Evidence: wrong type, too large, path in the name — nothing stored.
    const reviewId = assigned.body.data!.assignReview.id;
    const fake = await api.graphql(
      EVIDENCE,
      {
        input: {
          reviewId,
          title: 'Scan',
          file: {
            fileName: 'scan.pdf',
            contentType: 'application/pdf',
            contentBase64: Buffer.from('<script>').toString('base64'),
          },
        },
      },
      security,
    );
    expect(fieldsOf(fake)).toEqual([{ field: 'input.file.content', reason: 'is not a PDF file, as its content type says' }]);
    const tooBig = await api.graphql(
      EVIDENCE,
      {
        input: {
          reviewId,
          title: 'Dump',
          file: {
            fileName: '../../dump.txt',
            contentType: 'text/plain',
            contentBase64: Buffer.alloc(11 * 1024 * 1024, 65).toString('base64'),
          },
        },
      },
      security,
    );
    expect(codeOf(tooBig)).toBe('VALIDATION_FAILED');
    expect(await countsBefore()).toEqual(before);
    const pdf = await api.graphql<{ addReviewEvidence: { id: string; sha256: string; sizeBytes: number } }>(
      EVIDENCE,
      {
        input: {
          reviewId,
          title: 'Weights scan report',
          file: {
            fileName: 'scan.pdf',
            contentType: 'application/pdf',
            contentBase64: Buffer.from('%PDF-1.7\nok').toString('base64'),
          },
        },
      },
      security,
    );
    expect(pdf.body.data!.addReviewEvidence).toMatchObject({ sizeBytes: 11, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // One file is fetched on its own, bytes intact.
    const file = await api.graphql<{ reviewEvidence: { fileName: string; sha256: string; contentBase64: string } }>(
      EVIDENCE_FILE,
      { id: pdf.body.data!.addReviewEvidence.id },
      security,
    );
    expect(file.body.data!.reviewEvidence).toMatchObject({
      fileName: 'scan.pdf',
      sha256: pdf.body.data!.addReviewEvidence.sha256,
      contentBase64: Buffer.from('%PDF-1.7\nok').toString('base64'),
    });

    // Withdrawn is final: approving it is an illegal transition.
    const withdrawn = await api.graphql<{ withdrawApprovalRequest: { state: string; version: number } }>(
      WITHDRAW,
      { input: { id: request.id, expectedVersion: (await get(request.id)).version, reason: 'No longer needed by the team.' } },
      teammate,
    );
    expect(withdrawn.body.data!.withdrawApprovalRequest.state).toBe('WITHDRAWN');
    before = await countsBefore();
    const illegal = await api.graphql(
      DECIDE,
      {
        input: {
          requestId: request.id,
          expectedVersion: withdrawn.body.data!.withdrawApprovalRequest.version,
          decision: 'REJECT',
          rationale: 'Rejecting after the fact.',
        },
      },
      officer,
    );
    expect(codeOf(illegal)).toBe('ILLEGAL_TRANSITION');
    expect(await countsBefore()).toEqual(before);
  });

  it('lets exactly one of 50 concurrent decisions on one version win, with one audit event', async () => {
    const reviewed = await reviewAll(await create(), 1, 2);
    const auditBefore = await api.prisma.auditEvent.count({
      where: { entityId: reviewed.id, action: { startsWith: 'approval_vote.' } },
    });
    const attempts = Array.from({ length: 50 }, (_, index) =>
      api.graphql(
        DECIDE,
        {
          input: {
            requestId: reviewed.id,
            expectedVersion: reviewed.version,
            decision: index % 2 === 0 ? 'APPROVE' : 'REJECT',
            rationale: `Concurrent decision number ${index}`,
          },
        },
        index % 3 === 0 ? officer : index % 3 === 1 ? officer2 : security,
      ),
    );
    const results = await Promise.all(attempts);
    const outcomes: Record<string, number> = {};
    for (const result of results) {
      const outcome = result.body.errors ? `${codeOf(result)}: ${result.body.errors[0]!.message}` : 'success';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    const conflicts = Object.entries(outcomes)
      .filter(([outcome]) => outcome.startsWith('CONFLICT'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect({
      success: outcomes.success,
      conflicts,
      others: Object.keys(outcomes).filter((o) => !o.startsWith('CONFLICT') && o !== 'success'),
    }).toEqual({
      success: 1,
      conflicts: 49,
      others: [],
    });
    expect(await api.prisma.approvalVote.count({ where: { requestId: reviewed.id } })).toBe(1);
    expect(
      await api.prisma.auditEvent.count({ where: { entityId: reviewed.id, action: { startsWith: 'approval_vote.' } } }),
    ).toBe(auditBefore + 1);
  });

  it('opens a re-review ahead of expiry, expires lapsed approvals and reminds overdue reviewers, once each', async () => {
    const reviewed = await reviewAll(await create(), 1, 1);
    const decided = await api.graphql<{ decideApprovalRequest: Request }>(
      DECIDE,
      {
        input: {
          requestId: reviewed.id,
          expectedVersion: reviewed.version,
          decision: 'APPROVE',
          rationale: 'Low risk, approved.',
          validityMonths: 2,
        },
      },
      officer,
    );
    const approved = decided.body.data!.decideApprovalRequest;
    const validUntil = new Date(approved.validUntil!);
    const clock = api.app.get(Clock);
    const jobs = api.app.get(ApprovalJobsService);
    try {
      clock.travelTo(new Date(validUntil.getTime() - 29 * 24 * 3600 * 1000));
      expect((await jobs.runMaintenance()).renewalsOpened).toBeGreaterThanOrEqual(1);
      const renewal = await api.prisma.approvalRequest.findUniqueOrThrow({ where: { previousRequestId: approved.id } });
      expect(renewal).toMatchObject({ state: 'SUBMITTED', cycle: 2, weightsSha256: WEIGHTS });
      // The new cycle carries its own requirements, as a fresh request would.
      expect(renewal.requiredCategories).toEqual(expect.arrayContaining(['security', 'legal']));
      expect(renewal.requiredApprovers).toBeGreaterThanOrEqual(1);
      expect((await jobs.runMaintenance()).renewalsOpened).toBe(0);

      // The renewal's review is assigned and left undone past its due date.
      await api.graphql(
        ASSIGN,
        { input: { requestId: renewal.id, expectedVersion: renewal.version, category: 'security', reviewerId: security.userId } },
        officer,
      );
      clock.travelTo(new Date(validUntil.getTime() + 60_000));
      const pass = await jobs.runMaintenance();
      expect(pass.expired).toBeGreaterThanOrEqual(1);
      expect(pass.remindersSent).toBeGreaterThanOrEqual(1);
      expect((await get(approved.id)).state).toBe('EXPIRED');
      const again = await jobs.runMaintenance();
      expect(again).toEqual({ expired: 0, renewalsOpened: 0, remindersSent: 0 });
    } finally {
      clock.travelTo(new Date());
    }
  });
  it('decides an approval that fills the rule in one transaction of few statements, audited before and after', async () => {
    const reviewed = await reviewAll(await create(), 1, 1);
    const prisma = api.app.get(PrismaService);
    const before = prisma.statementsIssued;
    const decided = await api.graphql<{ decideApprovalRequest: { id: string; state: string; version: number } }>(
      `mutation ($input: DecideInput!) { decideApprovalRequest(input: $input) { id state version } }`,
      {
        input: {
          requestId: reviewed.id,
          expectedVersion: reviewed.version,
          decision: 'APPROVE',
          rationale: 'Low risk, approved.',
        },
      },
      officer,
    );
    expect(decided.body.errors).toBeUndefined();
    expect(decided.body.data!.decideApprovalRequest).toEqual({
      id: reviewed.id,
      state: 'APPROVED',
      version: reviewed.version + 2,
    });
    // The session, the claim with everything the decision reads, the vote, the step, the notifications, the webhook
    // routes, the chain lock, its head and the time, the two audit events in one insert, and the commit.
    expect(prisma.statementsIssued - before).toBeLessThanOrEqual(10);
    const events = await api.prisma.$queryRaw<{ action: string; beforeIsNull: boolean; after: { version?: number } }[]>`
      SELECT action, before IS NULL AS "beforeIsNull", after FROM audit_event
      WHERE entity_id = ${reviewed.id} AND action IN ('approval_vote.approve', 'approval_request.approve') ORDER BY seq`;
    expect(events.map(({ action, beforeIsNull }) => ({ action, beforeIsNull }))).toEqual([
      { action: 'approval_vote.approve', beforeIsNull: true },
      { action: 'approval_request.approve', beforeIsNull: false },
    ]);
    expect(events[1]!.after.version).toBe(reviewed.version + 2);

    // A decision on the version before, or on no request, changes nothing and says why.
    const decideAgain = (requestId: string) =>
      api.graphql(
        `mutation ($input: DecideInput!) { decideApprovalRequest(input: $input) { id } }`,
        { input: { requestId, expectedVersion: reviewed.version, decision: 'REJECT', rationale: 'Too late, but rejected.' } },
        officer,
      );
    const stale = await decideAgain(reviewed.id);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.body.errors![0]!.message).toContain(`now at version ${reviewed.version + 2}`);
    expect(codeOf(await decideAgain('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect((await get(reviewed.id)).version).toBe(reviewed.version + 2);
  });
});

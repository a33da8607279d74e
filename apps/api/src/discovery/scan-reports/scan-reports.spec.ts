import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { startTestApp, type GraphqlResponse, type TestApp, type TestBearer, type TestSession } from '../../testing/test-app.js';

const SUBMIT = `mutation ($input: SubmitScanReportInput!) {
  submitScanReport(input: $input) {
    id repository branch commit environment hostingTarget approvedCount notApprovedCount unknownCount informationalCount
    submittedVia submittedBy { email } team { slug }
  }
}`;
const REPORTS = `query ($repository: String) { scanReports(repository: $repository) { id repository commit unknownCount } }`;
const REPORT = `query ($id: ID!) {
  scanReport(id: $id) {
    repository
    findings { id file line reference statusAtScan status matchedBy modelVersion { key } reasons hint }
  }
}`;
const DRAFT = `query ($findingId: ID!) {
  registrationDraftFromFinding(findingId: $findingId) {
    fields { familyName versionName supplier distribution huggingFaceRepo sourceUrl weightsSha256 }
    provider { name }
    notes
  }
}`;

type Fields = Array<{ field: string; reason: string }>;
const errorOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions;
const fieldsOf = (response: GraphqlResponse): Record<string, string> =>
  Object.fromEntries(((errorOf(response)?.fields ?? []) as Fields).map((f) => [f.field, f.reason]));

const finding = (reference: string, extra: Record<string, unknown> = {}) => ({
  kind: 'HUGGING_FACE',
  reference,
  file: 'app/chat.py',
  line: 3,
  column: 9,
  snippet: `from_pretrained("${reference}")`,
  ...extra,
});
const SHA = 'e'.repeat(64);

describe('uploaded scan reports', () => {
  let api: TestApp;
  let engineer: TestSession;
  let auditor: TestSession;
  let teamId: string;
  let scanner: TestBearer;
  let reader: TestBearer;

  const submit = (input: Record<string, unknown>, as: TestSession | TestBearer = engineer) =>
    api.graphql<{ submitScanReport: Record<string, unknown> & { id: string } }>(SUBMIT, { input }, as);
  const counts = async () => ({
    reports: await api.prisma.scanReport.count(),
    findings: await api.prisma.scanFinding.count(),
    changes: await api.prisma.auditEvent.count({ where: { outcome: 'SUCCESS' } }),
  });

  beforeAll(async () => {
    api = await startTestApp();
    const user = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['scan-uploaders'] });
    engineer = await api.signIn(user.email, user.password);
    auditor = await api.signInAs(Role.Auditor);
    teamId = (await api.prisma.team.findUniqueOrThrow({ where: { slug: 'scan-uploaders' } })).id;
    const provider = await api.prisma.provider.create({
      data: { key: 'acme-ai', name: 'Acme AI', type: 'COMPANY', headquartersCountry: 'US' },
    });
    await api.prisma.modelVersion.create({
      data: {
        key: 'acme-7b-instruct',
        providerId: provider.id,
        familyName: 'Acme',
        versionName: 'Acme-7B-Instruct',
        developerCountry: 'US',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: 'acme-ai/Acme-7B-Instruct',
      },
    });
    await api.prisma.hostingTarget.create({
      data: { name: 'Scan cluster', mode: 'ON_PREMISES', operator: 'IT', country: 'US', trainsOnInputs: 'NO' },
    });
    const token = async (scopes: string[]) => {
      const created = await api.graphql<{ createApiToken: { secret: string } }>(
        `mutation ($scopes: [String!]!) { createApiToken(input: { name: "scan upload", scopes: $scopes, expiresInDays: 7 }) { secret } }`,
        { scopes },
        engineer,
      );
      expect(created.body.errors).toBeUndefined();
      return { bearer: created.body.data!.createApiToken.secret, client: 'cli' } as TestBearer;
    };
    scanner = await token(['scans:write', 'decisions:read']);
    reader = await token(['decisions:read']);
  }, 90_000);
  afterAll(() => api.close());

  it('stores a scan with the server’s own answer for every finding, audited', async () => {
    const response = await submit({
      repository: 'github.com/acme/support-bot',
      branch: 'main',
      commit: 'ABCDEF1234567',
      environment: 'PRODUCTION',
      hostingTarget: 'scan cluster',
      teamId,
      filesScanned: 120,
      findings: [
        finding('acme-ai/Acme-7B-Instruct'),
        finding('acme-ai/Acme-7B-Instruct', { file: 'app/eval.py', line: 10 }),
        finding('BAAI/bge-m3', { file: 'app/embed.py' }),
        finding('endpoint:api.openai.com', { kind: 'VENDOR_API', informational: true }),
        finding(`sha256:${SHA}`, { kind: 'WEIGHTS_FILE', sha256: SHA, file: 'models/Zeta-3B.safetensors', line: 1, column: 1 }),
      ],
    });
    expect(response.body.errors).toBeUndefined();
    const report = response.body.data!.submitScanReport;
    expect(report).toMatchObject({
      repository: 'github.com/acme/support-bot',
      branch: 'main',
      commit: 'abcdef1234567',
      environment: 'PRODUCTION',
      hostingTarget: 'Scan cluster',
      approvedCount: 0,
      notApprovedCount: 2,
      unknownCount: 2,
      informationalCount: 1,
      submittedVia: 'ADMIN_APP',
      team: { slug: 'scan-uploaders' },
    });
    const event = await api.prisma.auditEvent.findFirstOrThrow({ where: { action: 'scan_report.submit', entityId: report.id } });
    expect(event.actorId).toBe(engineer.userId);
    expect(event.after).toMatchObject({ repository: 'github.com/acme/support-bot', findings: 5, unknownCount: 2 });

    const read = await api.graphql<{ scanReport: { findings: Record<string, unknown>[] } }>(REPORT, { id: report.id }, auditor);
    expect(read.body.errors).toBeUndefined();
    expect(
      read.body.data!.scanReport.findings.map(({ file, reference, status, matchedBy }) => [file, reference, status, matchedBy]),
    ).toEqual([
      ['app/chat.py', 'acme-ai/Acme-7B-Instruct', 'REGISTERED_NOT_APPROVED', 'HUGGING_FACE_REPO'],
      ['app/chat.py', 'endpoint:api.openai.com', 'INFORMATIONAL', null],
      ['app/embed.py', 'BAAI/bge-m3', 'UNKNOWN', null],
      ['app/eval.py', 'acme-ai/Acme-7B-Instruct', 'REGISTERED_NOT_APPROVED', 'HUGGING_FACE_REPO'],
      ['models/Zeta-3B.safetensors', `sha256:${SHA}`, 'UNKNOWN', null],
    ]);
  });

  it('shows today’s answer beside the one at scan time, and drafts a registration from an unknown finding', async () => {
    const [latest] = (
      await api.graphql<{ scanReports: { id: string }[] }>(REPORTS, { repository: 'github.com/acme/support-bot' }, engineer)
    ).body.data!.scanReports;
    const before = await api.graphql<{ scanReport: { findings: { id: string; reference: string }[] } }>(
      REPORT,
      { id: latest!.id },
      engineer,
    );
    const weights = before.body.data!.scanReport.findings.find((f) => f.reference === `sha256:${SHA}`)!;
    const draft = await api.graphql<{ registrationDraftFromFinding: Record<string, unknown> }>(
      DRAFT,
      { findingId: weights.id },
      engineer,
    );
    expect(draft.body.errors).toBeUndefined();
    expect(draft.body.data!.registrationDraftFromFinding).toEqual({
      fields: {
        familyName: 'Zeta',
        versionName: 'Zeta-3B',
        supplier: null,
        distribution: 'OPEN_WEIGHTS',
        huggingFaceRepo: null,
        sourceUrl: null,
        weightsSha256: SHA,
      },
      provider: null,
      notes: [
        'The family name "Zeta" is read off the version name; check it.',
        "Named after the file Zeta-3B.safetensors; give the model's real name.",
        'Choose the provider (or add it): the scan cannot tell who developed the model.',
      ],
    });

    const provider = await api.prisma.provider.findUniqueOrThrow({ where: { key: 'acme-ai' } });
    await api.prisma.modelVersion.create({
      data: {
        key: 'zeta-3b',
        providerId: provider.id,
        familyName: 'Zeta',
        versionName: 'Zeta-3B',
        developerCountry: 'US',
        supplier: 'Internal',
        distribution: 'OPEN_WEIGHTS',
        weightsSha256: SHA,
      },
    });
    const after = await api.graphql<{ scanReport: { findings: Record<string, unknown>[] } }>(
      REPORT,
      { id: latest!.id },
      engineer,
    );
    expect(after.body.data!.scanReport.findings.find((f) => f.reference === `sha256:${SHA}`)).toMatchObject({
      statusAtScan: 'UNKNOWN',
      status: 'REGISTERED_NOT_APPROVED',
      matchedBy: 'WEIGHTS_SHA256',
      modelVersion: { key: 'zeta-3b' },
    });
  });

  it('lists the newest report of each repository; pipelines upload with scans:write', async () => {
    const second = await submit(
      { repository: 'github.com/acme/support-bot', commit: '1234567', environment: 'STAGING', findings: [] },
      scanner,
    );
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.submitScanReport).toMatchObject({ submittedVia: 'CLI', unknownCount: 0, hostingTarget: null });
    await submit({ repository: 'github.com/acme/batch-jobs', environment: 'DEVELOPMENT', findings: [finding('BAAI/bge-m3')] });
    const latest = await api.graphql<{ scanReports: { repository: string; commit: string | null }[] }>(REPORTS, {}, auditor);
    expect(latest.body.data!.scanReports.map((r) => `${r.repository}@${r.commit}`)).toEqual([
      'github.com/acme/batch-jobs@null',
      'github.com/acme/support-bot@1234567',
    ]);
    const all = await api.graphql<{ scanReports: unknown[] }>(REPORTS, { repository: 'github.com/acme/support-bot' }, engineer);
    expect(all.body.data!.scanReports).toHaveLength(2);
  });

  it('refuses bad input and callers without the right, writing nothing', async () => {
    const before = await counts();
    const bad = await submit({
      repository: ' ',
      commit: 'not a hash',
      environment: 'PRODUCTION',
      findings: [finding(''), finding('x', { kind: 'WEIGHTS_FILE' }), finding('y', { line: 0 })],
    });
    expect(errorOf(bad)?.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad)).toEqual({
      'input.repository': 'must name the repository, e.g. github.com/acme/support-bot',
      'input.commit': 'must be a commit hash',
      'input.findings.0.reference': 'must not be empty',
      'input.findings.1.sha256': 'a weights file needs its SHA-256',
      'input.findings.2.line': 'must be at least 1',
    });
    const target = await submit({ repository: 'r', environment: 'PRODUCTION', hostingTarget: 'Nowhere', findings: [] });
    expect(fieldsOf(target)).toEqual({ 'input.hostingTarget': 'matches no hosting target in the inventory that is not retired' });
    expect(errorOf(await submit({ repository: 'r', environment: 'PRODUCTION', findings: [] }, reader))?.code).toBe('FORBIDDEN');
    expect(errorOf(await submit({ repository: 'r', environment: 'PRODUCTION', findings: [] }, auditor))?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});

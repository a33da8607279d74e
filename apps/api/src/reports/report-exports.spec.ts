import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validation, Spec } from '@cyclonedx/cyclonedx-library';
import { Role } from '@modelgate/domain/auth';
import { MANIFEST_FILE, SIGNATURE_FILE, verifyBundle, type ReportManifest } from '@modelgate/domain/reports';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AuditService } from '../audit/audit.service.js';
import { systemActor } from '../common/auth/actor.js';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';
import { readPdfLines } from './formats/pdf-pages.testing.js';
import { ReportExportsService } from './report-exports.service.js';
import { EVIDENCE_TEXT, QWEN_WEIGHTS, seedReportScenario, unzipBundle } from './testing/report-fixture.js';

const EXPORT_FIELDS = 'id type format status rowsTotal rowsWritten progress fileName bytes sha256 downloadPath manifest error';
const CREATE_EXPORT = `mutation ($input: CreateReportExportInput!) { createReportExport(input: $input) { ${EXPORT_FIELDS} } }`;
const GET_EXPORT = `query ($id: ID!) { reportExport(id: $id) { ${EXPORT_FIELDS} } }`;

type ExportView = {
  id: string;
  status: string;
  rowsTotal: number;
  rowsWritten: number;
  progress: number;
  fileName: string | null;
  sha256: string | null;
  downloadPath: string | null;
  manifest: ReportManifest | null;
  error: string | null;
};

type JsonReport = {
  reportType: string;
  scope: Array<{ label: string; value: string }>;
  chainHead: { seq: string | null; hash: string | null };
  sections: Array<{ key: string; title: string; rows: Array<Record<string, unknown>> }>;
};

const Q3 = { from: '2026-07-01', to: '2026-09-30' };
const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;
const checkSignature = (publicKeyPem: string, message: Uint8Array, signature: Uint8Array) =>
  verify(null, message, publicKeyPem, signature);

describe('report exports: content, formats, signed bundles', () => {
  let api: TestApp;
  let auditor: TestSession;
  let officer: TestSession;
  let scenario: Awaited<ReturnType<typeof seedReportScenario>>;

  const exportReport = async (input: Record<string, unknown>, as = auditor): Promise<ExportView> => {
    const response = await api.graphql<{ createReportExport: ExportView }>(CREATE_EXPORT, { input }, as);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.createReportExport;
  };

  const download = async (view: ExportView, as = auditor): Promise<Map<string, Uint8Array>> => {
    expect(view.status).toBe('READY');
    const response = await fetch(`${api.baseUrl}${view.downloadPath}`, { headers: { cookie: as.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    // Closing the connection after a large body trips Node's own fetch when it holds the body back (file-chunks.ts).
    expect(response.headers.get('connection')).toBe('keep-alive');
    return unzipBundle(new Uint8Array(await response.arrayBuffer()));
  };

  const jsonReport = async (input: Record<string, unknown>): Promise<JsonReport> => {
    const files = await download(await exportReport({ ...input, format: 'JSON' }));
    return JSON.parse(new TextDecoder().decode(files.get('report.json'))) as JsonReport;
  };

  const section = (report: JsonReport, key: string) => report.sections.find((s) => s.key === key)!.rows;

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await api.signInAs(Role.Auditor);
    officer = await api.signInAs(Role.ComplianceOfficer);
    const engineer = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['payments'] });
    const reviewer = await api.createUser({ roles: [Role.Reviewer] });
    await api.prisma.user.update({ where: { id: engineer.id }, data: { displayName: 'Erin Engineer' } });
    await api.prisma.user.update({ where: { id: reviewer.id }, data: { displayName: 'Rita Reviewer' } });
    await api.prisma.user.update({ where: { id: officer.userId }, data: { displayName: 'Omar Officer' } });
    scenario = await seedReportScenario(api.prisma, {
      engineerId: engineer.id,
      officerId: officer.userId,
      reviewerId: reviewer.id,
    });
  }, 60_000);
  afterAll(() => api.close());

  it('exports approvals and decisions of a period: requests, reviews, approvers and evidence, exactly', async () => {
    const report = await jsonReport({ type: 'APPROVALS', filters: Q3 });
    expect(report.scope).toContainEqual({ label: 'Period', value: '2026-07-01 to 2026-09-30 (UTC, inclusive)' });
    expect(section(report, 'requests')).toEqual([
      expect.objectContaining({
        reference: 'AR-1',
        provider: 'Alibaba Cloud',
        modelVersion: 'Qwen2.5-7B-Instruct',
        developerCountry: 'CN',
        license: 'Apache-2.0',
        team: 'Payments',
        requester: 'Erin Engineer',
        state: 'APPROVED_WITH_CONDITIONS',
        environments: 'PRODUCTION',
        riskTier: 'HIGH',
        submittedAt: '2026-07-02T10:00:00.000Z',
        decidedAt: '2026-07-10T15:30:00.000Z',
        conditions: 'On-premises only\nWeights must match the approved SHA-256 checksum',
        validUntil: '2099-07-10',
        policyVersion: 3,
        weightsSha256: QWEN_WEIGHTS,
      }),
      expect.objectContaining({ reference: 'AR-2', state: 'REJECTED', team: 'Support', environments: 'STAGING, PRODUCTION' }),
    ]);
    expect(section(report, 'risk-reviews')).toEqual([
      expect.objectContaining({
        reference: 'AR-1',
        category: 'security',
        reviewer: 'Rita Reviewer',
        likelihood: 3,
        impact: 4,
        tier: 'HIGH',
        findings: 'No backdoor reports; weights checksum verified.',
        mitigations: 'Pin the weights checksum',
      }),
      expect.objectContaining({ reference: 'AR-1', category: 'sovereignty', tier: 'MEDIUM' }),
    ]);
    expect(section(report, 'approvers')).toEqual([
      expect.objectContaining({ reference: 'AR-1', approver: 'Omar Officer', decision: 'APPROVE', asComplianceOfficer: true }),
      expect.objectContaining({ reference: 'AR-2', approver: 'Omar Officer', decision: 'REJECT' }),
    ]);
    expect(section(report, 'evidence')).toEqual([
      expect.objectContaining({
        reference: 'AR-1',
        category: 'security',
        title: 'Weights scan',
        location: 'modelscan.txt',
        sizeBytes: EVIDENCE_TEXT.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('filters approvals by state and team, and leaves out requests outside the period', async () => {
    const rejected = await jsonReport({ type: 'APPROVALS', filters: { ...Q3, states: ['REJECTED'] } });
    expect(section(rejected, 'requests').map((r) => r.reference)).toEqual(['AR-2']);
    const payments = await jsonReport({ type: 'APPROVALS', filters: { teamIds: [scenario.payments.id] } });
    expect(section(payments, 'requests').map((r) => r.reference)).toEqual(['AR-1']);
    const everything = await jsonReport({ type: 'APPROVALS' });
    expect(section(everything, 'requests').map((r) => r.reference)).toEqual(['AR-1', 'AR-2', 'AR-3']);
  });

  it('exports the inventory now, and filters it by developer country', async () => {
    const report = await jsonReport({ type: 'INVENTORY' });
    expect(section(report, 'deployments')).toEqual([
      expect.objectContaining({
        application: 'Fraud triage',
        team: 'Payments',
        environment: 'PRODUCTION',
        modelVersion: 'Qwen2.5-7B-Instruct',
        hostingTarget: 'On-prem cluster',
        hostingMode: 'ON_PREMISES',
        dataClassification: 'CONFIDENTIAL',
        approval: 'AR-1',
        approvalState: 'APPROVED_WITH_CONDITIONS',
        riskTier: 'HIGH',
      }),
      expect.objectContaining({ application: 'Support replies', approval: 'AR-2', approvalState: 'REJECTED' }),
    ]);
    const chinese = await jsonReport({ type: 'INVENTORY', filters: { developerCountries: ['CN'] } });
    expect(section(chinese, 'model-versions').map((r) => r.modelVersion)).toEqual(['Qwen2.5-7B-Instruct']);
    expect(section(chinese, 'deployments').map((r) => r.application)).toEqual(['Fraud triage']);
  });

  it('exports the risk register worst first, and policy compliance with violations, exceptions and gate decisions', async () => {
    const risks = await jsonReport({ type: 'RISK_REGISTER' });
    expect(section(risks, 'risks')).toEqual([
      expect.objectContaining({
        modelVersion: 'Qwen2.5-7B-Instruct',
        riskTier: 'HIGH',
        findings:
          'security (HIGH): No backdoor reports; weights checksum verified.\nsovereignty (MEDIUM): Developed in CN; runs on-premises only.',
        mitigations: 'Pin the weights checksum\nKeep it off vendor APIs',
        nextReview: '2099-07-10',
      }),
      expect.objectContaining({
        modelVersion: 'gpt-4o-2024-08-06',
        riskTier: 'MEDIUM',
        approvalState: 'REJECTED',
        nextReview: null,
      }),
    ]);
    const compliance = await jsonReport({ type: 'POLICY_COMPLIANCE', filters: Q3 });
    expect(section(compliance, 'violations')).toEqual([
      expect.objectContaining({ kind: 'NOT_COVERED', application: 'Support replies', resolution: 'Covered by exception EX-1' }),
    ]);
    expect(section(compliance, 'exceptions')).toEqual([
      expect.objectContaining({
        reference: 'EX-1',
        state: 'EXPIRED',
        team: 'Support',
        rules: 'vendor-retention',
        controls: 'Synthetic data only\nWeekly review',
        firstApprover: 'Omar Officer',
        secondApprover: 'Rita Reviewer',
      }),
    ]);
    expect(section(compliance, 'gate-decisions')).toEqual([
      expect.objectContaining({
        decision: 'ALLOW',
        modelVersion: 'Qwen2.5-7B-Instruct',
        hostingTarget: 'On-prem cluster',
        reasons: 'Covered by AR-1',
        approval: 'AR-1',
        askedBy: 'payments-ci',
      }),
    ]);
  });

  it('writes the same rows as CSV (one file per section) and XLSX (one sheet per section)', async () => {
    const json = await jsonReport({ type: 'APPROVALS', filters: Q3 });
    const csvFiles = await download(await exportReport({ type: 'APPROVALS', format: 'CSV', filters: Q3 }));
    expect([...csvFiles.keys()].sort()).toEqual(
      ['approvers.csv', 'evidence.csv', MANIFEST_FILE, SIGNATURE_FILE, 'requests.csv', 'risk-reviews.csv'].sort(),
    );
    const requests: Array<Record<string, string>> = parseCsv(Buffer.from(csvFiles.get('requests.csv')!), {
      bom: true,
      columns: true,
    });
    expect(requests.map((r) => [r.Request, r.State, r['Risk tier']])).toEqual(
      section(json, 'requests').map((r) => [r.reference, r.state, r.riskTier]),
    );

    const xlsxFiles = await download(await exportReport({ type: 'APPROVALS', format: 'XLSX', filters: Q3 }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsxFiles.get('report.xlsx')!) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'About',
      'Approval requests',
      'Risk reviews',
      'Approvers',
      'Evidence',
    ]);
    const sheet = workbook.getWorksheet('Approval requests')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Request');
    expect(sheet.getRow(2).getCell(1).value).toBe('AR-1');
    expect(sheet.rowCount).toBe(3);
  });

  it('writes a readable PDF of the same report: cover with the scope, contents, every request, page numbers', async () => {
    const files = await download(await exportReport({ type: 'APPROVALS', format: 'PDF', filters: Q3 }));
    const pages = await readPdfLines(files.get('report.pdf')!);
    const text = pages.map((lines) => lines.join('\n'));
    expect(text[0]).toContain('Approvals and decisions');
    expect(text[0]).toContain('2026-07-01 to 2026-09-30 (UTC, inclusive)');
    expect(text[1]).toContain('Contents');
    const body = text.slice(2).join('\n');
    expect(body).toContain('AR-1 · Qwen2.5-7B-Instruct');
    expect(body).toContain('AR-2 · gpt-4o-2024-08-06');
    expect(body).toContain('No backdoor reports');
    text.slice(1).forEach((page, index) => expect(page).toContain(`Page ${index + 2} of ${pages.length}`));
  });

  it('signs every bundle: the manifest lists each file with its SHA-256 and rows, and names any tampering', async () => {
    const view = await exportReport({ type: 'APPROVALS', format: 'CSV', filters: Q3 });
    const files = await download(view);
    const key = await api.graphql<{ reportSigningKey: { publicKeyPem: string; keyId: string; downloadPath: string } }>(
      'query { reportSigningKey { publicKeyPem keyId downloadPath } }',
      {},
      auditor,
    );
    const { publicKeyPem, downloadPath } = key.body.data!.reportSigningKey;
    expect(await (await fetch(`${api.baseUrl}${downloadPath}`)).text()).toBe(publicKeyPem);

    const intact = verifyBundle(files, checkSignature, publicKeyPem);
    expect(intact.problems).toEqual([]);
    const manifest = intact.manifest!;
    expect(manifest).toMatchObject({
      reportType: 'APPROVALS',
      filters: expect.objectContaining(Q3),
      generator: { name: 'modelgate' },
    });
    expect(manifest.files.find((f) => f.name === 'requests.csv')!.rows).toBe(2);
    expect(manifest.snapshot.chainHeadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(view.manifest).toEqual(manifest);

    const flipped = new Map(files);
    const requests = Uint8Array.from(files.get('requests.csv')!);
    requests[requests.length - 5] = requests[requests.length - 5]! ^ 1;
    flipped.set('requests.csv', requests);
    expect(verifyBundle(flipped, checkSignature, publicKeyPem).problems).toEqual([
      expect.objectContaining({ problem: 'ALTERED', file: 'requests.csv' }),
    ]);

    const rowRemoved = new Map(files);
    const lines = new TextDecoder().decode(files.get('requests.csv')).split('\r\n');
    rowRemoved.set('requests.csv', new TextEncoder().encode(lines.filter((_, index) => index !== 2).join('\r\n')));
    expect(verifyBundle(rowRemoved, checkSignature, publicKeyPem).problems).toEqual([
      expect.objectContaining({ problem: 'ALTERED', file: 'requests.csv' }),
    ]);

    const swapped = new Map(files);
    swapped.set('requests.csv', files.get('approvers.csv')!);
    swapped.set('approvers.csv', files.get('requests.csv')!);
    expect(verifyBundle(swapped, checkSignature, publicKeyPem).problems.map((p) => p.problem)).toEqual(['ALTERED', 'ALTERED']);

    const forgedManifest = new Map(files);
    const edited = JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE))) as ReportManifest;
    edited.files = edited.files.map((f) => (f.name === 'requests.csv' ? { ...f, sha256: '0'.repeat(64) } : f));
    forgedManifest.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(edited, null, 2)));
    expect(verifyBundle(forgedManifest, checkSignature, publicKeyPem).problems.map((p) => p.problem)).toContain('BAD_SIGNATURE');
  });

  it('records who asked for, received and downloaded each export; others cannot download it', async () => {
    const view = await exportReport({ type: 'RISK_REGISTER', format: 'JSON' });
    const events = await api.prisma.auditEvent.findMany({ where: { entityId: view.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.action, e.actorType])).toEqual([
      ['report.export_request', 'USER'],
      ['report.export', 'SYSTEM'],
    ]);
    expect(events[1]!.after).toMatchObject({ type: 'RISK_REGISTER', bundleSha256: view.sha256 });

    const other = await fetch(`${api.baseUrl}${view.downloadPath}`, { headers: { cookie: officer.cookie } });
    expect(other.status).toBe(404);
    const anonymous = await fetch(`${api.baseUrl}${view.downloadPath}`);
    expect(anonymous.status).toBe(401);
    await download(view);
    expect(await api.prisma.auditEvent.count({ where: { entityId: view.id, action: 'report.download' } })).toBe(1);
  });

  it('refuses bad requests with a field and a reason, and stores nothing', async () => {
    const exportsBefore = await api.prisma.reportExport.count();
    const wrongFilter = await api.graphql(
      CREATE_EXPORT,
      { input: { type: 'RISK_REGISTER', format: 'CSV', filters: { actorId: officer.userId } } },
      auditor,
    );
    expect(codeOf(wrongFilter)).toBe('VALIDATION_FAILED');
    expect(wrongFilter.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.filters.actorId', reason: 'does not apply to the risk register report' },
    ]);
    const bomAsPdf = await api.graphql(CREATE_EXPORT, { input: { type: 'ML_BOM', format: 'PDF' } }, auditor);
    expect(codeOf(bomAsPdf)).toBe('VALIDATION_FAILED');
    const backwards = await api.graphql(
      CREATE_EXPORT,
      { input: { type: 'AUDIT_TRAIL', format: 'CSV', filters: { from: '2026-09-01', to: '2026-08-01' } } },
      auditor,
    );
    expect(codeOf(backwards)).toBe('VALIDATION_FAILED');
    const engineer = await api.signInAs(Role.Engineer);
    const forbidden = await api.graphql(CREATE_EXPORT, { input: { type: 'INVENTORY', format: 'CSV' } }, engineer);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(await api.prisma.reportExport.count()).toBe(exportsBefore);
  });

  it('exports the ML-BOM of an application as CycloneDX 1.6 that the schema accepts', async () => {
    const files = await download(
      await exportReport({ type: 'ML_BOM', format: 'CYCLONEDX', filters: { application: 'Fraud triage' } }),
    );
    const text = new TextDecoder().decode(files.get('bom.cdx.json'));
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text)).toBeNull();
    const bom = JSON.parse(text) as { components: Array<{ type: string; name: string; hashes?: Array<{ content: string }> }> };
    expect(bom.components.map((c) => [c.type, c.name])).toEqual([['machine-learning-model', 'Qwen2.5-7B-Instruct']]);
    expect(bom.components[0]!.hashes).toEqual([{ alg: 'SHA-256', content: QWEN_WEIGHTS }]);
  });

  it('exports an audit trail extract whose rows carry their hashes, consistent with the manifest under concurrent writes', async () => {
    // A writer keeps appending to the chain while the exports read their snapshots.
    const audit = api.app.get(AuditService);
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing && n < 500; n += 1) {
        await audit.recordAlone(systemActor('concurrent-writer'), { action: 'test.write', entityType: 'Test' });
      }
    })();
    const views = await Promise.all([
      exportReport({ type: 'AUDIT_TRAIL', format: 'JSON' }),
      exportReport({ type: 'AUDIT_TRAIL', format: 'CSV' }),
    ]);
    writing = false;
    await writer;
    for (const view of views) {
      const files = await download(view);
      const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE))) as ReportManifest;
      const { firstAuditSeq, lastAuditSeq } = manifest.snapshot;
      const rows = manifest.files[0]!.rows!;
      // Sequence numbers have no gaps: an extract of everything holds exactly last - first + 1 events.
      expect(rows).toBe(Number(lastAuditSeq) - Number(firstAuditSeq) + 1);
    }
    const json = JSON.parse(new TextDecoder().decode((await download(views[0])).get('report.json'))) as JsonReport;
    const events = section(json, 'audit-events');
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
  });

  it('sends lost exports again and fails abandoned ones, audited', async () => {
    const exports = api.app.get(ReportExportsService);
    const now = Date.now();
    const lost = await api.prisma.reportExport.create({
      data: {
        type: 'RISK_REGISTER',
        format: 'CSV',
        filters: {},
        requestedById: auditor.userId,
        requestedByLabel: 'Auditor',
        createdAt: new Date(now - 10 * 60_000),
      },
    });
    const abandoned = await api.prisma.reportExport.create({
      data: {
        type: 'AUDIT_TRAIL',
        format: 'CSV',
        filters: {},
        status: 'RUNNING',
        requestedById: auditor.userId,
        createdAt: new Date(now - 3 * 3_600_000),
        startedAt: new Date(now - 3 * 3_600_000),
      },
    });
    expect(await exports.sweep(new Date(now))).toEqual({ resent: 1, failed: 1 });
    expect(await api.prisma.reportExport.findUniqueOrThrow({ where: { id: abandoned.id } })).toMatchObject({
      status: 'FAILED',
      error: 'The export was interrupted while it was written; export it again.',
    });
    expect(await api.prisma.auditEvent.findFirst({ where: { entityId: abandoned.id } })).toMatchObject({
      action: 'report.export',
      outcome: 'FAILURE',
    });
    let status = '';
    for (let attempt = 0; attempt < 100 && status !== 'READY'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await api.prisma.reportExport.findUniqueOrThrow({ where: { id: lost.id } })).status;
    }
    expect(status).toBe('READY');
  });

  it('refuses a PDF that would be too large, pointing to CSV or XLSX', async () => {
    await api.prisma.$executeRaw`
      INSERT INTO policy_decision (model_version_id, question, decision, reasons, actor_type, channel, created_at)
      SELECT ${scenario.qwen.id}::uuid, '{}'::jsonb, 'ALLOW', '[]'::jsonb, 'TOKEN', 'API', timestamptz '2026-08-06' + n * interval '1 second'
      FROM generate_series(1, 10001) AS n`;
    const before = await api.prisma.reportExport.count();
    const refused = await api.graphql(
      CREATE_EXPORT,
      { input: { type: 'POLICY_COMPLIANCE', format: 'PDF', filters: Q3 } },
      auditor,
    );
    expect(codeOf(refused)).toBe('VALIDATION_FAILED');
    expect(refused.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.format', reason: expect.stringContaining('export CSV or XLSX instead') },
    ]);
    expect(await api.prisma.reportExport.count()).toBe(before);

    // The same report as CSV is large enough to run in the background, with progress, then becomes ready.
    const queued = await exportReport({ type: 'POLICY_COMPLIANCE', format: 'CSV', filters: Q3 });
    expect(['QUEUED', 'RUNNING', 'READY']).toContain(queued.status);
    let view = queued;
    for (let attempt = 0; attempt < 300 && view.status !== 'READY' && view.status !== 'FAILED'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = (await api.graphql<{ reportExport: ExportView }>(GET_EXPORT, { id: queued.id }, auditor)).body.data!.reportExport;
    }
    expect(view).toMatchObject({ status: 'READY', progress: 1, rowsWritten: 10_004 });
    const files = await download(view);
    expect(verifyBundle(files, checkSignature).ok).toBe(true);
  });
});

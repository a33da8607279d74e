import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@modelgate/domain/auth';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES } from '@modelgate/domain/approvals';
import { startTestApp, type GraphqlResponse, type TestApp, type TestSession } from '../testing/test-app.js';

const CREATE = `mutation ($input: CreateApprovalRequestInput!) { createApprovalRequest(input: $input) { id version } }`;
const ASSIGN = `mutation ($input: AssignReviewInput!) { assignReview(input: $input) { id } }`;
const EVIDENCE = `mutation ($input: AddEvidenceInput!) { addReviewEvidence(input: $input) { id fileName contentType sizeBytes } }`;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

/** A zip whose one entry inflates 1,000 times over: what a zip bomb is made of (nested, it multiplies). */
function zipBomb(): Buffer {
  const inflated = Buffer.alloc(10 * 1024 * 1024);
  const deflated = deflateRawSync(inflated, { level: 9 });
  const name = Buffer.from('zeros.bin');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // local file header
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt32LE(deflated.length, 18);
  header.writeUInt32LE(inflated.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, deflated]);
}

const codeOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.code;
const fieldsOf = (response: GraphqlResponse) => response.body.errors?.[0]?.extensions?.fields ?? [];

describe('evidence uploads under hostile input', () => {
  let api: TestApp;
  let reviewer: TestSession;
  let reviewId: string;

  /** Every table's row count, and the successful changes on the audit trail (refusals may be recorded). */
  const stored = async () => {
    const tables = await api.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'session', 'audit_event')`,
    );
    const counts = await api.prisma.$queryRawUnsafe<{ name: string; rows: number }[]>(
      [
        ...tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows FROM "${name}"`),
        `SELECT 'audit_event (changes)' AS name, count(*)::int AS rows FROM audit_event WHERE outcome = 'SUCCESS'`,
      ].join(' UNION ALL '),
    );
    return Object.fromEntries(counts.map((row) => [row.name, row.rows]));
  };

  const upload = (file: { fileName: string; contentType: string; contentBase64: string }, title = 'Scan report') =>
    api.graphql<{ addReviewEvidence: { id: string; fileName: string; contentType: string; sizeBytes: number } }>(
      EVIDENCE,
      { input: { reviewId, title, file } },
      reviewer,
    );

  beforeAll(async () => {
    api = await startTestApp();
    const engineerUser = await api.createUser({ roles: [Role.Engineer], teamSlugs: ['evidence-team'] });
    const engineer = await api.signIn(engineerUser.email, engineerUser.password);
    const officer = await api.signInAs(Role.ComplianceOfficer);
    const reviewerUser = await api.createUser({ roles: [Role.Reviewer] });
    await api.prisma.user.update({ where: { id: reviewerUser.id }, data: { reviewCategories: ['security'] } });
    reviewer = await api.signIn(reviewerUser.email, reviewerUser.password);
    const provider = await api.prisma.provider.create({
      data: {
        key: 'evidence-provider',
        name: 'Evidence Provider',
        legalEntity: 'Evidence Ltd',
        headquartersCountry: 'FR',
        type: 'COMPANY',
      },
    });
    const version = await api.prisma.modelVersion.create({
      data: {
        key: 'evidence-model-1',
        providerId: provider.id,
        familyName: 'Evidence',
        versionName: 'Evidence-1',
        developerCountry: 'FR',
        supplier: 'Hugging Face',
        distribution: 'OPEN_WEIGHTS',
        weightsSha256: 'cd'.repeat(32),
        declaredLicense: 'Apache-2.0',
      },
    });
    const request = await api.graphql<{ createApprovalRequest: { id: string; version: number } }>(
      CREATE,
      {
        input: {
          modelVersionId: version.id,
          submit: true,
          scope: {
            intendedUse: 'Summarise support tickets for agents',
            environments: ['PRODUCTION'],
            hostingModes: ['ON_PREMISES'],
            maxDataClassification: 'CONFIDENTIAL',
            personalData: false,
            expectedUsers: 20,
          },
        },
      },
      engineer,
    );
    expect(request.body.errors).toBeUndefined();
    const { id, version: requestVersion } = request.body.data!.createApprovalRequest;
    const assigned = await api.graphql<{ assignReview: { id: string } }>(
      ASSIGN,
      { input: { requestId: id, expectedVersion: requestVersion, category: 'security', reviewerId: reviewer.userId } },
      officer,
    );
    expect(assigned.body.errors).toBeUndefined();
    reviewId = assigned.body.data!.assignReview.id;
  });
  afterAll(() => api.close());

  it('refuses names that climb out of a folder, name a folder, hide a NUL or reverse their text, and stores nothing', async () => {
    const before = await stored();
    const folders = 'must be a file name without folders ("/" or "\\")';
    for (const [fileName, field, reason] of [
      ['../../etc/passwd', 'input.file.fileName', folders],
      ['..\\x.pdf', 'input.file.fileName', folders],
      ['C:\\Windows\\System32\\x.pdf', 'input.file.fileName', folders],
      ['/etc/passwd', 'input.file.fileName', folders],
      ['scan.pdf\u0000.exe', 'input.file.fileName', 'must not contain NUL characters'],
      ['..', 'input.file.fileName', 'must not start with a dot'],
      ['.htaccess', 'input.file.fileName', 'must not start with a dot'],
      ['scan\u0007.pdf', 'input.file.fileName', 'must not contain control characters'],
      ['invoice\u202Efdp.exe', 'input.file.fileName', 'must not contain text direction characters'],
      ['a'.repeat(256), 'input.file.fileName', 'must be at most 255 characters'],
    ] as const) {
      const response = await upload({ fileName, contentType: 'application/pdf', contentBase64: PDF.toString('base64') });
      expect({ fileName, code: codeOf(response), fields: fieldsOf(response) }).toEqual({
        fileName,
        code: 'VALIDATION_FAILED',
        fields: [{ field, reason }],
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses types a browser would run (HTML, SVG), archives, and content that is not what its type says', async () => {
    const before = await stored();
    const allowed = `must be one of ${EVIDENCE_CONTENT_TYPES.join(', ')}`;
    const notText = 'must be UTF-8 text without NUL bytes for this content type';
    const cases: Array<[string, string, Buffer, string, string]> = [
      ['page.html', 'text/html', Buffer.from('<script>alert(document.cookie)</script>'), 'contentType', allowed],
      [
        'logo.svg',
        'image/svg+xml',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'contentType',
        allowed,
      ],
      ['page.xhtml', 'application/xhtml+xml', Buffer.from('<html/>'), 'contentType', allowed],
      ['bomb.zip', 'application/zip', zipBomb(), 'contentType', allowed],
      [
        'model.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        zipBomb(),
        'contentType',
        allowed,
      ],
      ['scan.pdf', 'Application/PDF', PDF, 'contentType', allowed],
      ['bomb.pdf', 'application/pdf', zipBomb(), 'content', 'is not a PDF file, as its content type says'],
      [
        'fake.pdf',
        'application/pdf',
        Buffer.from('<html><script>alert(1)</script></html>'),
        'content',
        'is not a PDF file, as its content type says',
      ],
      ['fake.png', 'image/png', PDF, 'content', 'is not a PNG file, as its content type says'],
      ['fake.jpg', 'image/jpeg', PNG, 'content', 'is not a JPEG file, as its content type says'],
      ['bomb.txt', 'text/plain', zipBomb(), 'content', notText],
      ['latin1.csv', 'text/csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe]), 'content', notText],
    ];
    for (const [fileName, contentType, bytes, field, reason] of cases) {
      const response = await upload({ fileName, contentType, contentBase64: bytes.toString('base64') });
      expect({ fileName, code: codeOf(response), fields: fieldsOf(response) }).toEqual({
        fileName,
        code: 'VALIDATION_FAILED',
        fields: [{ field: `input.file.${field}`, reason }],
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses oversized, empty and malformed content before decoding more than it must, and stores nothing', async () => {
    const before = await stored();
    const justOver = Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x20);
    PDF.copy(justOver);
    for (const [contentBase64, field, reason] of [
      [justOver.toString('base64'), 'input.file.content', 'must be at most 10 MiB'],
      ['A'.repeat(14_000_004), 'input.file.contentBase64', 'must be at most 10 MiB once decoded'],
      ['', 'input.file.content', 'must not be empty'],
      ['JVBERi0xLjcK<script>', 'input.file.contentBase64', 'must be base64'],
      ['JVBERi0x\nLjcK', 'input.file.contentBase64', 'must be base64'],
    ] as const) {
      const response = await upload({ fileName: 'scan.pdf', contentType: 'application/pdf', contentBase64 });
      expect({ length: contentBase64.length, code: codeOf(response), fields: fieldsOf(response) }).toEqual({
        length: contentBase64.length,
        code: 'VALIDATION_FAILED',
        fields: [{ field, reason }],
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('keeps a good file whose title is markup as the text it is, with its exact bytes', async () => {
    const title = '<img src=x onerror="alert(1)"> =cmd|\' /C calc\'!A0';
    const response = await upload(
      { fileName: 'Prüfbericht – scan.pdf', contentType: 'application/pdf', contentBase64: PDF.toString('base64') },
      title,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.addReviewEvidence).toMatchObject({
      fileName: 'Prüfbericht – scan.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    const row = await api.prisma.reviewEvidence.findUniqueOrThrow({
      where: { id: response.body.data!.addReviewEvidence.id },
      select: { title: true, content: true },
    });
    expect(row.title).toBe(title);
    expect(Buffer.from(row.content!)).toEqual(PDF);
  });
});

import { createHash } from 'node:crypto';
import type { PrismaClient } from '@modelgate/db';
import { unzipSync } from 'fflate';

export const QWEN_WEIGHTS = 'ab'.repeat(32);
export const EVIDENCE_TEXT = 'Scanned with ModelScan 0.8: no unsafe pickle opcodes.\n';

/**
 * A small, fully known governance history written straight into the database (the reports read
 * tables, so how the rows got there does not matter): two models, two teams, two deployments, an
 * approved and a rejected request with reviews, votes and evidence, an exception, a violation and a
 * CI gate decision, all in the third quarter of 2026.
 */
export async function seedReportScenario(
  prisma: PrismaClient,
  people: { engineerId: string; officerId: string; reviewerId: string },
) {
  const payments = await prisma.team.upsert({
    where: { slug: 'payments' },
    update: { name: 'Payments' },
    create: { slug: 'payments', name: 'Payments' },
  });
  const support = await prisma.team.create({ data: { slug: 'support', name: 'Support' } });
  const alibaba = await prisma.provider.create({
    data: {
      key: 'alibaba',
      name: 'Alibaba Cloud',
      headquartersCountry: 'CN',
      type: 'COMPANY',
      website: 'https://www.alibabacloud.com',
    },
  });
  const openai = await prisma.provider.create({
    data: { key: 'openai', name: 'OpenAI', headquartersCountry: 'US', type: 'COMPANY' },
  });
  const qwen = await prisma.modelVersion.create({
    data: {
      key: 'qwen2.5-7b-instruct',
      providerId: alibaba.id,
      familyName: 'Qwen2.5',
      versionName: 'Qwen2.5-7B-Instruct',
      developerCountry: 'CN',
      supplier: 'Hugging Face',
      distribution: 'OPEN_WEIGHTS',
      huggingFaceRepo: 'Qwen/Qwen2.5-7B-Instruct',
      weightsSha256: QWEN_WEIGHTS,
      declaredLicense: 'Apache-2.0',
      effectiveOrigin: ['CN'],
      licenseClass: 'PERMISSIVE',
      task: 'text-generation',
      modalities: ['TEXT'],
    },
  });
  const gpt = await prisma.modelVersion.create({
    data: {
      key: 'gpt-4o-2024-08-06',
      providerId: openai.id,
      familyName: 'GPT-4o',
      versionName: 'gpt-4o-2024-08-06',
      developerCountry: 'US',
      supplier: 'OpenAI API',
      distribution: 'API_ONLY',
      declaredLicense: 'LicenseRef-openai-terms',
      effectiveOrigin: ['US'],
      licenseClass: 'RESTRICTED_COMMERCIAL',
    },
  });
  const onPrem = await prisma.hostingTarget.create({
    data: { name: 'On-prem cluster', mode: 'ON_PREMISES', operator: 'Northwind IT', country: 'DE', trainsOnInputs: 'NO' },
  });
  const openaiApi = await prisma.hostingTarget.create({
    data: { name: 'OpenAI API', mode: 'VENDOR_API', operator: 'OpenAI', country: 'US', trainsOnInputs: 'NO', retentionDays: 30 },
  });
  const fraud = await prisma.deployment.create({
    data: {
      modelVersionId: qwen.id,
      teamId: payments.id,
      application: 'Fraud triage',
      environment: 'PRODUCTION',
      hostingTargetId: onPrem.id,
      dataClassification: 'CONFIDENTIAL',
      personalData: false,
      purpose: 'Summarise flagged transactions',
      euAiActCategory: 'MINIMAL',
      registeredVia: 'API',
      createdAt: new Date('2026-07-01T09:00:00Z'),
    },
  });
  const replies = await prisma.deployment.create({
    data: {
      modelVersionId: gpt.id,
      teamId: support.id,
      application: 'Support replies',
      environment: 'STAGING',
      hostingTargetId: openaiApi.id,
      dataClassification: 'INTERNAL',
      personalData: true,
      purpose: 'Draft replies to customers',
      euAiActCategory: 'TRANSPARENCY',
      registeredVia: 'ADMIN_APP',
      createdAt: new Date('2026-07-15T09:00:00Z'),
    },
  });
  const approved = await prisma.approvalRequest.create({
    data: {
      modelVersionId: qwen.id,
      weightsSha256: QWEN_WEIGHTS,
      teamId: payments.id,
      requesterId: people.engineerId,
      requestedVia: 'ADMIN_APP',
      state: 'APPROVED_WITH_CONDITIONS',
      intendedUse: 'Summarise flagged transactions for analysts',
      environments: ['PRODUCTION'],
      hostingModes: ['ON_PREMISES'],
      maxDataClassification: 'CONFIDENTIAL',
      personalData: false,
      expectedUsers: 40n,
      euAiActCategory: 'MINIMAL',
      riskTier: 'HIGH',
      requiredCategories: ['security', 'sovereignty'],
      requiredApprovers: 1,
      submittedAt: new Date('2026-07-02T10:00:00Z'),
      decidedAt: new Date('2026-07-10T15:30:00Z'),
      decisionRationale: 'Acceptable on-premises with pinned weights.',
      conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }, { kind: 'PIN_WEIGHTS_CHECKSUM' }],
      validFrom: new Date('2026-07-10T15:30:00Z'),
      validUntil: new Date('2099-07-10T15:30:00Z'),
      policyVersion: 3,
    },
  });
  const security = await prisma.riskReview.create({
    data: {
      requestId: approved.id,
      category: 'security',
      reviewerId: people.reviewerId,
      status: 'SIGNED_OFF',
      likelihood: 3,
      impact: 4,
      tier: 'HIGH',
      findings: 'No backdoor reports; weights checksum verified.',
      mitigations: ['Pin the weights checksum'],
      assignedAt: new Date('2026-07-03T09:00:00Z'),
      dueAt: new Date('2026-07-17T09:00:00Z'),
      signedOffAt: new Date('2026-07-08T12:00:00Z'),
    },
  });
  await prisma.riskReview.create({
    data: {
      requestId: approved.id,
      category: 'sovereignty',
      reviewerId: people.reviewerId,
      status: 'SIGNED_OFF',
      likelihood: 2,
      impact: 3,
      tier: 'MEDIUM',
      findings: 'Developed in CN; runs on-premises only.',
      mitigations: ['Keep it off vendor APIs'],
      assignedAt: new Date('2026-07-03T09:00:00Z'),
      dueAt: new Date('2026-07-17T09:00:00Z'),
      signedOffAt: new Date('2026-07-09T12:00:00Z'),
    },
  });
  const evidence = Buffer.from(EVIDENCE_TEXT);
  await prisma.reviewEvidence.create({
    data: {
      reviewId: security.id,
      kind: 'FILE',
      title: 'Weights scan',
      fileName: 'modelscan.txt',
      contentType: 'text/plain',
      sizeBytes: evidence.length,
      sha256: createHash('sha256').update(evidence).digest('hex'),
      content: evidence,
      addedById: people.reviewerId,
      createdAt: new Date('2026-07-08T11:00:00Z'),
    },
  });
  await prisma.approvalVote.create({
    data: {
      requestId: approved.id,
      personId: people.officerId,
      decision: 'APPROVE',
      asComplianceOfficer: true,
      rationale: 'Acceptable on-premises with pinned weights.',
      conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }, { kind: 'PIN_WEIGHTS_CHECKSUM' }],
      createdAt: new Date('2026-07-10T15:30:00Z'),
    },
  });
  const rejected = await prisma.approvalRequest.create({
    data: {
      modelVersionId: gpt.id,
      teamId: support.id,
      requesterId: people.engineerId,
      requestedVia: 'API',
      state: 'REJECTED',
      intendedUse: 'Draft replies with customer data',
      environments: ['STAGING', 'PRODUCTION'],
      hostingModes: ['VENDOR_API'],
      maxDataClassification: 'CONFIDENTIAL',
      personalData: true,
      expectedUsers: 300n,
      riskTier: 'MEDIUM',
      requiredCategories: ['privacy'],
      submittedAt: new Date('2026-07-20T10:00:00Z'),
      decidedAt: new Date('2026-08-01T10:00:00Z'),
      decisionRationale: 'Retention of 30 days is too long for confidential data.',
      policyVersion: 3,
    },
  });
  await prisma.approvalVote.create({
    data: {
      requestId: rejected.id,
      personId: people.officerId,
      decision: 'REJECT',
      asComplianceOfficer: true,
      rationale: 'Retention of 30 days is too long for confidential data.',
      createdAt: new Date('2026-08-01T10:00:00Z'),
    },
  });
  // Outside the period: must not appear in a Q3 report.
  await prisma.approvalRequest.create({
    data: {
      modelVersionId: gpt.id,
      teamId: support.id,
      requesterId: people.engineerId,
      requestedVia: 'API',
      state: 'WITHDRAWN',
      intendedUse: 'An earlier idea',
      environments: ['DEVELOPMENT'],
      hostingModes: ['VENDOR_API'],
      maxDataClassification: 'INTERNAL',
      personalData: false,
      expectedUsers: 5n,
      submittedAt: new Date('2026-05-02T10:00:00Z'),
    },
  });
  const exception = await prisma.policyException.create({
    data: {
      modelVersionId: gpt.id,
      teamId: support.id,
      environments: ['STAGING'],
      hostingTargetIds: [openaiApi.id],
      maxDataClassification: 'INTERNAL',
      ruleIds: ['vendor-retention'],
      justification: 'Pilot with synthetic tickets only.',
      compensatingControls: ['Synthetic data only', 'Weekly review'],
      state: 'GRANTED',
      requestedById: people.engineerId,
      firstApproverId: people.officerId,
      secondApproverId: people.reviewerId,
      grantedAt: new Date('2026-08-03T10:00:00Z'),
      expiresAt: new Date('2026-09-03T10:00:00Z'),
      createdAt: new Date('2026-08-02T10:00:00Z'),
    },
  });
  await prisma.policyViolation.create({
    data: {
      deploymentId: replies.id,
      kind: 'NOT_COVERED',
      message: 'gpt-4o-2024-08-06 is not covered by an approval',
      policyVersion: 3,
      detectedAt: new Date('2026-08-02T08:00:00Z'),
      resolvedAt: new Date('2026-08-03T10:00:00Z'),
      resolution: 'Covered by exception EX-1',
    },
  });
  await prisma.policyDecisionLog.create({
    data: {
      modelVersionId: qwen.id,
      question: {
        environment: 'PRODUCTION',
        hostingTargetId: onPrem.id,
        dataClassification: 'CONFIDENTIAL',
        teamId: payments.id,
      },
      decision: 'ALLOW',
      reasons: [{ source: 'APPROVAL', message: 'Covered by AR-1' }],
      policyVersion: 3,
      approvalRequestId: approved.id,
      actorType: 'TOKEN',
      actorLabel: 'payments-ci',
      channel: 'API',
      createdAt: new Date('2026-08-05T12:00:00Z'),
    },
  });
  return { payments, support, qwen, gpt, onPrem, openaiApi, fraud, replies, approved, rejected, exception };
}

/** The files of a bundle (a zip), by name. */
export function unzipBundle(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

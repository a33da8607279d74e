import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';
import { complianceOfficerIds, teamMemberIds } from '../people/directory.js';

export type Tx = Prisma.TransactionClient;

export const policyVersionSelect = {
  id: true,
  number: true,
  status: true,
  policy: true,
  note: true,
  draftedById: true,
  activatedById: true,
  activatedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.PolicyVersionSelect;
export type PolicyVersionRow = Prisma.PolicyVersionGetPayload<{ select: typeof policyVersionSelect }>;

const modelFactsSelect = {
  id: true,
  key: true,
  familyName: true,
  versionName: true,
  developerCountry: true,
  effectiveOrigin: true,
  distribution: true,
  weightsSha256: true,
  declaredLicense: true,
  concludedLicense: true,
  licenseClass: true,
  obligations: true,
  retiredAt: true,
  provider: { select: { name: true } },
} satisfies Prisma.ModelVersionSelect;
export type ModelFactsRow = Prisma.ModelVersionGetPayload<{ select: typeof modelFactsSelect }>;

const hostingFactsSelect = {
  id: true,
  name: true,
  mode: true,
  operator: true,
  country: true,
  trainsOnInputs: true,
  retentionDays: true,
  zeroDataRetention: true,
  retiredAt: true,
} satisfies Prisma.HostingTargetSelect;
export type HostingFactsRow = Prisma.HostingTargetGetPayload<{ select: typeof hostingFactsSelect }>;

const approvalFactsSelect = {
  id: true,
  number: true,
  state: true,
  teamId: true,
  riskTier: true,
  intendedUse: true,
  environments: true,
  hostingModes: true,
  maxDataClassification: true,
  personalData: true,
  expectedUsers: true,
  euAiActCategory: true,
  conditions: true,
  validUntil: true,
  weightsSha256: true,
  updatedAt: true,
  reviews: { where: { status: 'SIGNED_OFF' }, select: { category: true } },
  votes: { where: { decision: 'APPROVE' }, select: { personId: true } },
} satisfies Prisma.ApprovalRequestSelect;
export type ApprovalFactsRow = Prisma.ApprovalRequestGetPayload<{ select: typeof approvalFactsSelect }>;

export const exceptionSelect = {
  id: true,
  number: true,
  modelVersionId: true,
  teamId: true,
  environments: true,
  hostingTargetIds: true,
  maxDataClassification: true,
  ruleIds: true,
  justification: true,
  compensatingControls: true,
  state: true,
  requestedById: true,
  firstApproverId: true,
  secondApproverId: true,
  expiresAt: true,
  grantedAt: true,
  stateReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.PolicyExceptionSelect;
export type ExceptionRow = Prisma.PolicyExceptionGetPayload<{ select: typeof exceptionSelect }>;

export const violationSelect = {
  id: true,
  deploymentId: true,
  kind: true,
  message: true,
  policyVersion: true,
  detectedAt: true,
  resolvedAt: true,
  resolution: true,
} satisfies Prisma.PolicyViolationSelect;
export type ViolationRow = Prisma.PolicyViolationGetPayload<{ select: typeof violationSelect }>;

@Injectable()
export class PoliciesRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActive(tx: Tx = this.prisma): Promise<PolicyVersionRow | null> {
    return tx.policyVersion.findFirst({ where: { status: 'ACTIVE' }, select: policyVersionSelect });
  }

  findVersion(tx: Tx, id: string): Promise<PolicyVersionRow | null> {
    return tx.policyVersion.findUnique({ where: { id }, select: policyVersionSelect });
  }

  listVersions(): Promise<PolicyVersionRow[]> {
    return this.prisma.policyVersion.findMany({ select: policyVersionSelect, orderBy: { number: 'desc' }, take: 100 });
  }

  createVersion(tx: Tx, data: Prisma.PolicyVersionUncheckedCreateInput): Promise<PolicyVersionRow> {
    return tx.policyVersion.create({ data, select: policyVersionSelect });
  }

  async updateVersion(
    tx: Tx,
    id: string,
    expectedVersion: number,
    data: Prisma.PolicyVersionUncheckedUpdateManyInput,
  ): Promise<PolicyVersionRow | null> {
    const { count } = await tx.policyVersion.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findVersion(tx, id) : null;
  }

  supersedeActive(tx: Tx) {
    return tx.policyVersion.updateMany({
      where: { status: 'ACTIVE' },
      data: { status: 'SUPERSEDED', version: { increment: 1 } },
    });
  }

  /** Takes the policy writers' lock until the transaction ends: activations happen one at a time. */
  async lockPolicy(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('policy.activation'))`;
  }

  findModel(where: Prisma.ModelVersionWhereInput): Promise<ModelFactsRow[]> {
    return this.prisma.modelVersion.findMany({ where, select: modelFactsSelect, take: 2 });
  }

  async isWeightFileOf(modelVersionId: string, sha256: string): Promise<boolean> {
    const file = await this.prisma.modelVersionWeightFile.findFirst({
      where: { modelVersionId, sha256 },
      select: { path: true },
    });
    return file !== null;
  }

  /** The facts of several model versions at once (for batch questions such as scan matching). */
  findModelsByIds(ids: readonly string[]): Promise<ModelFactsRow[]> {
    return this.prisma.modelVersion.findMany({ where: { id: { in: [...ids] } }, select: modelFactsSelect });
  }

  findHosting(where: Prisma.HostingTargetWhereInput): Promise<HostingFactsRow | null> {
    return this.prisma.hostingTarget.findFirst({ where, select: hostingFactsSelect });
  }

  approvalsOf(modelVersionId: string): Promise<ApprovalFactsRow[]> {
    return this.prisma.approvalRequest.findMany({
      where: { modelVersionId },
      select: approvalFactsSelect,
      orderBy: { updatedAt: 'desc' },
      take: 50,
    });
  }

  logDecision(data: Prisma.PolicyDecisionLogUncheckedCreateInput) {
    return this.prisma.policyDecisionLog.create({ data, select: { id: true, createdAt: true } });
  }

  /** Active deployments with everything a decision about them needs (for previews and sweeps). */
  activeDeployments() {
    return this.prisma.deployment.findMany({
      where: { status: 'ACTIVE' },
      select: {
        id: true,
        application: true,
        environment: true,
        dataClassification: true,
        personalData: true,
        euAiActCategory: true,
        teamId: true,
        team: { select: { name: true } },
        modelVersion: { select: modelFactsSelect },
        hostingTarget: { select: hostingFactsSelect },
      },
      take: 10_000,
    });
  }

  approvalsOfVersions(modelVersionIds: readonly string[]): Promise<(ApprovalFactsRow & { modelVersionId: string })[]> {
    return this.prisma.approvalRequest.findMany({
      where: { modelVersionId: { in: [...modelVersionIds] } },
      select: { ...approvalFactsSelect, modelVersionId: true },
      orderBy: { updatedAt: 'desc' },
    });
  }

  grantedExceptionsOf(modelVersionIds: readonly string[]): Promise<ExceptionRow[]> {
    return this.prisma.policyException.findMany({
      where: { modelVersionId: { in: [...modelVersionIds] }, state: 'GRANTED' },
      select: exceptionSelect,
      orderBy: { expiresAt: 'desc' },
    });
  }

  findException(tx: Tx, id: string): Promise<ExceptionRow | null> {
    return tx.policyException.findUnique({ where: { id }, select: exceptionSelect });
  }

  listExceptions(where: Prisma.PolicyExceptionWhereInput): Promise<ExceptionRow[]> {
    return this.prisma.policyException.findMany({ where, select: exceptionSelect, orderBy: { number: 'desc' }, take: 200 });
  }

  createException(tx: Tx, data: Prisma.PolicyExceptionUncheckedCreateInput): Promise<ExceptionRow> {
    return tx.policyException.create({ data, select: exceptionSelect });
  }

  async updateException(
    tx: Tx,
    id: string,
    expectedVersion: number,
    data: Prisma.PolicyExceptionUncheckedUpdateManyInput,
  ): Promise<ExceptionRow | null> {
    const { count } = await tx.policyException.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findException(tx, id) : null;
  }

  findLapsedExceptions(now: Date): Promise<ExceptionRow[]> {
    return this.prisma.policyException.findMany({
      where: { state: 'GRANTED', expiresAt: { lte: now } },
      select: exceptionSelect,
      take: 500,
    });
  }

  openViolations(): Promise<ViolationRow[]> {
    return this.prisma.policyViolation.findMany({ where: { resolvedAt: null }, select: violationSelect });
  }

  listViolations(where: Prisma.PolicyViolationWhereInput): Promise<ViolationRow[]> {
    return this.prisma.policyViolation.findMany({ where, select: violationSelect, orderBy: { detectedAt: 'desc' }, take: 500 });
  }

  openViolation(tx: Tx, data: Prisma.PolicyViolationUncheckedCreateInput): Promise<ViolationRow> {
    return tx.policyViolation.create({ data, select: violationSelect });
  }

  updateViolation(tx: Tx, id: string, data: Prisma.PolicyViolationUncheckedUpdateInput): Promise<ViolationRow> {
    return tx.policyViolation.update({ where: { id }, data, select: violationSelect });
  }

  deploymentStatus(ids: readonly string[]) {
    return this.prisma.deployment.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true } });
  }

  teamMemberIds(tx: Tx, teamId: string): Promise<string[]> {
    return teamMemberIds(tx, teamId);
  }

  complianceOfficerIds(tx: Tx): Promise<string[]> {
    return complianceOfficerIds(tx);
  }
}

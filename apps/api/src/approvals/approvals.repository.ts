import { Injectable } from '@nestjs/common';
import { columnOf, Prisma } from '@modelgate/db';
import type { RequestState } from '@modelgate/domain/approvals';
import { PrismaService } from '../database/prisma.service.js';
import { complianceOfficerIds } from '../people/directory.js';

export type Tx = Prisma.TransactionClient;

export const approvalRequestSelect = {
  id: true,
  number: true,
  modelVersionId: true,
  weightsSha256: true,
  teamId: true,
  requesterId: true,
  requestedByTokenId: true,
  requestedVia: true,
  state: true,
  intendedUse: true,
  environments: true,
  hostingModes: true,
  maxDataClassification: true,
  personalData: true,
  expectedUsers: true,
  euAiActCategory: true,
  riskTier: true,
  requiredCategories: true,
  requiredApprovers: true,
  complianceOfficerRequired: true,
  previousRequestId: true,
  cycle: true,
  submittedAt: true,
  decidedAt: true,
  decisionRationale: true,
  conditions: true,
  validFrom: true,
  validUntil: true,
  policyVersion: true,
  stateReason: true,
  lastEditedById: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ApprovalRequestSelect;
export type ApprovalRequestRow = Prisma.ApprovalRequestGetPayload<{ select: typeof approvalRequestSelect }>;

export const riskReviewSelect = {
  id: true,
  requestId: true,
  category: true,
  reviewerId: true,
  status: true,
  likelihood: true,
  impact: true,
  tier: true,
  findings: true,
  mitigations: true,
  assignedAt: true,
  dueAt: true,
  signedOffAt: true,
  remindedAt: true,
  version: true,
  updatedAt: true,
} satisfies Prisma.RiskReviewSelect;
export type RiskReviewRow = Prisma.RiskReviewGetPayload<{ select: typeof riskReviewSelect }>;

export const evidenceSelect = {
  id: true,
  reviewId: true,
  kind: true,
  title: true,
  url: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  addedById: true,
  createdAt: true,
} satisfies Prisma.ReviewEvidenceSelect;
export type EvidenceRow = Prisma.ReviewEvidenceGetPayload<{ select: typeof evidenceSelect }>;

export const voteSelect = {
  id: true,
  requestId: true,
  personId: true,
  decision: true,
  asComplianceOfficer: true,
  rationale: true,
  conditions: true,
  createdAt: true,
} satisfies Prisma.ApprovalVoteSelect;
export type VoteRow = Prisma.ApprovalVoteGetPayload<{ select: typeof voteSelect }>;

export type PersonRow = { id: string; email: string; displayName: string; roles: string[]; reviewCategories: string[] };

/** The model version as a workflow step names it and checks its last editor. */
export type VersionForWorkflow = { lastEditedById: string | null; versionName: string; providerName: string };

/** What a decision reads besides the request itself (see `ApprovalsRepository.claimForDecision`). */
export type DecisionReads = {
  reviews: RiskReviewRow[];
  /** The stored value of the policy setting, null when none is stored. */
  policySetting: unknown;
  modelVersion: VersionForWorkflow | null;
  /** The deciding person, when enabled. */
  person: PersonRow | null;
  votes: VoteRow[];
  complianceOfficerIds: string[];
};

type JsonDates<Row, Key extends keyof Row> = Omit<Row, Key> & { [K in Key]: Row[K] extends Date ? string : string | null };
type ReviewJson = JsonDates<RiskReviewRow, 'assignedAt' | 'dueAt' | 'signedOffAt' | 'remindedAt' | 'updatedAt'>;
type VoteJson = JsonDates<VoteRow, 'createdAt'>;

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

/** Columns whose PostgreSQL type is an enum: read as text, as Prisma's own statements read them. */
const ENUM_CASTS: Partial<Record<keyof ApprovalRequestRow, string>> = {
  state: '::text',
  environments: '::text[]',
  hostingModes: '::text[]',
  maxDataClassification: '::text',
  euAiActCategory: '::text',
  riskTier: '::text',
};
/** `approvalRequestSelect`'s columns for a raw statement, named as its fields. */
const REQUEST_COLUMNS = Prisma.raw(
  (Object.keys(approvalRequestSelect) as (keyof ApprovalRequestRow)[])
    .map((field) => `${columnOf(field)}${ENUM_CASTS[field] ?? ''} AS "${field}"`)
    .join(', '),
);

/** The only place the approvals domain touches Prisma. */
@Injectable()
export class ApprovalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findRequest(tx: Tx, id: string): Promise<ApprovalRequestRow | null> {
    return tx.approvalRequest.findUnique({ where: { id }, select: approvalRequestSelect });
  }

  findRequestsByIds(ids: readonly string[]): Promise<ApprovalRequestRow[]> {
    return this.prisma.approvalRequest.findMany({ where: { id: { in: [...ids] } }, select: approvalRequestSelect });
  }

  createRequest(tx: Tx, data: Prisma.ApprovalRequestUncheckedCreateInput): Promise<ApprovalRequestRow> {
    return tx.approvalRequest.create({ data, select: approvalRequestSelect });
  }

  /** Guarded by the version the caller read; null when someone else changed the request first. */
  async updateRequest(
    tx: Tx,
    id: string,
    expectedVersion: number,
    data: Prisma.ApprovalRequestUncheckedUpdateManyInput,
  ): Promise<ApprovalRequestRow | null> {
    const [updated] = await tx.approvalRequest.updateManyAndReturn({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
      select: approvalRequestSelect,
    });
    return updated ?? null;
  }

  findPage(where: Prisma.ApprovalRequestWhereInput, take: number, skip: number): Promise<ApprovalRequestRow[]> {
    return this.prisma.approvalRequest.findMany({
      where,
      select: approvalRequestSelect,
      orderBy: [{ updatedAt: 'desc' }, { number: 'desc' }],
      take,
      skip,
    });
  }

  /**
   * Every cycle of these model versions, most recently changed first (for the version pages and inventory lists),
   * with `id`, `modelVersionId` and the columns asked for.
   */
  findByModelVersions(
    modelVersionIds: readonly string[],
    columns: readonly (keyof ApprovalRequestRow)[],
  ): Promise<Pick<ApprovalRequestRow, 'id' | 'modelVersionId'>[]> {
    const select: Prisma.ApprovalRequestSelect = { id: true, modelVersionId: true };
    for (const column of columns) select[column] = true;
    return this.prisma.approvalRequest.findMany({
      where: { modelVersionId: { in: [...modelVersionIds] } },
      select,
      orderBy: [{ updatedAt: 'desc' }, { number: 'desc' }],
    });
  }

  count(where: Prisma.ApprovalRequestWhereInput): Promise<number> {
    return this.prisma.approvalRequest.count({ where });
  }

  findModelVersion(tx: Tx, id: string) {
    return tx.modelVersion.findUnique({
      where: { id },
      select: {
        id: true,
        familyName: true,
        versionName: true,
        weightsSha256: true,
        retiredAt: true,
        lastEditedById: true,
        provider: { select: { name: true } },
      },
    });
  }

  /**
   * Claims the request for a decision (its version + 1, guarded by the version the decider read) and reads, in the
   * same statement, everything the decision decides on: its reviews, the policy setting, its model version, the
   * deciding person (`personId`, null for none), its votes and who the compliance officers are (as
   * `people/directory.ts` answers it). In an interactive transaction each statement is a round trip, and these were
   * ten. Null when the claim fails (no such request, or not at that version).
   *
   * The reads see what committed before the statement started. That is what the claim needs: every vote comes with a
   * version change of its request, so a vote committed after that point makes the claim fail instead of going unseen.
   */
  async claimForDecision(
    tx: Tx,
    id: string,
    expectedVersion: number,
    personId: string | null,
    policyKey: string,
  ): Promise<(DecisionReads & { request: ApprovalRequestRow }) | null> {
    const [row] = await tx.$queryRaw<
      Array<ApprovalRequestRow & Omit<DecisionReads, 'reviews' | 'votes'> & { reviews: ReviewJson[]; votes: VoteJson[] }>
    >`
      WITH claimed AS (
        UPDATE approval_request SET version = version + 1, updated_at = ${new Date()}
        WHERE id = ${id}::uuid AND version = ${expectedVersion}
        RETURNING *
      )
      SELECT ${REQUEST_COLUMNS},
        coalesce((
          SELECT json_agg(json_build_object(
              'id', r.id, 'requestId', r.request_id, 'category', r.category, 'reviewerId', r.reviewer_id,
              'status', r.status, 'likelihood', r.likelihood, 'impact', r.impact, 'tier', r.tier,
              'findings', r.findings, 'mitigations', r.mitigations, 'assignedAt', r.assigned_at, 'dueAt', r.due_at,
              'signedOffAt', r.signed_off_at, 'remindedAt', r.reminded_at, 'version', r.version,
              'updatedAt', r.updated_at) ORDER BY r.assigned_at)
          FROM risk_review r WHERE r.request_id = claimed.id), '[]'::json) AS reviews,
        (SELECT s.value FROM app_setting s WHERE s.key = ${policyKey}) AS "policySetting",
        (SELECT json_build_object('lastEditedById', mv.last_edited_by_id, 'versionName', mv.version_name,
                                  'providerName', p.name)
         FROM model_version mv JOIN provider p ON p.id = mv.provider_id
         WHERE mv.id = claimed.model_version_id) AS "modelVersion",
        (SELECT json_build_object('id', u.id, 'email', u.email, 'displayName', u.display_name, 'roles', u.roles,
                                  'reviewCategories', u.review_categories)
         FROM app_user u WHERE u.id = ${personId}::uuid AND u.disabled_at IS NULL) AS person,
        coalesce((
          SELECT json_agg(json_build_object(
              'id', v.id, 'requestId', v.request_id, 'personId', v.person_id, 'decision', v.decision,
              'asComplianceOfficer', v.as_compliance_officer, 'rationale', v.rationale, 'conditions', v.conditions,
              'createdAt', v.created_at) ORDER BY v.created_at)
          FROM approval_vote v WHERE v.request_id = claimed.id), '[]'::json) AS votes,
        ARRAY(SELECT u.id::text FROM app_user u
              WHERE u.roles @> '{COMPLIANCE_OFFICER}' AND u.disabled_at IS NULL) AS "complianceOfficerIds"
      FROM claimed`;
    if (!row) return null;
    const { reviews, policySetting, modelVersion, person, votes, complianceOfficerIds, ...request } = row;
    return {
      request,
      reviews: reviews.map((review) => ({
        ...review,
        assignedAt: new Date(review.assignedAt),
        dueAt: new Date(review.dueAt),
        signedOffAt: dateOrNull(review.signedOffAt),
        remindedAt: dateOrNull(review.remindedAt),
        updatedAt: new Date(review.updatedAt),
      })),
      policySetting,
      modelVersion,
      person,
      votes: votes.map((vote) => ({ ...vote, createdAt: new Date(vote.createdAt) })),
      complianceOfficerIds,
    };
  }

  findPerson(tx: Tx, id: string): Promise<PersonRow | null> {
    return tx.user.findFirst({
      where: { id, disabledAt: null },
      select: { id: true, email: true, displayName: true, roles: true, reviewCategories: true },
    });
  }

  findPeopleByIds(ids: readonly string[]) {
    return this.prisma.user.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, email: true, displayName: true },
    });
  }

  async teamIdsOf(tx: Tx, userId: string): Promise<string[]> {
    return (await tx.teamMembership.findMany({ where: { userId }, select: { teamId: true } })).map((m) => m.teamId);
  }

  teamExists(tx: Tx, id: string) {
    return tx.team.findUnique({ where: { id }, select: { id: true } });
  }

  complianceOfficerIds(tx: Tx): Promise<string[]> {
    return complianceOfficerIds(tx);
  }

  /** Requests of this model version that are open or granted (not final), other than `exceptId`. */
  findLiveRequestsOfVersion(tx: Tx, modelVersionId: string, states: readonly RequestState[]) {
    return tx.approvalRequest.findMany({
      where: { modelVersionId, state: { in: [...states] } },
      select: { id: true, number: true, state: true, teamId: true },
    });
  }

  reviewsOf(tx: Tx, requestId: string): Promise<RiskReviewRow[]> {
    return tx.riskReview.findMany({ where: { requestId }, select: riskReviewSelect, orderBy: { assignedAt: 'asc' } });
  }

  reviewsOfRequests(requestIds: readonly string[]): Promise<RiskReviewRow[]> {
    return this.prisma.riskReview.findMany({
      where: { requestId: { in: [...requestIds] } },
      select: riskReviewSelect,
      orderBy: { assignedAt: 'asc' },
    });
  }

  findReview(tx: Tx, id: string): Promise<RiskReviewRow | null> {
    return tx.riskReview.findUnique({ where: { id }, select: riskReviewSelect });
  }

  createReview(tx: Tx, data: Prisma.RiskReviewUncheckedCreateInput): Promise<RiskReviewRow> {
    return tx.riskReview.create({ data, select: riskReviewSelect });
  }

  async updateReview(
    tx: Tx,
    id: string,
    expectedVersion: number,
    data: Prisma.RiskReviewUncheckedUpdateManyInput,
  ): Promise<RiskReviewRow | null> {
    const { count } = await tx.riskReview.updateMany({
      where: { id, version: expectedVersion },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1 ? this.findReview(tx, id) : null;
  }

  /** Assigned reviews past their due date whose reviewer was not reminded since `remindedBefore`. */
  findOverdueReviews(tx: Tx, now: Date, remindedBefore: Date) {
    return tx.riskReview.findMany({
      where: {
        status: 'ASSIGNED',
        dueAt: { lt: now },
        OR: [{ remindedAt: null }, { remindedAt: { lt: remindedBefore } }],
        request: { state: 'IN_REVIEW' },
      },
      select: { ...riskReviewSelect, request: { select: approvalRequestSelect } },
      take: 500,
    });
  }

  markReminded(tx: Tx, ids: readonly string[], at: Date) {
    return tx.riskReview.updateMany({ where: { id: { in: [...ids] } }, data: { remindedAt: at } });
  }

  addEvidence(tx: Tx, data: Prisma.ReviewEvidenceUncheckedCreateInput): Promise<EvidenceRow> {
    return tx.reviewEvidence.create({ data, select: evidenceSelect });
  }

  evidenceOfReviews(reviewIds: readonly string[]): Promise<EvidenceRow[]> {
    return this.prisma.reviewEvidence.findMany({
      where: { reviewId: { in: [...reviewIds] } },
      select: evidenceSelect,
      orderBy: { createdAt: 'asc' },
    });
  }

  findEvidence(id: string): Promise<EvidenceRow | null> {
    return this.prisma.reviewEvidence.findUnique({ where: { id }, select: evidenceSelect });
  }

  async evidenceContent(id: string) {
    return this.prisma.reviewEvidence.findUnique({
      where: { id },
      select: { ...evidenceSelect, content: true, review: { select: { requestId: true } } },
    });
  }

  votesOfRequests(requestIds: readonly string[]): Promise<VoteRow[]> {
    return this.prisma.approvalVote.findMany({
      where: { requestId: { in: [...requestIds] } },
      select: voteSelect,
      orderBy: { createdAt: 'asc' },
    });
  }

  addVote(tx: Tx, data: Prisma.ApprovalVoteUncheckedCreateInput): Promise<VoteRow> {
    return tx.approvalVote.create({ data, select: voteSelect });
  }

  /** Granted approvals whose validity ended by `now`. */
  findLapsed(tx: Tx, now: Date) {
    return tx.approvalRequest.findMany({
      where: { state: { in: ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'SUSPENDED'] }, validUntil: { lte: now } },
      select: approvalRequestSelect,
      take: 500,
    });
  }

  /** Granted approvals whose re-review should open by `now` and that have no renewal yet. */
  findDueForRenewal(tx: Tx, renewBy: Date, now: Date) {
    return tx.approvalRequest.findMany({
      where: {
        state: { in: ['APPROVED', 'APPROVED_WITH_CONDITIONS'] },
        validUntil: { lte: renewBy, gt: now },
        renewal: { is: null },
      },
      select: approvalRequestSelect,
      take: 500,
    });
  }

  readSetting(tx: Tx, key: string) {
    return tx.appSetting.findUnique({ where: { key }, select: { value: true } });
  }

  writeSetting(tx: Tx, key: string, value: Prisma.InputJsonValue) {
    return tx.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /** Takes a lock for one setting's writers until the transaction ends. */
  async lockSetting(tx: Tx, key: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  }
}

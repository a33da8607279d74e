import { Injectable } from '@nestjs/common';
import { Prisma, PREPARED_STATEMENT } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';
import { StatementTexts } from '../database/statement-texts.js';
import { escapeLike } from '../search/domain/search-query.js';
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

export type DecisionLogEntry = {
  modelVersionId: string;
  question: Record<string, unknown>;
  decision: string;
  reasons: readonly unknown[];
  policyVersion: number;
  approvalRequestId: string | null;
  exceptionId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  channel: string;
};

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

/** How a question names its model version (see PolicyQuestion): exactly one of these ways. */
export type ModelNamed =
  | { by: 'id'; id: string }
  | { by: 'nameAndProvider'; name: string; provider: string }
  | { by: 'keyOrName'; model: string }
  | { by: 'weights'; sha256: string };

/** How a question names its hosting target. */
export type HostingNamed = { by: 'id'; id: string } | { by: 'name'; name: string };

/** The active policy version's row as the decision statement read it; `policy` is null when it was left out. */
export type ActivePolicyRow = { id: string; number: number; version: number; policy: unknown };

/** Everything one decision reads, from one statement (one snapshot, one round trip). */
export type DecisionFacts = {
  /** Up to two matches, so an ambiguous name can be refused. */
  models: (ModelFactsRow & { weightFileMatches: boolean })[];
  hosting: HostingFactsRow | null;
  /** The approvals and granted exceptions of the model version, when exactly one matched. */
  approvals: ApprovalFactsRow[];
  exceptions: ExceptionRow[];
  activePolicy: ActivePolicyRow | null;
};

type DecisionFactsJson = {
  models: (Omit<ModelFactsRow, 'retiredAt'> & { retiredAt: string | null; weightFileMatches: boolean })[];
  hosting: (Omit<HostingFactsRow, 'retiredAt'> & { retiredAt: string | null }) | null;
  approvals: (Omit<ApprovalFactsRow, 'expectedUsers' | 'validUntil' | 'updatedAt'> & {
    expectedUsers: string;
    validUntil: string | null;
    updatedAt: string;
  })[];
  exceptions: (Omit<ExceptionRow, 'expiresAt' | 'grantedAt' | 'createdAt' | 'updatedAt'> & {
    expiresAt: string;
    grantedAt: string | null;
    createdAt: string;
    updatedAt: string;
  })[];
  policyId: string | null;
  policyNumber: number | null;
  policyRowVersion: number | null;
  policy: unknown;
};

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** A name compared as `equals` ignoring case: ILIKE with its wildcards escaped (so the trigram indexes can serve it). */
const sameName = (column: Prisma.Sql, name: string) => Prisma.sql`${column} ILIKE ${escapeLike(name)}`;

function modelCondition(model: ModelNamed): Prisma.Sql {
  switch (model.by) {
    case 'id':
      return Prisma.sql`v.id = ${model.id}::uuid`;
    case 'nameAndProvider':
      return Prisma.sql`${sameName(Prisma.sql`v.version_name`, model.name)} AND ${sameName(Prisma.sql`p.name`, model.provider)}`;
    case 'keyOrName':
      return Prisma.sql`(v.key = ${model.model.toLowerCase()} OR ${sameName(Prisma.sql`v.version_name`, model.model)})`;
    case 'weights':
      return Prisma.sql`(v.weights_sha256 = ${model.sha256} OR EXISTS (
        SELECT 1 FROM model_version_weight_file f WHERE f.model_version_id = v.id AND f.sha256 = ${model.sha256}))`;
  }
}

@Injectable()
export class PoliciesRepository {
  private readonly statements = new StatementTexts();

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

  /**
   * The facts of one decision in one statement: the model version (with its provider, and whether `weightsSha256` is
   * one of its weight files), the hosting target, the version's approvals with their signed-off reviews and approving
   * votes, its granted exceptions, and the active policy version. The policy's JSON is left out when the caller
   * already holds that version (`knownPolicy`, same id and row version), so a cached policy is never stale: the
   * statement reads which version is active every time, in the same snapshot as the rest.
   */
  async decisionFacts(
    model: ModelNamed,
    hosting: HostingNamed,
    weightsSha256: string | null,
    knownPolicy: { id: string; version: number } | null,
  ): Promise<DecisionFacts> {
    const hostingCondition =
      hosting.by === 'id' ? Prisma.sql`t.id = ${hosting.id}::uuid` : sameName(Prisma.sql`t.name`, hosting.name);
    // Its plan costs several times its run (many small subqueries), so it is kept per connection, except where a
    // name is matched: a generic plan cannot know the pattern the trigram index needs.
    const matchesByName = model.by === 'nameAndProvider' || model.by === 'keyOrName' || hosting.by === 'name';
    const [row] = await this.prisma.driverQuery<DecisionFactsJson>(
      this.statements.of(
        `decisionFacts:${model.by}:${hosting.by}`,
        Prisma.sql`${Prisma.raw(matchesByName ? '' : PREPARED_STATEMENT)}
      WITH m AS (
        SELECT v.id, v.key, v.family_name AS "familyName", v.version_name AS "versionName",
               v.developer_country AS "developerCountry", v.effective_origin AS "effectiveOrigin", v.distribution,
               v.weights_sha256 AS "weightsSha256", v.declared_license AS "declaredLicense",
               v.concluded_license AS "concludedLicense", v.license_class AS "licenseClass", v.obligations,
               v.retired_at AS "retiredAt", json_build_object('name', p.name) AS provider,
               ${weightsSha256}::text IS NOT NULL AND EXISTS (
                 SELECT 1 FROM model_version_weight_file f WHERE f.model_version_id = v.id AND f.sha256 = ${weightsSha256}
               ) AS "weightFileMatches"
        FROM model_version v JOIN provider p ON p.id = v.provider_id
        WHERE ${modelCondition(model)}
        LIMIT 2
      ),
      the_model AS (SELECT id FROM m WHERE (SELECT count(*) FROM m) = 1)
      SELECT
        (SELECT coalesce(json_agg(m), '[]') FROM m) AS models,
        (SELECT row_to_json(h) FROM (
           SELECT t.id, t.name, t.mode, t.operator, t.country, t.trains_on_inputs AS "trainsOnInputs",
                  t.retention_days AS "retentionDays", t.zero_data_retention AS "zeroDataRetention", t.retired_at AS "retiredAt"
           FROM hosting_target t WHERE ${hostingCondition} LIMIT 1) h) AS hosting,
        (SELECT coalesce(json_agg(a ORDER BY a."updatedAt" DESC), '[]') FROM (
           SELECT a.id, a.number, a.state, a.team_id AS "teamId", a.risk_tier AS "riskTier", a.intended_use AS "intendedUse",
                  a.environments, a.hosting_modes AS "hostingModes", a.max_data_classification AS "maxDataClassification",
                  a.personal_data AS "personalData", a.expected_users::text AS "expectedUsers",
                  a.eu_ai_act_category AS "euAiActCategory", a.conditions, a.valid_until AS "validUntil",
                  a.weights_sha256 AS "weightsSha256", a.updated_at AS "updatedAt",
                  (SELECT coalesce(json_agg(json_build_object('category', r.category)), '[]')
                   FROM risk_review r WHERE r.request_id = a.id AND r.status = 'SIGNED_OFF') AS reviews,
                  (SELECT coalesce(json_agg(json_build_object('personId', v.person_id)), '[]')
                   FROM approval_vote v WHERE v.request_id = a.id AND v.decision = 'APPROVE') AS votes
           FROM approval_request a WHERE a.model_version_id = (SELECT id FROM the_model)
           ORDER BY a.updated_at DESC LIMIT 50) a) AS approvals,
        (SELECT coalesce(json_agg(e ORDER BY e."expiresAt" DESC), '[]') FROM (
           SELECT e.id, e.number, e.model_version_id AS "modelVersionId", e.team_id AS "teamId", e.environments,
                  e.hosting_target_ids AS "hostingTargetIds", e.max_data_classification AS "maxDataClassification",
                  e.rule_ids AS "ruleIds", e.justification, e.compensating_controls AS "compensatingControls", e.state,
                  e.requested_by_id AS "requestedById", e.first_approver_id AS "firstApproverId",
                  e.second_approver_id AS "secondApproverId", e.expires_at AS "expiresAt", e.granted_at AS "grantedAt",
                  e.state_reason AS "stateReason", e.version, e.created_at AS "createdAt", e.updated_at AS "updatedAt"
           FROM policy_exception e WHERE e.model_version_id = (SELECT id FROM the_model) AND e.state = 'GRANTED') e) AS exceptions,
        pv.id AS "policyId", pv.number AS "policyNumber", pv.version AS "policyRowVersion",
        CASE WHEN pv.id = ${knownPolicy?.id ?? null}::uuid AND pv.version = ${knownPolicy?.version ?? null}::int
             THEN NULL ELSE pv.policy END AS policy
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT id, number, version, policy FROM policy_version WHERE status = 'ACTIVE' LIMIT 1) pv ON true`,
      ),
    );
    const facts = row!;
    return {
      models: facts.models.map((found) => ({ ...found, retiredAt: dateOrNull(found.retiredAt) })),
      hosting: facts.hosting && { ...facts.hosting, retiredAt: dateOrNull(facts.hosting.retiredAt) },
      approvals: facts.approvals.map((approval) => ({
        ...approval,
        expectedUsers: BigInt(approval.expectedUsers),
        validUntil: dateOrNull(approval.validUntil),
        updatedAt: new Date(approval.updatedAt),
      })),
      exceptions: facts.exceptions.map((exception) => ({
        ...exception,
        expiresAt: new Date(exception.expiresAt),
        grantedAt: dateOrNull(exception.grantedAt),
        createdAt: new Date(exception.createdAt),
        updatedAt: new Date(exception.updatedAt),
      })),
      activePolicy:
        facts.policyId === null
          ? null
          : { id: facts.policyId, number: facts.policyNumber!, version: facts.policyRowVersion!, policy: facts.policy },
    };
  }

  /** One row of the decision log, written with one plain INSERT (the log is append-only: nothing to read back but its id and time). */
  async logDecision(entry: DecisionLogEntry): Promise<{ id: string; createdAt: Date }> {
    const [row] = await this.prisma.driverQuery<{ id: string; createdAt: Date }>(
      this.statements.of(
        'logDecision',
        Prisma.sql`${Prisma.raw(PREPARED_STATEMENT)}
      INSERT INTO policy_decision (model_version_id, question, decision, reasons, policy_version, approval_request_id,
                                   exception_id, actor_type, actor_id, actor_label, channel)
      VALUES (${entry.modelVersionId}::uuid, ${JSON.stringify(entry.question)}::jsonb, ${entry.decision},
              ${JSON.stringify(entry.reasons)}::jsonb, ${entry.policyVersion}::int, ${entry.approvalRequestId}::uuid,
              ${entry.exceptionId}::uuid, ${entry.actorType}, ${entry.actorId}, ${entry.actorLabel}, ${entry.channel})
      RETURNING id, created_at AS "createdAt"`,
      ),
    );
    return row!;
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

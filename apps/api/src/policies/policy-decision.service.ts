import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { ValidationError } from '@modelgate/domain/errors';
import {
  decide,
  evaluatePolicy,
  exceptionCovers,
  type DecisionResult,
  type PolicyQuestion,
  type PolicySet,
} from '@modelgate/domain/policy';
import { describeActor, type Actor } from '../common/auth/actor.js';
import { Clock } from '../jobs/clock.js';
import { PoliciesRepository, type ExceptionRow, type HostingFactsRow, type ModelFactsRow } from './policies.repository.js';
import { policyFacts, toApprovalOnRecord, type UseOfModel } from './policy-facts.js';
import { PolicyVersionsService } from './policy-versions.service.js';

export type PolicyDecisionOutcome = DecisionResult & {
  modelVersion: ModelFactsRow;
  hostingTarget: HostingFactsRow;
  policyVersion: number;
  decidedAt: Date;
  logId: string;
};

/** The CI gate: "may this model version be used here?", answered from policy, approvals and exceptions, and logged. */
@Injectable()
export class PolicyDecisionService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly versions: PolicyVersionsService,
    private readonly clock: Clock,
  ) {}

  async decide(question: PolicyQuestion, actor: Actor): Promise<PolicyDecisionOutcome> {
    const [modelVersion, hostingTarget, inForce] = await Promise.all([
      this.resolveModel(question),
      this.resolveHosting(question),
      this.versions.inForce(),
    ]);
    const use: UseOfModel = {
      environment: question.environment,
      dataClassification: question.dataClassification,
      personalData: question.personalData,
      euAiActCategory: question.euAiActCategory,
      weightsSha256: await this.weightsInUse(modelVersion, question.weightsSha256),
    };
    const result = await this.evaluate(inForce.policy, modelVersion, hostingTarget, use, question.teamId);
    const who = describeActor(actor);
    const log = await this.policies.logDecision({
      modelVersionId: modelVersion.id,
      question: { ...question, modelVersionId: modelVersion.id, hostingTargetId: hostingTarget.id },
      decision: result.decision,
      reasons: result.reasons,
      policyVersion: inForce.number,
      approvalRequestId: result.coveringApproval?.id ?? null,
      exceptionId: result.exception?.id ?? null,
      actorType: who.actorType,
      actorId: who.actorId,
      actorLabel: who.actorLabel,
      channel: actor.channel,
    });
    return { ...result, modelVersion, hostingTarget, policyVersion: inForce.number, decidedAt: log.createdAt, logId: log.id };
  }

  /**
   * The gate for registering or changing a deployment: decided under the policy in force and logged.
   * Returns null when the model version or hosting target is unknown (the caller reports that itself).
   */
  async decideForDeployment(
    deployment: UseOfModel & { modelVersionId: string; hostingTargetId: string; teamId: string },
    actor: Actor,
  ): Promise<DecisionResult | null> {
    const [[modelVersion], hostingTarget, inForce] = await Promise.all([
      this.policies.findModel({ id: deployment.modelVersionId }),
      this.policies.findHosting({ id: deployment.hostingTargetId }),
      this.versions.inForce(),
    ]);
    if (!modelVersion || !hostingTarget) return null;
    const result = await this.evaluate(inForce.policy, modelVersion, hostingTarget, deployment, deployment.teamId);
    const who = describeActor(actor);
    await this.policies.logDecision({
      modelVersionId: modelVersion.id,
      question: { deployment: true, ...deployment },
      decision: result.decision,
      reasons: result.reasons,
      policyVersion: inForce.number,
      approvalRequestId: result.coveringApproval?.id ?? null,
      exceptionId: result.exception?.id ?? null,
      actorType: who.actorType,
      actorId: who.actorId,
      actorLabel: who.actorLabel,
      channel: actor.channel,
    });
    return result;
  }

  /** The decision without logging it: for previews of a draft policy and for drift sweeps. */
  async evaluate(
    policy: PolicySet,
    modelVersion: ModelFactsRow,
    hostingTarget: HostingFactsRow,
    use: UseOfModel,
    teamId: string | null,
    approvalRows?: Awaited<ReturnType<PoliciesRepository['approvalsOf']>>,
    exceptionRows?: readonly ExceptionRow[],
  ): Promise<DecisionResult> {
    const [approvals, exceptions] = await Promise.all([
      approvalRows ?? this.policies.approvalsOf(modelVersion.id),
      exceptionRows ?? this.policies.grantedExceptionsOf([modelVersion.id]),
    ]);
    const now = this.clock.now();
    const covering = exceptions.find(
      (exception) =>
        exception.modelVersionId === modelVersion.id &&
        exceptionCovers(exception, {
          environment: use.environment,
          hostingTargetId: hostingTarget.id,
          dataClassification: use.dataClassification,
          teamId,
          now,
        }),
    );
    const evaluation = evaluatePolicy(policy, policyFacts(modelVersion, hostingTarget, use, approvals));
    const exception = covering
      ? { id: covering.id, reference: `EX-${covering.number}`, ruleIds: covering.ruleIds, expiresAt: covering.expiresAt }
      : null;
    return decide(evaluation, approvals.map(toApprovalOnRecord), exception, {
      usage: {
        environment: use.environment,
        hostingMode: hostingTarget.mode,
        dataClassification: use.dataClassification,
        personalData: use.personalData,
        weightsSha256: use.weightsSha256 ?? modelVersion.weightsSha256,
      },
      teamId,
      currentWeightsSha256: modelVersion.weightsSha256,
      now,
    });
  }

  /** The checksum of the weights that run: one file of the version's weights folder stands for the whole folder. */
  private async weightsInUse(modelVersion: ModelFactsRow, weightsSha256: string | null): Promise<string | null> {
    if (!weightsSha256 || weightsSha256 === modelVersion.weightsSha256) return weightsSha256;
    return (await this.policies.isWeightFileOf(modelVersion.id, weightsSha256)) ? modelVersion.weightsSha256 : weightsSha256;
  }

  private async resolveModel(question: PolicyQuestion): Promise<ModelFactsRow> {
    const where: Prisma.ModelVersionWhereInput = question.modelVersionId
      ? { id: question.modelVersionId }
      : question.model && question.provider
        ? {
            versionName: { equals: question.model, mode: 'insensitive' },
            provider: { name: { equals: question.provider, mode: 'insensitive' } },
          }
        : question.model
          ? { OR: [{ key: question.model.toLowerCase() }, { versionName: { equals: question.model, mode: 'insensitive' } }] }
          : { OR: [{ weightsSha256: question.weightsSha256 }, { weightFiles: { some: { sha256: question.weightsSha256! } } }] };
    const found = await this.policies.findModel(where);
    const field = question.modelVersionId ? 'input.modelVersionId' : question.model ? 'input.model' : 'input.weightsSha256';
    if (found.length === 0) throw new ValidationError([{ field, reason: 'matches no model version in the inventory' }]);
    if (found.length > 1)
      throw new ValidationError([{ field, reason: 'matches several model versions; give the provider too, or the id' }]);
    return found[0]!;
  }

  private async resolveHosting(question: PolicyQuestion): Promise<HostingFactsRow> {
    const target = await this.policies.findHosting(
      question.hostingTargetId
        ? { id: question.hostingTargetId }
        : { name: { equals: question.hostingTarget!, mode: 'insensitive' } },
    );
    if (!target || target.retiredAt) {
      throw new ValidationError([
        {
          field: question.hostingTargetId ? 'input.hostingTargetId' : 'input.hostingTarget',
          reason: 'matches no hosting target in the inventory that is not retired',
        },
      ]);
    }
    return target;
  }
}

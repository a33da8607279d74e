import { Injectable } from '@nestjs/common';
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
import {
  PoliciesRepository,
  type DecisionFacts,
  type ExceptionRow,
  type HostingFactsRow,
  type ModelFactsRow,
  type ModelNamed,
} from './policies.repository.js';
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
    const knownPolicy = this.versions.parsedActivePolicy();
    const facts = await this.policies.decisionFacts(
      modelNamed(question),
      question.hostingTargetId ? { by: 'id', id: question.hostingTargetId } : { by: 'name', name: question.hostingTarget! },
      question.weightsSha256,
      knownPolicy,
    );
    const modelVersion = requireOneModel(question, facts.models);
    const hostingTarget = requireLiveHosting(question, facts.hosting);
    const inForce = this.versions.inForceFrom(facts.activePolicy, knownPolicy);
    const use: UseOfModel = {
      environment: question.environment,
      dataClassification: question.dataClassification,
      personalData: question.personalData,
      euAiActCategory: question.euAiActCategory,
      weightsSha256: weightsInUse(modelVersion, question.weightsSha256),
    };
    const result = await this.evaluate(
      inForce.policy,
      modelVersion,
      hostingTarget,
      use,
      question.teamId,
      facts.approvals,
      facts.exceptions,
    );
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
    const { weightFileMatches: _, ...modelFacts } = modelVersion;
    return {
      ...result,
      modelVersion: modelFacts,
      hostingTarget,
      policyVersion: inForce.number,
      decidedAt: log.createdAt,
      logId: log.id,
    };
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
}

/** The checksum of the weights that run: one file of the version's weights folder stands for the whole folder. */
function weightsInUse(modelVersion: DecisionFacts['models'][number], weightsSha256: string | null): string | null {
  if (!weightsSha256 || weightsSha256 === modelVersion.weightsSha256) return weightsSha256;
  return modelVersion.weightFileMatches ? modelVersion.weightsSha256 : weightsSha256;
}

function modelNamed(question: PolicyQuestion): ModelNamed {
  if (question.modelVersionId) return { by: 'id', id: question.modelVersionId };
  if (question.model && question.provider) return { by: 'nameAndProvider', name: question.model, provider: question.provider };
  if (question.model) return { by: 'keyOrName', model: question.model };
  return { by: 'weights', sha256: question.weightsSha256! };
}

function requireOneModel(question: PolicyQuestion, found: DecisionFacts['models']): DecisionFacts['models'][number] {
  const field = question.modelVersionId ? 'input.modelVersionId' : question.model ? 'input.model' : 'input.weightsSha256';
  if (found.length === 0) throw new ValidationError([{ field, reason: 'matches no model version in the inventory' }]);
  if (found.length > 1)
    throw new ValidationError([{ field, reason: 'matches several model versions; give the provider too, or the id' }]);
  return found[0]!;
}

function requireLiveHosting(question: PolicyQuestion, target: HostingFactsRow | null): HostingFactsRow {
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

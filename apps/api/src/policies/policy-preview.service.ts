import { Injectable } from '@nestjs/common';
import type { PolicySet } from '@modelgate/domain/policy';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyDecisionService } from './policy-decision.service.js';
import { PolicyVersionsService } from './policy-versions.service.js';
import type { PolicyPreview } from './models/policy.models.js';

/** "Which current deployments would this policy change?": every active deployment, decided under both. */
@Injectable()
export class PolicyPreviewService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly versions: PolicyVersionsService,
    private readonly decisions: PolicyDecisionService,
  ) {}

  async preview(proposed: PolicySet): Promise<PolicyPreview> {
    const [current, deployments] = await Promise.all([this.versions.inForce(), this.policies.activeDeployments()]);
    const approvals = await this.policies.approvalsOfVersions([...new Set(deployments.map((d) => d.modelVersion.id))]);
    const changes: PolicyPreview['changes'] = [];
    for (const deployment of deployments) {
      const approvalRows = approvals.filter((approval) => approval.modelVersionId === deployment.modelVersion.id);
      const use = {
        environment: deployment.environment,
        dataClassification: deployment.dataClassification,
        personalData: deployment.personalData,
        euAiActCategory: deployment.euAiActCategory,
        weightsSha256: null,
      };
      const args = [deployment.modelVersion, deployment.hostingTarget, use, deployment.teamId, approvalRows] as const;
      const [before, after] = await Promise.all([
        this.decisions.evaluate(current.policy, ...args),
        this.decisions.evaluate(proposed, ...args),
      ]);
      if (before.decision === after.decision) continue;
      changes.push({
        deploymentId: deployment.id,
        description: `${deployment.modelVersion.provider.name} ${deployment.modelVersion.versionName} — ${deployment.application} (${deployment.team.name}, ${deployment.environment.toLowerCase()}, ${deployment.hostingTarget.name})`,
        before: before.decision,
        after: after.decision,
        reasons: after.reasons.map((reason) => ({
          source: reason.source,
          ruleId: reason.ruleId ?? null,
          message: reason.message,
        })),
      });
    }
    return { deploymentsChecked: deployments.length, changes };
  }
}

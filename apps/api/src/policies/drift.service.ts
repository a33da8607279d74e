import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { DRIFT_SWEEP_JOB } from '../jobs/change-hooks.js';
import { Clock } from '../jobs/clock.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { WorkflowEventsService } from '../notifications/workflow-events.service.js';
import { WorkflowEventType, type WorkflowEvent } from '../notifications/workflow-events.js';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyDecisionService } from './policy-decision.service.js';
import { PolicyVersionsService } from './policy-versions.service.js';

export type SweepResult = { checked: number; opened: number; updated: number; resolved: number };

/**
 * Drift: every active deployment is decided again under the policy in force, its approvals and
 * exceptions. One that is not allowed gets an open violation (one per deployment); the violation is
 * resolved when a decision, an exception or retirement makes the deployment allowed or gone. Runs on a
 * schedule and is nudged after every change that can move a decision.
 */
@Injectable()
export class DriftService implements OnModuleInit {
  private readonly logger = new Logger(DriftService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly policies: PoliciesRepository,
    private readonly versions: PolicyVersionsService,
    private readonly decisions: PolicyDecisionService,
    private readonly audit: AuditService,
    private readonly events: WorkflowEventsService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define({
      name: DRIFT_SWEEP_JOB,
      schedule: '*/5 * * * *',
      retryLimit: 1,
      handler: async () => {
        const result = await this.sweep();
        if (result.opened || result.resolved) this.logger.log(result, 'drift sweep');
      },
    });
  }

  async sweep(): Promise<SweepResult> {
    const [inForce, deployments, open] = await Promise.all([
      this.versions.inForce(),
      this.policies.activeDeployments(),
      this.policies.openViolations(),
    ]);
    const versionIds = [...new Set(deployments.map((d) => d.modelVersion.id))];
    const [approvals, exceptions] = await Promise.all([
      this.policies.approvalsOfVersions(versionIds),
      this.policies.grantedExceptionsOf(versionIds),
    ]);
    const openByDeployment = new Map(open.map((violation) => [violation.deploymentId, violation]));
    const actor = systemActor('drift-sweep');
    const now = this.clock.now();
    const result: SweepResult = { checked: deployments.length, opened: 0, updated: 0, resolved: 0 };
    const events: WorkflowEvent[] = [];

    await this.prisma.$transaction(
      async (tx) => {
        for (const deployment of deployments) {
          const decision = await this.decisions.evaluate(
            inForce.policy,
            deployment.modelVersion,
            deployment.hostingTarget,
            {
              environment: deployment.environment,
              dataClassification: deployment.dataClassification,
              personalData: deployment.personalData,
              euAiActCategory: deployment.euAiActCategory,
              weightsSha256: null,
            },
            deployment.teamId,
            approvals.filter((approval) => approval.modelVersionId === deployment.modelVersion.id),
            exceptions,
          );
          const existing = openByDeployment.get(deployment.id);
          openByDeployment.delete(deployment.id);
          const name = `${deployment.modelVersion.provider.name} ${deployment.modelVersion.versionName} in ${deployment.application} (${deployment.team.name}, ${deployment.environment.toLowerCase()})`;
          if (decision.decision === 'ALLOW') {
            if (existing) {
              const resolution = decision.reasons.at(-1)?.message ?? 'Allowed';
              const resolved = await this.policies.updateViolation(tx, existing.id, { resolvedAt: now, resolution });
              await this.audit.record(tx, actor, {
                action: 'policy_violation.resolve',
                entityType: 'PolicyViolation',
                entityId: existing.id,
                before: existing,
                after: resolved,
              });
              events.push(
                await this.event(
                  tx,
                  WorkflowEventType.ViolationResolved,
                  resolved.id,
                  deployment.teamId,
                  `${name} is allowed again`,
                  { resolution },
                ),
              );
              result.resolved += 1;
            }
            continue;
          }
          const kind = decision.decision === 'DENY' ? 'DENIED' : 'NOT_COVERED';
          const message = decision.reasons
            .map((reason) => reason.message)
            .join(' | ')
            .slice(0, 4000);
          if (!existing) {
            const opened = await this.policies.openViolation(tx, {
              deploymentId: deployment.id,
              kind,
              message,
              policyVersion: inForce.number,
              detectedAt: now,
            });
            await this.audit.record(tx, actor, {
              action: 'policy_violation.open',
              entityType: 'PolicyViolation',
              entityId: opened.id,
              after: opened,
            });
            events.push(
              await this.event(
                tx,
                WorkflowEventType.ViolationDetected,
                opened.id,
                deployment.teamId,
                `${name} is ${kind === 'DENIED' ? 'denied by policy' : 'not covered by an approval'}`,
                {
                  deploymentId: deployment.id,
                  kind,
                  message,
                },
              ),
            );
            result.opened += 1;
          } else if (existing.kind !== kind || existing.message !== message || existing.policyVersion !== inForce.number) {
            const changed = await this.policies.updateViolation(tx, existing.id, {
              kind,
              message,
              policyVersion: inForce.number,
            });
            await this.audit.record(tx, actor, {
              action: 'policy_violation.update',
              entityType: 'PolicyViolation',
              entityId: existing.id,
              before: existing,
              after: changed,
            });
            result.updated += 1;
          }
        }
        // Open violations of deployments that are no longer active: retirement resolves them.
        for (const violation of openByDeployment.values()) {
          const resolved = await this.policies.updateViolation(tx, violation.id, {
            resolvedAt: now,
            resolution: 'The deployment was retired',
          });
          await this.audit.record(tx, actor, {
            action: 'policy_violation.resolve',
            entityType: 'PolicyViolation',
            entityId: violation.id,
            before: violation,
            after: resolved,
          });
          result.resolved += 1;
        }
        if (events.length) await this.events.publish(tx, events, now);
      },
      { timeout: 120_000 },
    );
    if (events.length) this.events.afterCommit();
    return result;
  }

  private async event(
    tx: Parameters<PoliciesRepository['teamMemberIds']>[0],
    type: WorkflowEvent['type'],
    violationId: string,
    teamId: string,
    title: string,
    details: Record<string, unknown>,
  ): Promise<WorkflowEvent> {
    const recipients = [...(await this.policies.teamMemberIds(tx, teamId)), ...(await this.policies.complianceOfficerIds(tx))];
    return {
      type,
      recipientIds: recipients,
      title,
      subject: { type: 'violation', id: violationId, reference: violationId.slice(0, 8) },
      details,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '@modelgate/domain/approvals';
import { StaleVersionError } from '@modelgate/domain/errors';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ApprovalsRepository, type Tx } from './approvals.repository.js';

/** The setting the policy is stored in. */
export const POLICY_KEY = 'approvals.policy';

/** The approval policy in force and its version (0: the shipped defaults, never changed here). */
export type VersionedPolicy = { version: number; policy: ApprovalPolicy; updatedAt: Date | null };

@Injectable()
export class ApprovalPolicyService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly approvals: ApprovalsRepository,
    private readonly audit: AuditService,
  ) {}

  current(tx: Tx = this.prisma): Promise<VersionedPolicy> {
    return this.read(tx);
  }

  update(policy: ApprovalPolicy, expectedVersion: number, actor: Actor): Promise<VersionedPolicy> {
    return this.prisma.$transaction(async (tx) => {
      await this.approvals.lockSetting(tx, POLICY_KEY);
      const before = await this.read(tx);
      if (before.version !== expectedVersion) throw new StaleVersionError('The approval policy', expectedVersion, before.version);
      const after: VersionedPolicy = { version: before.version + 1, policy, updatedAt: new Date() };
      await this.approvals.writeSetting(tx, POLICY_KEY, {
        version: after.version,
        policy,
        updatedAt: after.updatedAt!.toISOString(),
      });
      await this.audit.record(tx, actor, {
        action: 'approval_policy.update',
        entityType: 'ApprovalPolicy',
        entityId: POLICY_KEY,
        before: { version: before.version, policy: before.policy },
        after: { version: after.version, policy },
      });
      return after;
    });
  }

  private async read(tx: Tx): Promise<VersionedPolicy> {
    const row = await this.approvals.readSetting(tx, POLICY_KEY);
    return this.fromSetting(row?.value ?? null);
  }

  /** The policy as stored in its setting (`POLICY_KEY`), read by the caller; null when none is stored. */
  fromSetting(value: unknown): VersionedPolicy {
    const stored = value as { version?: number; policy?: unknown; updatedAt?: string } | null | undefined;
    const parsed = approvalPolicySchema.safeParse(stored?.policy);
    if (!stored || !parsed.success) return { version: 0, policy: DEFAULT_APPROVAL_POLICY, updatedAt: null };
    return { version: stored.version ?? 1, policy: parsed.data, updatedAt: stored.updatedAt ? new Date(stored.updatedAt) : null };
  }
}

import { Injectable } from '@nestjs/common';
import { Role } from '@modelgate/domain/auth';
import { SettingKey } from '@modelgate/domain/settings';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import { systemActor, type Actor } from '../common/auth/actor.js';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { CatalogLoader } from '../inventory/catalog/catalog-loader.js';
import { DemoApprovalsSeeder } from './demo-approvals.seeder.js';
import { DEMO_DEPLOYMENTS, DEMO_HOSTING_TARGETS } from './demo-inventory.js';

export const DEMO_ORGANIZATION_NAME = 'Northwind Financial (demo)';
/** Shared by every demo account; the README lists them. Demo mode only. */
export const DEMO_PASSWORD = 'modelgate-demo';

export const DEMO_TEAMS = [
  { slug: 'payments-platform', name: 'Payments Platform' },
  { slug: 'customer-support-ai', name: 'Customer Support AI' },
] as const;

export const DEMO_USERS = [
  { email: 'admin@demo.modelgate.local', displayName: 'Ada Admin', roles: [Role.Admin], teams: [], reviewCategories: [] },
  {
    email: 'compliance@demo.modelgate.local',
    displayName: 'Chidi Compliance',
    roles: [Role.ComplianceOfficer],
    teams: [],
    reviewCategories: [],
  },
  {
    email: 'reviewer@demo.modelgate.local',
    displayName: 'Rosa Reviewer',
    roles: [Role.Reviewer],
    teams: [],
    reviewCategories: ['security', 'legal', 'privacy'],
  },
  {
    email: 'engineer@demo.modelgate.local',
    displayName: 'Emeka Engineer',
    roles: [Role.Engineer],
    teams: ['payments-platform'],
    reviewCategories: [],
  },
  { email: 'auditor@demo.modelgate.local', displayName: 'Aiko Auditor', roles: [Role.Auditor], teams: [], reviewCategories: [] },
] as const;

/**
 * Demo data for the embedded/demo mode: settings, teams and one user per role, each creation audited.
 * Seeds once per database: the `demo.seeded_at` marker is inserted first in the same transaction, so
 * two servers starting at once cannot both seed.
 */
@Injectable()
export class DemoDataSeeder {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly catalog: CatalogLoader,
    private readonly approvals: DemoApprovalsSeeder,
  ) {}

  /** Returns true when this call seeded, false when the database already had demo data. */
  async seedOnce(now = new Date()): Promise<boolean> {
    // Cheap check first: hashing the demo password costs ~100 ms of scrypt on every start otherwise.
    if (await this.prisma.appSetting.count({ where: { key: SettingKey.DemoDataSeededAt } })) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const actor = systemActor('demo-seed');
    const seeded = await this.prisma.$transaction(
      async (tx) => {
        const marker = await tx.appSetting.createMany({
          data: [{ key: SettingKey.DemoDataSeededAt, value: { at: now.toISOString() } }],
          skipDuplicates: true,
        });
        if (marker.count === 0) return false;
        await tx.appSetting.createMany({
          data: [{ key: SettingKey.OrganizationName, value: { text: DEMO_ORGANIZATION_NAME } }],
          skipDuplicates: true,
        });
        await this.audit.record(tx, actor, {
          action: 'setting.update',
          entityType: 'Setting',
          entityId: SettingKey.OrganizationName,
          after: { text: DEMO_ORGANIZATION_NAME },
        });

        const teamIds = new Map<string, string>();
        const userIds = new Map<string, string>();
        for (const team of DEMO_TEAMS) {
          const created = await tx.team.create({ data: team, select: { id: true, slug: true, name: true } });
          teamIds.set(team.slug, created.id);
          await this.audit.record(tx, actor, { action: 'team.create', entityType: 'Team', entityId: created.id, after: created });
        }
        for (const user of DEMO_USERS) {
          const created = await tx.user.create({
            data: {
              email: user.email,
              displayName: user.displayName,
              roles: [...user.roles],
              reviewCategories: [...user.reviewCategories],
              passwordHash,
              memberships: { create: user.teams.map((slug) => ({ teamId: teamIds.get(slug)! })) },
            },
            select: { id: true, email: true, displayName: true, roles: true, reviewCategories: true },
          });
          userIds.set(user.email, created.id);
          await this.audit.record(tx, actor, {
            action: 'user.create',
            entityType: 'User',
            entityId: created.id,
            after: { ...created, teams: [...user.teams], passwordSet: true },
          });
        }
        await this.catalog.load(tx, actor);
        await this.seedDeployments(tx, actor, teamIds, userIds);
        return true;
      },
      { timeout: 60_000 },
    );
    // The approval stories run through the workflow's own services, each step in its own transaction.
    if (seeded) await this.approvals.seed();
    return seeded;
  }

  /** A few hosting targets and deployments, so the inventory shows what runs where. */
  private async seedDeployments(
    tx: Tx,
    actor: Actor,
    teamIds: ReadonlyMap<string, string>,
    userIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const targetIds = new Map<string, string>();
    for (const target of DEMO_HOSTING_TARGETS) {
      const created = await tx.hostingTarget.create({ data: target });
      targetIds.set(target.name, created.id);
      await this.audit.record(tx, actor, {
        action: 'hosting_target.create',
        entityType: 'HostingTarget',
        entityId: created.id,
        after: target,
      });
    }
    for (const { versionKey, team, hostingTarget, registeredBy, ...facts } of DEMO_DEPLOYMENTS) {
      const version = await tx.modelVersion.findUniqueOrThrow({ where: { key: versionKey }, select: { id: true } });
      const created = await tx.deployment.create({
        data: {
          ...facts,
          modelVersionId: version.id,
          teamId: teamIds.get(team)!,
          hostingTargetId: targetIds.get(hostingTarget)!,
          registeredById: userIds.get(registeredBy) ?? null,
          registeredVia: 'SYSTEM',
        },
      });
      await this.audit.record(tx, actor, {
        action: 'deployment.create',
        entityType: 'Deployment',
        entityId: created.id,
        after: { ...facts, modelVersionKey: versionKey, team, hostingTarget },
      });
    }
  }
}

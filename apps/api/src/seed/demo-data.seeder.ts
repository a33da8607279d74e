import { Injectable } from '@nestjs/common';
import { Role } from '@modelgate/domain/auth';
import { SettingKey } from '@modelgate/domain/settings';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import { systemActor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';

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
  ) {}

  /** Returns true when this call seeded, false when the database already had demo data. */
  async seedOnce(now = new Date()): Promise<boolean> {
    // Cheap check first: hashing the demo password costs ~100 ms of scrypt on every start otherwise.
    if (await this.prisma.appSetting.count({ where: { key: SettingKey.DemoDataSeededAt } })) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const actor = systemActor('demo-seed');
    return this.prisma.$transaction(
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
          await this.audit.record(tx, actor, {
            action: 'user.create',
            entityType: 'User',
            entityId: created.id,
            after: { ...created, teams: [...user.teams], passwordSet: true },
          });
        }
        return true;
      },
      { timeout: 30_000 },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';
import { DashboardRepository, type InUseCountRow, type InUseDimension } from './dashboard.repository.js';
import type { Dashboard, DashboardCount } from './models/dashboard.models.js';

@Injectable()
export class DashboardService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly dashboard: DashboardRepository,
  ) {}

  /** Every figure from one read-only snapshot; `personId` (null for team tokens) selects the caller's own work. */
  overview(personId: string | null): Promise<Dashboard> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        // One connection runs these one after another; each is a single aggregate statement.
        const inUse = await this.dashboard.countInUseVersions(tx);
        const approvalsByState = await this.dashboard.countApprovalsByState(tx);
        const approvals = await this.dashboard.summarizeApprovals(tx);
        const openViolations = await this.dashboard.countOpenViolationsByKind(tx);
        const exceptions = await this.dashboard.summarizeExceptions(tx);
        const gateDecisionsPerDay = await this.dashboard.countGateDecisionsPerDay(tx);
        const myRequests = personId ? await this.dashboard.countApprovalsByState(tx, personId) : [];
        const reviewsWaiting = personId ? await this.dashboard.countReviewsWaitingFor(tx, personId) : 0;

        const along = (dimension: InUseDimension): DashboardCount[] => countsAlong(inUse, dimension);
        return {
          generatedAt: approvals.generatedAt,
          versionsInUse: along('TOTAL')[0]?.count ?? 0,
          inUseByDeveloperCountry: along('DEVELOPER_COUNTRY'),
          inUseByEffectiveOrigin: along('EFFECTIVE_ORIGIN'),
          inUseByLicenseClass: along('LICENSE_CLASS'),
          inUseByHostingMode: along('HOSTING_MODE'),
          inUseByRiskTier: along('RISK_TIER'),
          approvalsByState,
          openApprovalsByAge: {
            under7Days: approvals.openUnder7Days,
            from7To30Days: approvals.open7To30Days,
            over30Days: approvals.openOver30Days,
          },
          approvalsExpiring: {
            within30Days: approvals.expiringWithin30Days,
            within60Days: approvals.expiringWithin60Days,
            within90Days: approvals.expiringWithin90Days,
          },
          openViolations: { total: openViolations.reduce((sum, kind) => sum + kind.count, 0), byKind: openViolations },
          exceptions,
          gateDecisionsPerDay,
          viewerWork: { approvalRequestsByState: myRequests, reviewsWaiting },
        };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 15_000, timeout: 30_000 },
    );
  }
}

function countsAlong(rows: readonly InUseCountRow[], dimension: InUseDimension): DashboardCount[] {
  return rows.filter((row) => row.dimension === dimension).map((row) => ({ key: row.key ?? '', count: row.count }));
}

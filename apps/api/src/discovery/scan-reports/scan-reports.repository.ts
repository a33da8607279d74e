import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { Tx } from '../../audit/audit.repository.js';
import { PrismaService } from '../../database/prisma.service.js';

export const scanReportSelect = {
  id: true,
  repository: true,
  branch: true,
  commit: true,
  environment: true,
  dataClassification: true,
  personalData: true,
  hostingTargetId: true,
  teamId: true,
  filesScanned: true,
  submittedById: true,
  submittedVia: true,
  approvedCount: true,
  notApprovedCount: true,
  unknownCount: true,
  informationalCount: true,
  createdAt: true,
} satisfies Prisma.ScanReportSelect;
export type ScanReportRow = Prisma.ScanReportGetPayload<{ select: typeof scanReportSelect }>;

export const scanFindingSelect = {
  id: true,
  scanReportId: true,
  kind: true,
  reference: true,
  provider: true,
  file: true,
  line: true,
  column: true,
  snippet: true,
  sha256: true,
  sizeBytes: true,
  inComment: true,
  informational: true,
  status: true,
  matchedBy: true,
  modelVersionId: true,
  hint: true,
  reasons: true,
} satisfies Prisma.ScanFindingSelect;
export type ScanFindingRow = Prisma.ScanFindingGetPayload<{ select: typeof scanFindingSelect }>;

/** Every database access of uploaded scan reports goes through here. */
@Injectable()
export class ScanReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 60_000 });
  }

  async create(
    tx: Tx,
    report: Prisma.ScanReportUncheckedCreateInput,
    findings: readonly Omit<Prisma.ScanFindingCreateManyInput, 'scanReportId'>[],
  ): Promise<ScanReportRow> {
    const created = await tx.scanReport.create({ data: report, select: scanReportSelect });
    if (findings.length) {
      await tx.scanFinding.createMany({ data: findings.map((finding) => ({ ...finding, scanReportId: created.id })) });
    }
    return created;
  }

  /** The newest report of each repository (or of one repository, newest first), at most `limit`. */
  async latest(options: { repository: string | null; limit: number }): Promise<ScanReportRow[]> {
    if (options.repository) {
      return this.prisma.scanReport.findMany({
        where: { repository: options.repository },
        select: scanReportSelect,
        orderBy: { createdAt: 'desc' },
        take: options.limit,
      });
    }
    const newest = await this.prisma.scanReport.findMany({
      select: { id: true },
      distinct: ['repository'],
      orderBy: [{ repository: 'asc' }, { createdAt: 'desc' }],
      take: options.limit,
    });
    return this.prisma.scanReport.findMany({
      where: { id: { in: newest.map((row) => row.id) } },
      select: scanReportSelect,
      orderBy: { createdAt: 'desc' },
    });
  }

  findReport(id: string): Promise<ScanReportRow | null> {
    return this.prisma.scanReport.findUnique({ where: { id }, select: scanReportSelect });
  }

  findFindings(scanReportId: string): Promise<ScanFindingRow[]> {
    return this.prisma.scanFinding.findMany({
      where: { scanReportId },
      select: scanFindingSelect,
      orderBy: [{ file: 'asc' }, { line: 'asc' }, { column: 'asc' }],
    });
  }

  findFinding(id: string): Promise<(ScanFindingRow & { scanReport: ScanReportRow }) | null> {
    return this.prisma.scanFinding.findUnique({
      where: { id },
      select: { ...scanFindingSelect, scanReport: { select: scanReportSelect } },
    });
  }

  findProviders(): Promise<{ id: string; key: string; name: string }[]> {
    return this.prisma.provider.findMany({ where: { retiredAt: null }, select: { id: true, key: true, name: true } });
  }

  findHostingTargetName(id: string): Promise<{ name: string } | null> {
    return this.prisma.hostingTarget.findUnique({ where: { id }, select: { name: true } });
  }

  teamExists(id: string): Promise<boolean> {
    return this.prisma.team.count({ where: { id } }).then((count) => count > 0);
  }
}

import { Injectable } from '@nestjs/common';
import {
  draftFromFinding,
  MAX_REFERENCES_PER_REQUEST,
  referenceKey,
  type ModelReference,
  type ReferenceMatch,
  type RegistrationDraft,
  type ScanFindingStatus,
  type SubmitScanReportInput,
} from '@modelgate/discovery';
import { NotFoundError, ValidationError } from '@modelgate/domain/errors';
import { AuditService } from '../../audit/audit.service.js';
import { personBehind, type Actor } from '../../common/auth/actor.js';
import { DiscoveryRepository } from '../discovery.repository.js';
import { DiscoveryService } from '../discovery.service.js';
import { ScanReportsRepository, type ScanFindingRow, type ScanReportRow } from './scan-reports.repository.js';

type Use = Pick<SubmitScanReportInput, 'environment' | 'dataClassification' | 'personalData' | 'teamId'> & {
  hostingTargetId: string | null;
  hostingTarget: string | null;
};
type Referable = Pick<ScanFindingRow, 'kind' | 'reference' | 'sha256' | 'file' | 'informational'>;

const toReference = (finding: Referable): ModelReference => ({
  kind: finding.kind as ModelReference['kind'],
  reference: finding.reference,
  sha256: finding.sha256,
  fileName: finding.kind === 'WEIGHTS_FILE' ? (finding.file.split('/').at(-1) ?? null) : null,
});

/**
 * Scan results uploaded from CI or pasted in the admin app: stored with the server's own answer for each
 * finding at the time (what the uploader says about statuses is not asked for), and read back with today's.
 */
@Injectable()
export class ScanReportsService {
  constructor(
    private readonly reports: ScanReportsRepository,
    private readonly discovery: DiscoveryService,
    private readonly inventory: DiscoveryRepository,
    private readonly audit: AuditService,
  ) {}

  async submit(input: SubmitScanReportInput, actor: Actor): Promise<ScanReportRow> {
    if (input.teamId && !(await this.reports.teamExists(input.teamId))) {
      throw new ValidationError([{ field: 'input.teamId', reason: 'must be a team' }]);
    }
    const use: Use = { ...input, hostingTargetId: null };
    const { matches, hostingTargetId } = await this.matchAll(input.findings, use);
    const findings = input.findings.map((finding) => {
      const match = finding.informational ? null : matches.get(referenceKey(finding));
      const status: ScanFindingStatus = match ? match.status : 'INFORMATIONAL';
      return {
        kind: finding.kind,
        reference: finding.reference,
        provider: finding.provider,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        snippet: finding.snippet,
        sha256: finding.sha256,
        sizeBytes: finding.bytes === null ? null : BigInt(finding.bytes),
        inComment: finding.inComment,
        informational: finding.informational,
        status,
        matchedBy: match?.matchedBy ?? null,
        modelVersionId: match?.modelVersion?.id ?? null,
        hint: match?.hint?.slice(0, 1000) ?? null,
        reasons: match?.reasons ?? [],
      };
    });
    const count = (status: ScanFindingStatus) => findings.filter((finding) => finding.status === status).length;
    return this.reports.transaction(async (tx) => {
      const report = await this.reports.create(
        tx,
        {
          repository: input.repository,
          branch: input.branch,
          commit: input.commit,
          environment: input.environment,
          dataClassification: input.dataClassification,
          personalData: input.personalData,
          hostingTargetId,
          teamId: input.teamId,
          filesScanned: input.filesScanned,
          submittedById: personBehind(actor),
          submittedVia: actor.channel,
          approvedCount: count('APPROVED'),
          notApprovedCount: count('REGISTERED_NOT_APPROVED'),
          unknownCount: count('UNKNOWN'),
          informationalCount: count('INFORMATIONAL'),
        },
        findings,
      );
      const { createdAt: _created, ...summary } = report;
      await this.audit.record(tx, actor, {
        action: 'scan_report.submit',
        entityType: 'ScanReport',
        entityId: report.id,
        after: { ...summary, findings: findings.length },
      });
      return report;
    });
  }

  latest(repository: string | null, limit: number): Promise<ScanReportRow[]> {
    return this.reports.latest({ repository, limit });
  }

  async report(id: string): Promise<ScanReportRow> {
    const report = await this.reports.findReport(id);
    if (!report) throw new NotFoundError('Scan report', id);
    return report;
  }

  findings(reportId: string): Promise<ScanFindingRow[]> {
    return this.reports.findFindings(reportId);
  }

  /**
   * Today's answer for a report's findings, for the same use; keyed by `referenceKey`. When the report's
   * hosting target has since been retired, the answer is the one without a hosting target.
   */
  async currentMatches(report: ScanReportRow, findings: readonly Referable[]): Promise<Map<string, ReferenceMatch>> {
    const use: Use = { ...report, hostingTarget: null };
    try {
      return (await this.matchAll(findings, use)).matches;
    } catch (error) {
      if (!(error instanceof ValidationError) || !use.hostingTargetId) throw error;
      return (await this.matchAll(findings, { ...use, hostingTargetId: null })).matches;
    }
  }

  /** A registration form's start for the model a finding refers to. */
  async draft(findingId: string): Promise<RegistrationDraft> {
    const finding = await this.reports.findFinding(findingId);
    if (!finding) throw new NotFoundError('Scan finding', findingId);
    const [providers, models] = await Promise.all([this.reports.findProviders(), this.inventory.findInventoryModels()]);
    return draftFromFinding(finding as Parameters<typeof draftFromFinding>[0], providers, models);
  }

  private async matchAll(findings: readonly Referable[], use: Use) {
    const references = [
      ...new Map(
        findings
          .filter((finding) => !finding.informational)
          .map((finding) => toReference(finding))
          .map((reference) => [referenceKey(reference), reference]),
      ).values(),
    ];
    const matches = new Map<string, ReferenceMatch>();
    let hostingTargetId = use.hostingTargetId;
    for (let start = 0; start < references.length || (start === 0 && use.hostingTarget); start += MAX_REFERENCES_PER_REQUEST) {
      const chunk = references.slice(start, start + MAX_REFERENCES_PER_REQUEST);
      // An empty chunk still resolves the hosting target named, so a wrong name is refused either way.
      const answer = await this.discovery.match({
        references: chunk,
        environment: use.environment,
        dataClassification: use.dataClassification,
        personalData: use.personalData,
        hostingTargetId: use.hostingTargetId,
        hostingTarget: use.hostingTargetId ? null : use.hostingTarget,
        teamId: use.teamId,
      });
      hostingTargetId = answer.hostingTargetId;
      answer.results.forEach((result, index) => matches.set(referenceKey(chunk[index]!), result));
      if (chunk.length === 0) break;
    }
    return { matches, hostingTargetId };
  }
}

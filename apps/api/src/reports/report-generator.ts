import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Inject, Injectable } from '@nestjs/common';
import { connectionConfig, Prisma, type DatabaseConnectionOptions } from '@modelgate/db';
import {
  asOfInstant,
  REPORT_TYPE_INFO,
  ReportFormat,
  ReportType,
  type CreateReportExportInput,
  type ReportFilters,
} from '@modelgate/domain/reports';
import type { Tx } from '../audit/audit.repository.js';
import { DomainError, ErrorCode } from '@modelgate/domain/errors';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { DATABASE_RUNTIME, type DatabaseRuntime } from '../database/database.module.js';
import { ReportsReadDatabase } from '../database/reports-read-database.js';
import { trackProgress } from './formats/cell-format.js';
import { writeCopiedCsv } from './formats/copy-csv.js';
import { CSV_CONTENT_TYPE, writeCsv } from './formats/csv-writer.js';
import { writeJson } from './formats/json-writer.js';
import { buildMlBom } from './formats/ml-bom.js';
import { writePdf } from './formats/pdf-writer.js';
import type { ReportDocument, ReportSection, ReportWriter, RowProgress, WrittenFile } from './formats/report-document.js';
import { writeXlsx } from './formats/xlsx-writer.js';
import { approvalsReport } from './sources/approvals.source.js';
import {
  AUDIT_EVENT_COLUMNS,
  AUDIT_EVENT_JSON_COLUMNS,
  AUDIT_EVENTS_SECTION,
  auditExtractScope,
  auditTrailCopyQuery,
  auditTrailExtract,
} from './sources/audit-trail.source.js';
import { currentInventory, inventoryAsOf } from './sources/inventory.source.js';
import { mlBomModelVersions, mlBomSubject } from './sources/ml-bom.source.js';
import { policyComplianceReport } from './sources/policy-compliance.source.js';
import { riskRegister } from './sources/risk-register.source.js';
import { describeScope, type ScopeNames } from './report-scope.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
export const GENERATOR = { name: 'modelgate', version } as const;

/** One export may read for this long in its snapshot (a million audit events take well under this). */
export const SNAPSHOT_TIMEOUT_MS = 60 * 60_000;

const TABLE_WRITERS: Record<Exclude<ReportFormat, 'CYCLONEDX'>, ReportWriter> = {
  CSV: writeCsv,
  JSON: writeJson,
  XLSX: writeXlsx,
  PDF: writePdf,
};

export type AuditRange = { firstSeq: string | null; lastSeq: string | null; headSeq: string | null; headHash: string | null };

export type GeneratedReport = {
  files: WrittenFile[];
  generatedAt: Date;
  audit: AuditRange;
  title: string;
};

/**
 * Reads a report's data in one consistent snapshot (REPEATABLE READ, read only) and writes its files.
 * Counts, rows and the audit chain head all come from that snapshot, so the manifest's row counts
 * match the files even while others keep writing.
 *
 * The snapshot is taken on the reports' read database: a hot-standby replica when DATABASE_REPLICA_URL
 * is set (then a report is consistent as of the replica's replay position, and its chain head says
 * which audit events it covers), else the primary. An unreachable replica fails the export with
 * SERVICE_UNAVAILABLE rather than loading the primary the replica was configured to spare.
 */
@Injectable()
export class ReportGenerator {
  /** Where `readDatabase` connects, for the COPY connections that join its snapshots. */
  private readonly readConnection: DatabaseConnectionOptions;

  constructor(
    private readonly readDatabase: ReportsReadDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_RUNTIME) primaryConnection: DatabaseRuntime,
  ) {
    const replicaUrl = readDatabase.source === 'REPLICA' ? config.reports.replicaUrl : null;
    this.readConnection = replicaUrl ? { ...primaryConnection, url: replicaUrl } : primaryConnection;
  }

  /** Rows the export would write, counted in a snapshot of its own (to choose inline or background). */
  async countRows(input: CreateReportExportInput): Promise<number> {
    return this.inSnapshot(async (tx) => {
      if (input.type === ReportType.MlBom) return (await mlBomModelVersions(tx, input.filters)).length;
      const sections = await sectionsFor(tx, input.type, input.filters);
      return sections.reduce((sum, section) => sum + section.rowCount, 0);
    });
  }

  async generate(input: CreateReportExportInput, directory: string, onProgress: RowProgress): Promise<GeneratedReport> {
    return this.inSnapshot(async (tx) => {
      const [clock] = await tx.$queryRaw<Array<{ now: Date }>>`SELECT date_trunc('milliseconds', now()) AS now`;
      const generatedAt = clock!.now;
      const audit = await auditRangeOf(tx, input);
      const title = REPORT_TYPE_INFO[input.type].title;
      if (input.type === ReportType.MlBom) {
        const modelVersions = await mlBomModelVersions(tx, input.filters);
        const bom = buildMlBom({
          subject: await mlBomSubject(tx, input.filters),
          modelVersions,
          generatedAt,
          serialNumber: `urn:uuid:${randomUUID()}`,
          generator: GENERATOR,
        });
        await writeFile(path.join(directory, 'bom.cdx.json'), `${JSON.stringify(bom, null, 2)}\n`);
        onProgress(modelVersions.length);
        return {
          files: [
            { name: 'bom.cdx.json', contentType: 'application/vnd.cyclonedx+json; version=1.6', rows: modelVersions.length },
          ],
          generatedAt,
          audit,
          title,
        };
      }
      if (input.type === ReportType.AuditTrail && input.format === ReportFormat.Csv) {
        const files = [await this.copyAuditTrailCsv(tx, input.filters, directory, onProgress)];
        return { files, generatedAt, audit, title };
      }
      const document: ReportDocument = {
        reportType: input.type,
        title,
        generatedAt,
        scope: describeScope(input, await scopeNames(tx, input.filters)),
        chainHead: { seq: audit.headSeq, hash: audit.headHash },
        generator: GENERATOR,
        sections: await sectionsFor(tx, input.type, input.filters),
      };
      const writer = TABLE_WRITERS[input.format as Exclude<ReportFormat, 'CYCLONEDX'>];
      const files = await writer(document, directory, onProgress);
      return { files, generatedAt, audit, title };
    });
  }

  /**
   * The audit trail extract as CSV, formatted by PostgreSQL (`COPY ... TO STDOUT`) on a connection of its own that
   * imports this transaction's snapshot, so it reads exactly the rows the manifest's audit range describes. A million
   * events through the generic path meant a million rows turned into objects and back into text on the event loop;
   * here the rows arrive as CSV bytes, and only the cells the writers' rules change (JSON, formula-like text, empty
   * text) are rewritten. The file is byte for byte what `writeCsv` writes for the same section.
   */
  private async copyAuditTrailCsv(
    tx: Tx,
    filters: ReportFilters,
    directory: string,
    onProgress: RowProgress,
  ): Promise<WrittenFile> {
    const [exported] = await tx.$queryRaw<Array<{ snapshot: string }>>`SELECT pg_export_snapshot() AS snapshot`;
    const client = new pg.Client(connectionConfig(this.readConnection));
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(exported!.snapshot)}`);
      const name = `${AUDIT_EVENTS_SECTION.key}.csv`;
      const progress = trackProgress(onProgress);
      const copy = client.query(
        copyTo(`COPY (${auditTrailCopyQuery(filters, (text) => client.escapeLiteral(text))}) TO STDOUT (FORMAT csv)`),
      );
      const deflated = `${name}.deflate`;
      const written = await writeCopiedCsv({
        copy,
        deflatedFile: path.join(directory, deflated),
        columns: AUDIT_EVENT_COLUMNS,
        jsonColumns: AUDIT_EVENT_JSON_COLUMNS,
        progress,
      });
      await client.query('COMMIT');
      progress.finish();
      if (written.rows !== copy.rowCount) {
        throw new Error(`COPY sent ${copy.rowCount} audit events but ${written.rows} were written`);
      }
      return {
        name,
        contentType: CSV_CONTENT_TYPE,
        rows: written.rows,
        written: { sha256: written.sha256, bytes: written.bytes, deflated: { file: deflated, crc32: written.crc32 } },
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async inSnapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const { client, source } = this.readDatabase;
    try {
      return await client.$transaction(
        async (tx) => {
          await tx.$executeRaw`SET TRANSACTION READ ONLY`;
          return work(tx);
        },
        { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: SNAPSHOT_TIMEOUT_MS, maxWait: 15_000 },
      );
    } catch (error) {
      if (source === 'REPLICA' && isDatabaseUnavailable(error)) {
        throw new DomainError(
          ErrorCode.ServiceUnavailable,
          'The read replica that serves reports is not reachable; export again later.',
        );
      }
      throw error;
    }
  }
}

function sectionsFor(tx: Tx, type: ReportType, filters: ReportFilters): Promise<ReportSection[]> {
  switch (type) {
    case ReportType.Inventory:
      return filters.asOf ? inventoryAsOf(tx, filters, asOfInstant(filters.asOf)) : currentInventory(tx, filters);
    case ReportType.Approvals:
      return approvalsReport(tx, filters);
    case ReportType.RiskRegister:
      return riskRegister(tx, filters);
    case ReportType.PolicyCompliance:
      return policyComplianceReport(tx, filters);
    case ReportType.AuditTrail:
      return auditTrailExtract(tx, filters);
    case ReportType.MlBom:
      throw new Error('the ML-BOM is one document, not sections of rows');
  }
}

/**
 * The audit trail the report is consistent with: for an extract, the first and last event in it;
 * for other reports, the whole chain up to the head. Read in the report's snapshot.
 */
async function auditRangeOf(tx: Tx, input: CreateReportExportInput): Promise<AuditRange> {
  const [head] = await tx.$queryRaw<
    Array<{ seq: bigint; hash: string }>
  >`SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1`;
  const headSeq = head ? head.seq.toString() : null;
  const headHash = head?.hash ?? null;
  if (input.type !== ReportType.AuditTrail) {
    const [first] = await tx.$queryRaw<Array<{ seq: bigint }>>`SELECT seq FROM audit_event ORDER BY seq LIMIT 1`;
    return { firstSeq: first ? first.seq.toString() : null, lastSeq: headSeq, headSeq, headHash };
  }
  const [range] = await tx.$queryRaw<Array<{ first: bigint | null; last: bigint | null }>>`
    SELECT min(e.seq) AS first, max(e.seq) AS last FROM audit_event e WHERE ${auditExtractScope(input.filters)}`;
  return { firstSeq: range?.first?.toString() ?? null, lastSeq: range?.last?.toString() ?? null, headSeq, headHash };
}

/** Names for the ids in the filters, so the scope reads "Team: Payments" rather than a uuid. */
async function scopeNames(tx: Tx, filters: ReportFilters): Promise<ScopeNames> {
  const teams = filters.teamIds.length
    ? await tx.$queryRaw<
        Array<{ id: string; name: string }>
      >`SELECT id::text, name FROM team WHERE id = ANY(${filters.teamIds}::uuid[])`
    : [];
  const actors = filters.actorId
    ? await tx.$queryRaw<
        Array<{ id: string; name: string }>
      >`SELECT id::text, display_name AS name FROM app_user WHERE id = ${filters.actorId}::uuid`
    : [];
  return { teams: new Map(teams.map((t) => [t.id, t.name])), people: new Map(actors.map((a) => [a.id, a.name])) };
}

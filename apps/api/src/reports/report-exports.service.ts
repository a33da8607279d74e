import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Prisma, ReportExportModel as ReportExportRow } from '@modelgate/db';
import { DomainError, ErrorCode } from '@modelgate/domain/errors';
import {
  createReportExportInputSchema,
  INLINE_EXPORT_MAX_ROWS,
  REPORT_TYPE_INFO,
  ReportExportStatus,
  type CreateReportExportInput,
  type ReportManifest,
} from '@modelgate/domain/reports';
import { AuditService } from '../audit/audit.service.js';
import { SigningKeyStore } from '../audit/signing-key.store.js';
import { describeActor, personBehind, systemActor, type Actor } from '../common/auth/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PrismaService } from '../database/prisma.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { PDF_MAX_ROWS, PdfTooLargeError } from './formats/pdf-writer.js';
import { hashFile, signManifest, writeBundle } from './report-bundle.js';
import { GENERATOR, ReportGenerator, SNAPSHOT_TIMEOUT_MS } from './report-generator.js';

export const REPORT_EXPORT_JOB = 'reports.export';
export const REPORT_SWEEP_JOB = 'reports.sweep';

/** An export still RUNNING after this long outlived its snapshot's timeout: the process writing it is gone. */
const ABANDONED_AFTER_MS = SNAPSHOT_TIMEOUT_MS + 5 * 60_000;
/** A QUEUED export this old lost its job (e.g. the server stopped before sending it): it is sent again. */
const RESEND_AFTER_MS = 5 * 60_000;

/** Progress is written to the row at most this often. */
const PROGRESS_INTERVAL_MS = 1_000;

const LIST_LIMIT = 50;

@Injectable()
export class ReportExportsService implements OnModuleInit {
  private readonly logger = new Logger(ReportExportsService.name);
  private readonly directory: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly generator: ReportGenerator,
    private readonly audit: AuditService,
    private readonly keys: SigningKeyStore,
    private readonly jobs: JobQueue,
  ) {
    this.directory = config.reports.directory;
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.define<{ exportId?: string }>({
      name: REPORT_EXPORT_JOB,
      // A failed export is recorded on its row; running it again would not change the outcome.
      retryLimit: 0,
      handler: async ({ exportId }) => {
        if (exportId) await this.run(exportId);
      },
    });
    await this.jobs.define({
      name: REPORT_SWEEP_JOB,
      schedule: '*/5 * * * *',
      retryLimit: 1,
      handler: async () => {
        await this.sweep();
      },
    });
  }

  /**
   * Exports interrupted by a stopped server: queued ones whose job was lost are sent again (the claim
   * in `run` keeps them from running twice); running ones past their snapshot's timeout are failed,
   * audited, so their requester sees it and exports again.
   */
  async sweep(now = new Date()): Promise<{ resent: number; failed: number }> {
    const lost = await this.prisma.reportExport.findMany({
      where: { status: ReportExportStatus.Queued, createdAt: { lt: new Date(now.getTime() - RESEND_AFTER_MS) } },
      select: { id: true },
    });
    for (const { id } of lost) await this.dispatch(id);
    const abandoned = await this.prisma.reportExport.findMany({
      where: { status: ReportExportStatus.Running, startedAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } },
    });
    for (const row of abandoned) {
      await this.fail(
        row,
        new DomainError(ErrorCode.ServiceUnavailable, 'The export was interrupted while it was written; export it again.'),
      );
    }
    return { resent: lost.length, failed: abandoned.length };
  }

  /**
   * Starts an export. Small ones (by rows counted now) are written before this returns; larger ones
   * run as a background job and report progress on their row. Refuses a PDF that would be too large
   * before anything is stored.
   */
  async request(input: CreateReportExportInput, actor: Actor): Promise<ReportExportRow> {
    const rows = await this.generator.countRows(input);
    if (input.format === 'PDF' && rows > PDF_MAX_ROWS) {
      const { message } = new PdfTooLargeError(rows);
      throw new DomainError(ErrorCode.ValidationFailed, message, [{ field: 'input.format', reason: message }]);
    }
    const { actorLabel } = describeActor(actor);
    const created = await this.prisma.$transaction(async (tx) => {
      const row = await tx.reportExport.create({
        data: {
          type: input.type,
          format: input.format,
          filters: input.filters,
          rowsTotal: rows,
          requestedById: personBehind(actor),
          requestedByTokenId: actor.principal.kind === 'token' ? actor.principal.tokenId : null,
          requestedByLabel: actor.principal.kind === 'user' ? actor.principal.displayName : actorLabel,
        },
      });
      await this.audit.record(tx, actor, {
        action: 'report.export_request',
        entityType: 'ReportExport',
        entityId: row.id,
        after: { type: input.type, format: input.format, filters: input.filters, rowsCounted: rows },
      });
      return row;
    });
    if (rows <= INLINE_EXPORT_MAX_ROWS) await this.run(created.id);
    else await this.dispatch(created.id);
    return this.find(created.id);
  }

  /** Hands a queued export to the job queue, or, with no queue in this process, runs it here in the background. */
  private async dispatch(exportId: string): Promise<void> {
    if (await this.jobs.nudge(REPORT_EXPORT_JOB, { exportId }, exportId)) return;
    void this.run(exportId).catch((error: unknown) => this.logger.error({ err: error }, 'report export failed'));
  }

  /** Runs a queued export once: whoever claims the row first does the work. */
  async run(exportId: string): Promise<void> {
    const claimed = await this.prisma.reportExport.updateMany({
      where: { id: exportId, status: ReportExportStatus.Queued },
      data: { status: ReportExportStatus.Running, startedAt: new Date() },
    });
    if (claimed.count === 0) return;
    const row = await this.find(exportId);
    const input = createReportExportInputSchema.parse({ type: row.type, format: row.format, filters: row.filters });
    const workDirectory = path.join(this.directory, `${exportId}.work`);
    await rm(workDirectory, { recursive: true, force: true });
    await mkdir(workDirectory, { recursive: true });
    try {
      await this.produce(row, input, workDirectory);
    } catch (error) {
      await this.fail(row, error);
    } finally {
      await rm(workDirectory, { recursive: true, force: true });
    }
  }

  private async produce(row: ReportExportRow, input: CreateReportExportInput, workDirectory: string): Promise<void> {
    let lastWrite = 0;
    // Progress is written without waiting for it, one write after another; the last is awaited before the export
    // is finished, so no late progress write lands on a finished export (or after the request that ran it inline).
    let progress: Promise<unknown> = Promise.resolve();
    const generated = await this.generator.generate(input, workDirectory, (rowsWritten) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      progress = progress.then(() =>
        this.prisma.reportExport
          .updateMany({ where: { id: row.id, status: ReportExportStatus.Running }, data: { rowsWritten } })
          .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record export progress')),
      );
    });
    await progress;
    const key = await this.keys.get();
    const files = [];
    for (const { written, ...file } of generated.files) {
      files.push({ ...file, ...(written ?? (await hashFile(path.join(workDirectory, file.name)))) });
    }
    const manifest: ReportManifest = {
      formatVersion: 1,
      reportType: input.type,
      title: generated.title,
      filters: input.filters,
      generatedAt: generated.generatedAt.toISOString(),
      generator: GENERATOR,
      snapshot: {
        firstAuditSeq: generated.audit.firstSeq,
        lastAuditSeq: generated.audit.lastSeq,
        chainHeadHash: generated.audit.headHash,
      },
      files: files.map((file) => ({
        name: file.name,
        sha256: file.sha256,
        bytes: file.bytes,
        rows: file.rows,
        contentType: file.contentType,
      })),
      signing: { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyPem },
    };
    const fileName = bundleName(input, generated.generatedAt);
    const bundle = await writeBundle(this.bundlePath(row.id), workDirectory, files, signManifest(manifest, key));
    const rowsWritten = files.reduce((sum, file) => sum + (file.rows ?? 0), 0);
    await this.prisma.$transaction(async (tx) => {
      const marked = await tx.reportExport.updateMany({
        where: { id: row.id, status: ReportExportStatus.Running },
        data: {
          status: ReportExportStatus.Ready,
          rowsWritten,
          fileName,
          bytes: BigInt(bundle.bytes),
          sha256: bundle.sha256,
          manifest: manifest as Prisma.InputJsonObject,
          finishedAt: new Date(),
        },
      });
      // Declared abandoned by the sweep meanwhile: its requester was told to export again.
      if (marked.count === 0) return;
      await this.audit.record(tx, systemActor(`report export for ${row.requestedByLabel ?? 'unknown'}`), {
        action: 'report.export',
        entityType: 'ReportExport',
        entityId: row.id,
        after: {
          type: input.type,
          format: input.format,
          filters: input.filters,
          fileName,
          bundleSha256: bundle.sha256,
          files: manifest.files.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })),
          snapshot: manifest.snapshot,
        },
      });
    });
  }

  private async fail(row: ReportExportRow, error: unknown): Promise<void> {
    const known = error instanceof PdfTooLargeError || error instanceof DomainError;
    if (!known) this.logger.error({ err: error, exportId: row.id }, 'report export failed');
    const message = known ? (error as Error).message : 'The export failed unexpectedly; the server log has the details.';
    await rm(this.bundlePath(row.id), { force: true });
    await this.prisma.$transaction(async (tx) => {
      const marked = await tx.reportExport.updateMany({
        where: { id: row.id, status: ReportExportStatus.Running },
        data: { status: ReportExportStatus.Failed, error: message, finishedAt: new Date() },
      });
      if (marked.count === 0) return;
      await this.audit.record(tx, systemActor(`report export for ${row.requestedByLabel ?? 'unknown'}`), {
        action: 'report.export',
        entityType: 'ReportExport',
        entityId: row.id,
        outcome: 'FAILURE',
        reason: message,
      });
    });
  }

  async find(id: string): Promise<ReportExportRow> {
    const row = await this.prisma.reportExport.findUnique({ where: { id } });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No such report export.');
    return row;
  }

  /** One of the caller's own exports. */
  async findOwn(id: string, actor: Actor): Promise<ReportExportRow> {
    const row = await this.find(id).catch(() => null);
    if (!row || !isRequester(row, actor)) throw new DomainError(ErrorCode.NotFound, 'No such report export.');
    return row;
  }

  /** The caller's exports, newest first. */
  listOwn(actor: Actor): Promise<ReportExportRow[]> {
    const { principal } = actor;
    const where =
      principal.kind === 'token'
        ? { requestedByTokenId: principal.tokenId }
        : { requestedById: principal.kind === 'user' ? principal.userId : '00000000-0000-0000-0000-000000000000' };
    return this.prisma.reportExport.findMany({ where, orderBy: { createdAt: 'desc' }, take: LIST_LIMIT });
  }

  /** Opens a ready bundle for download and records who took it. The caller closes the file. */
  async openBundle(id: string, actor: Actor): Promise<{ row: ReportExportRow; file: FileHandle; bytes: number }> {
    const row = await this.findOwn(id, actor);
    if (row.status !== ReportExportStatus.Ready) {
      throw new DomainError(ErrorCode.Conflict, `The export is ${row.status.toLowerCase()}, not ready to download.`);
    }
    const file = await open(this.bundlePath(id), 'r').catch(() => {
      throw new DomainError(ErrorCode.NotFound, 'The bundle file is no longer on this server; export the report again.');
    });
    try {
      const { size } = await file.stat();
      await this.audit.recordAlone(actor, {
        action: 'report.download',
        entityType: 'ReportExport',
        entityId: id,
        after: { fileName: row.fileName, bundleSha256: row.sha256 },
      });
      return { row, file, bytes: size };
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  private bundlePath(id: string): string {
    return path.join(this.directory, `${id}.zip`);
  }
}

function isRequester(row: ReportExportRow, actor: Actor): boolean {
  const { principal } = actor;
  if (principal.kind === 'token') return row.requestedByTokenId === principal.tokenId;
  return principal.kind === 'user' && row.requestedById === principal.userId && row.requestedByTokenId === null;
}

function bundleName(input: CreateReportExportInput, generatedAt: Date): string {
  const stamp = generatedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const slug = REPORT_TYPE_INFO[input.type].title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `modelgate-${slug}-${input.format.toLowerCase()}-${stamp}.zip`;
}

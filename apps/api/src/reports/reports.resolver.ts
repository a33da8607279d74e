import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ReportExportModel as ReportExportRow } from '@modelgate/db';
import {
  createReportExportInputSchema,
  ReportExportStatus,
  type CreateReportExportInput as CreateReportExportValues,
  type ReportFormat,
  type ReportType,
} from '@modelgate/domain/reports';
import { SigningKeyStore } from '../audit/signing-key.store.js';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { CreateReportExportInput, ReportExport, ReportSigningKey } from './models/report.models.js';
import { ReportExportsService } from './report-exports.service.js';
import { bundlePathOf, SIGNING_KEY_PATH } from './report-routes.js';

export function toReportExport(row: ReportExportRow): ReportExport {
  const ready = row.status === ReportExportStatus.Ready;
  return {
    ...row,
    type: row.type as ReportType,
    format: row.format as ReportFormat,
    status: row.status as ReportExport['status'],
    progress: ready ? 1 : row.rowsTotal ? Math.min(1, row.rowsWritten / row.rowsTotal) : 0,
    bytes: row.bytes === null ? null : Number(row.bytes),
    downloadPath: ready ? bundlePathOf(row.id) : null,
    requestedBy: row.requestedByLabel,
  };
}

@Resolver(() => ReportExport)
export class ReportsResolver {
  constructor(
    private readonly exports: ReportExportsService,
    private readonly keys: SigningKeyStore,
  ) {}

  @Mutation(() => ReportExport, {
    description:
      'Exports a report as a signed bundle. Small exports are READY when this returns; larger ones run in the background (poll reportExport for progress).',
  })
  @Allow('read', 'Report')
  async createReportExport(
    @Args('input', { type: () => CreateReportExportInput }, new ZodValidationPipe(createReportExportInputSchema, 'input'))
    input: CreateReportExportValues,
    @CurrentActor() actor: Actor,
  ): Promise<ReportExport> {
    return toReportExport(await this.exports.request(input, actor));
  }

  @Query(() => [ReportExport], { description: 'Your latest report exports, newest first.' })
  @Allow('read', 'Report')
  async reportExports(@CurrentActor() actor: Actor): Promise<ReportExport[]> {
    return (await this.exports.listOwn(actor)).map(toReportExport);
  }

  @Query(() => ReportExport, { description: 'One of your report exports.' })
  @Allow('read', 'Report')
  async reportExport(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<ReportExport> {
    return toReportExport(await this.exports.findOwn(id, actor));
  }

  @Query(() => ReportSigningKey, { description: "The instance's public key that signs report manifests." })
  @Allow('read', 'Report')
  async reportSigningKey(): Promise<ReportSigningKey> {
    const key = await this.keys.get();
    return { algorithm: 'Ed25519', keyId: key.keyId, publicKeyPem: key.publicKeyPem, downloadPath: SIGNING_KEY_PATH };
  }
}

import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { referenceKey, submitScanReportInputSchema, type SubmitScanReportInput as SubmitValues } from '@modelgate/discovery';
import { z } from 'zod';
import type { Actor } from '../../common/auth/actor.js';
import { Allow, CurrentActor } from '../../common/auth/authorization.decorators.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';
import { ZodValidationPipe } from '../../common/graphql/zod-validation.pipe.js';
import { InventoryLoaders } from '../../inventory/inventory.loaders.js';
import { PersonRef, TeamRef } from '../../inventory/models/deployment.model.js';
import { SubmitScanReportInput } from './scan-report.inputs.js';
import { RegistrationDraft, ScanFinding, ScanReport } from './scan-report.models.js';
import { ScanReportsService } from './scan-reports.service.js';

const idSchema = z.uuid('must be an id');
const limitSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500');
const repositorySchema = z
  .string()
  .trim()
  .max(300, 'must be at most 300 characters')
  .nullish()
  .transform((value) => value || null);

@Resolver(() => ScanReport)
export class ScanReportsResolver {
  constructor(
    private readonly scans: ScanReportsService,
    private readonly loaders: InventoryLoaders,
  ) {}

  @Mutation(() => ScanReport, {
    description:
      'Stores the results of `modelgate scan` for a repository (from CI with a scans:write token, or pasted in the admin app). Each finding’s status is the server’s own answer for the use given.',
  })
  @Allow('create', 'ScanReport')
  @Idempotent()
  submitScanReport(
    @Args('input', { type: () => SubmitScanReportInput }, new ZodValidationPipe(submitScanReportInputSchema, 'input'))
    input: SubmitValues,
    @CurrentActor() actor: Actor,
  ): Promise<ScanReport> {
    return this.scans.submit(input, actor);
  }

  @Query(() => [ScanReport], {
    description: 'The newest report of each repository, newest first; with `repository`, that repository’s reports.',
  })
  @Allow('read', 'ScanReport')
  scanReports(
    @Args('repository', { type: () => String, nullable: true }, new ZodValidationPipe(repositorySchema, 'repository'))
    repository: string | null,
    @Args('limit', { type: () => Int, defaultValue: 200 }, new ZodValidationPipe(limitSchema, 'limit')) limit: number,
  ): Promise<ScanReport[]> {
    return this.scans.latest(repository, limit);
  }

  @Query(() => ScanReport)
  @Allow('read', 'ScanReport')
  scanReport(@Args('id', { type: () => ID }, new ZodValidationPipe(idSchema, 'id')) id: string): Promise<ScanReport> {
    return this.scans.report(id);
  }

  @Query(() => RegistrationDraft, {
    description: 'A registration form’s starting point for the model a scan finding refers to. Saves nothing.',
  })
  @Allow('create', 'Model')
  registrationDraftFromFinding(
    @Args('findingId', { type: () => ID }, new ZodValidationPipe(idSchema, 'findingId')) findingId: string,
  ): Promise<RegistrationDraft> {
    return this.scans.draft(findingId).then((draft) => ({
      ...draft,
      fields: { ...draft.fields, parameterCount: null, modalities: null, task: null, declaredLicense: null },
    }));
  }

  @ResolveField(() => [ScanFinding], { description: 'In file order, each with the answer then and today.' })
  @Allow('read', 'ScanReport')
  async findings(@Parent() report: ScanReport): Promise<ScanFinding[]> {
    const rows = await this.scans.findings(report.id);
    const current = await this.scans.currentMatches(report, rows);
    return rows.map((row) => {
      const now = row.informational ? null : current.get(referenceKey({ ...row, kind: row.kind as never }));
      return {
        ...row,
        sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
        statusAtScan: row.status,
        status: now?.status ?? row.status,
        matchedBy: now ? now.matchedBy : row.matchedBy,
        modelVersion: now?.modelVersion ?? null,
        reasons: now ? now.reasons : row.reasons,
        hint: now ? now.hint : row.hint,
      };
    });
  }

  @ResolveField(() => String, { nullable: true, description: 'The hosting target the findings were judged for.' })
  @Allow('read', 'ScanReport')
  async hostingTarget(@Parent() report: ScanReport, @Context() context: object): Promise<string | null> {
    if (!report.hostingTargetId) return null;
    return (await this.loaders.for(context).hostingTarget.load(report.hostingTargetId))?.name ?? null;
  }

  @ResolveField(() => TeamRef, { nullable: true })
  @Allow('read', 'ScanReport')
  team(@Parent() report: ScanReport, @Context() context: object): Promise<TeamRef | null> {
    return report.teamId ? this.loaders.for(context).team.load(report.teamId) : Promise.resolve(null);
  }

  @ResolveField(() => PersonRef, { nullable: true })
  @Allow('read', 'ScanReport')
  submittedBy(@Parent() report: ScanReport, @Context() context: object): Promise<PersonRef | null> {
    return report.submittedById ? this.loaders.for(context).person.load(report.submittedById) : Promise.resolve(null);
  }
}

import { Args, Int, Mutation, Query, ResolveField, Resolver, Root } from '@nestjs/graphql';
import { z } from 'zod';
import type { Actor } from '../common/auth/actor.js';
import { auditEventsArgsSchema, type AuditEventsQuery } from '@modelgate/domain/audit';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import type { AuditEventRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditEventsArgs } from './dto/audit-events.args.js';
import { AuditEvent, AuditEventConnection, AuditFieldChange } from './models/audit-event.model.js';
import { AuditCheckpoint, AuditTrailVerification } from './models/audit-trail-verification.model.js';

const checkpointPageSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(200, 'must be at most 200');

const toModel = (row: AuditEventRow): Omit<AuditEvent, 'changes'> => ({ ...row, seq: row.seq.toString() });

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first unless `order` says otherwise.' })
  @Allow('read', 'AuditEvent')
  async auditEvents(
    @Args({ type: () => AuditEventsArgs }, new ZodValidationPipe(auditEventsArgsSchema)) args: AuditEventsQuery,
  ): Promise<AuditEventConnection> {
    const rows = await this.audit.list(args.filter, args.first + 1, args.after, args.order);
    const page = rows.slice(0, args.first);
    return {
      edges: page.map((row) => ({ cursor: row.seq.toString(), node: toModel(row) as AuditEvent })),
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.at(-1)?.seq.toString() ?? null },
    };
  }

  @Query(() => AuditTrailVerification, {
    description: 'Re-computes every hash of the chain, checks the signed checkpoints, and reports the first break.',
  })
  @Allow('verify', 'AuditEvent')
  async auditTrailVerification(): Promise<AuditTrailVerification> {
    const [chain, checkpoints, signingKeyId] = await Promise.all([
      this.audit.verify(),
      this.checkpoints.check(),
      this.checkpoints.signingKeyId(),
    ]);
    return {
      ...chain,
      ok: chain.ok && checkpoints.problems.length === 0,
      checkpointsChecked: checkpoints.checked,
      checkpointProblems: checkpoints.problems,
      signingKeyId,
      verifiedAt: new Date(),
    };
  }

  @Query(() => [AuditCheckpoint], {
    description: 'Signed checkpoints of the chain head, newest first; publish them outside Modelgate.',
  })
  @Allow('read', 'AuditEvent')
  async auditCheckpoints(
    @Args('first', { type: () => Int, defaultValue: 20 }, new ZodValidationPipe(checkpointPageSchema, 'first')) first: number,
  ): Promise<AuditCheckpoint[]> {
    return (await this.checkpoints.list(first)).map((c) => ({ ...c, seq: c.seq.toString() }));
  }

  @Mutation(() => AuditCheckpoint, { description: "Signs the current chain head with the instance's key now." })
  @Allow('create', 'AuditCheckpoint')
  async createAuditCheckpoint(@CurrentActor() actor: Actor): Promise<AuditCheckpoint> {
    const checkpoint = await this.checkpoints.create(actor);
    return { ...checkpoint, seq: checkpoint.seq.toString() };
  }

  @ResolveField(() => [AuditFieldChange])
  @Allow('read', 'AuditEvent')
  changes(@Root() event: AuditEvent): AuditFieldChange[] {
    return this.audit.changes(event);
  }
}

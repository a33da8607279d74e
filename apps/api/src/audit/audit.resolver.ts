import { Args, Query, ResolveField, Resolver, Root } from '@nestjs/graphql';
import { auditEventsArgsSchema, type AuditEventsQuery } from '@modelgate/domain/audit';
import { Allow } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import type { AuditEventRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditEventsArgs } from './dto/audit-events.args.js';
import { AuditEvent, AuditEventConnection, AuditFieldChange } from './models/audit-event.model.js';
import { AuditTrailVerification } from './models/audit-trail-verification.model.js';

const toModel = (row: AuditEventRow): Omit<AuditEvent, 'changes'> => ({ ...row, seq: row.seq.toString() });

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first.' })
  @Allow('read', 'AuditEvent')
  async auditEvents(
    @Args({ type: () => AuditEventsArgs }, new ZodValidationPipe(auditEventsArgsSchema)) args: AuditEventsQuery,
  ): Promise<AuditEventConnection> {
    const rows = await this.audit.list(args.filter, args.first + 1, args.after);
    const page = rows.slice(0, args.first);
    return {
      edges: page.map((row) => ({ cursor: row.seq.toString(), node: toModel(row) as AuditEvent })),
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.at(-1)?.seq.toString() ?? null },
    };
  }

  @Query(() => AuditTrailVerification, { description: 'Re-computes every hash of the chain and reports the first break.' })
  @Allow('verify', 'AuditEvent')
  async auditTrailVerification(): Promise<AuditTrailVerification> {
    return { ...(await this.audit.verify()), verifiedAt: new Date() };
  }

  @ResolveField(() => [AuditFieldChange])
  changes(@Root() event: AuditEvent): AuditFieldChange[] {
    return this.audit.changes(event);
  }
}

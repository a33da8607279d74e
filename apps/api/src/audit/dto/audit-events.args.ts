import { AUDIT_ORDERS, type AuditOrder } from '@modelgate/domain/audit';
import { ArgsType, Field, GraphQLISODateTime, InputType, Int, registerEnumType } from '@nestjs/graphql';

const AuditOrderEnum = Object.fromEntries(AUDIT_ORDERS.map((order) => [order, order])) as Record<AuditOrder, AuditOrder>;
registerEnumType(AuditOrderEnum, {
  name: 'AuditOrder',
  description: 'Chain order: newest first (the default) or oldest first.',
});

@InputType({ description: 'All given fields must match.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => String, { nullable: true })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'SUCCESS, DENIED or FAILURE.' })
  outcome?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Inclusive.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Exclusive.' })
  to?: Date | null;
}

@ArgsType()
export class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Page size, 1 to 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;

  @Field(() => AuditOrderEnum, { nullable: true, defaultValue: 'NEWEST_FIRST' })
  order?: AuditOrder | null;
}

import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../common/graphql/json.scalar.js';
import { PageInfo } from '../../common/graphql/page-info.model.js';

@ObjectType({ description: 'One field that an audited change altered.' })
export class AuditFieldChange {
  @Field({ description: 'Dotted path of the field, e.g. "roles" or "settings.name".' })
  path!: string;

  @Field(() => JSONScalar, { nullable: true })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  after!: unknown;
}

@ObjectType({ description: 'One audited change to a record, as shown beside the record itself.' })
export class RecordChange {
  @Field({ description: 'What was done, e.g. "model_version.update".' })
  action!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field({ description: 'USER, TOKEN or SYSTEM.' })
  actorType!: string;

  @Field(() => String, { nullable: true, description: 'E-mail of a user, name of a token, purpose of a system job.' })
  actorLabel!: string | null;

  @Field({ description: 'ADMIN_APP, API, CLI or SYSTEM.' })
  channel!: string;

  @Field(() => [AuditFieldChange], { description: 'The fields the change altered, with their values before and after.' })
  changes!: AuditFieldChange[];
}

@ObjectType({ description: 'An append-only, hash-chained record of who did what, when, and with what outcome.' })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Position in the chain (decimal string; 64-bit).' })
  seq!: string;

  @Field(() => GraphQLISODateTime, { description: 'Database time of the event.' })
  occurredAt!: Date;

  @Field({ description: 'USER, TOKEN, SYSTEM or ANONYMOUS.' })
  actorType!: string;

  @Field(() => String, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail of a user, name of a token, purpose of a system job.' })
  actorLabel!: string | null;

  @Field(() => [String], { description: "The user's roles, or the token's scopes, at the time." })
  actorRoles!: string[];

  @Field({ description: 'ADMIN_APP, API, CLI or SYSTEM.' })
  channel!: string;

  @Field({ description: 'What happened, e.g. "auth.sign_in" or "access.denied".' })
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => JSONScalar, { nullable: true })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  after!: unknown;

  @Field(() => [AuditFieldChange], { description: 'Readable difference between before and after.' })
  changes!: AuditFieldChange[];

  @Field({ description: 'SUCCESS, DENIED or FAILURE.' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field()
  prevHash!: string;

  @Field()
  hash!: string;
}

@ObjectType()
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

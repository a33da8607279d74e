import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Migrations shipped with this build compared with the database.' })
export class MigrationStatus {
  @Field({ description: 'Every shipped migration is applied and none failed.' })
  upToDate!: boolean;

  @Field(() => Int)
  appliedCount!: number;

  @Field(() => String, { nullable: true, description: 'Name of the newest applied migration.' })
  latestApplied!: string | null;

  @Field(() => [String])
  pending!: string[];

  @Field(() => [String])
  failed!: string[];
}

@ObjectType()
export class DatabaseStatus {
  @Field()
  reachable!: boolean;

  @Field({ description: 'Modelgate started its own embedded PostgreSQL (no DATABASE_URL set).' })
  embedded!: boolean;

  @Field(() => String, { nullable: true })
  serverVersion!: string | null;

  @Field(() => MigrationStatus, { nullable: true, description: 'Null when the database is unreachable.' })
  migrations!: MigrationStatus | null;
}

@ObjectType({ description: 'What this Modelgate server is and how it is doing.' })
export class SystemStatus {
  @Field({ description: 'Version of the running API.' })
  version!: string;

  @Field()
  environment!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Int)
  uptimeSeconds!: number;

  @Field(() => String, { nullable: true, description: 'From the organization.name setting.' })
  organizationName!: string | null;

  @Field(() => DatabaseStatus)
  database!: DatabaseStatus;
}

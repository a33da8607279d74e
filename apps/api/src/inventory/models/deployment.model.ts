import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/page-info.model.js';
import {
  EnvironmentEnum,
  DataClassificationEnum,
  EuAiActCategoryEnum,
  DeploymentStatusEnum,
  type Environment,
  type DataClassification,
  type EuAiActCategory,
  type DeploymentStatus,
} from './inventory-enums.js';

@ObjectType({ description: 'Which model version runs where and for whom.' })
export class Deployment {
  @Field(() => ID)
  id!: string;

  modelVersionId!: string;
  teamId!: string;
  hostingTargetId!: string;
  registeredById!: string | null;

  @Field({ description: 'The application or system that uses the model.' })
  application!: string;

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => DataClassificationEnum, { description: 'The most sensitive class of data processed.' })
  dataClassification!: DataClassification;

  @Field()
  personalData!: boolean;

  @Field()
  purpose!: string;

  @Field(() => EuAiActCategoryEnum)
  euAiActCategory!: EuAiActCategory;

  @Field(() => DeploymentStatusEnum)
  status!: DeploymentStatus;

  @Field({ description: 'ADMIN_APP, API, CLI, IMPORT or SYSTEM.' })
  registeredVia!: string;

  @Field(() => String, { nullable: true, description: 'The API token it was registered with, if any.' })
  registeredByTokenId!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType()
export class DeploymentEdge {
  @Field()
  cursor!: string;

  @Field(() => Deployment)
  node!: Deployment;
}

@ObjectType()
export class DeploymentConnection {
  @Field(() => [DeploymentEdge])
  edges!: DeploymentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  filter!: unknown;
}

@ObjectType('TeamRef', { description: 'A team, by name.' })
export class TeamRef {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  name!: string;
}

@ObjectType('PersonRef', { description: 'A person, by name.' })
export class PersonRef {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field()
  email!: string;
}

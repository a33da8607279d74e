import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { HostingModeEnum, TrainsOnInputsEnum, type HostingMode, type TrainsOnInputs } from './inventory-enums.js';

@ObjectType({ description: 'Where models run: an on-premises cluster, a cloud account, a vendor API...' })
export class HostingTarget {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => HostingModeEnum)
  mode!: HostingMode;

  @Field()
  operator!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field({ description: "ISO 3166-1 alpha-2 of the operator's processing location." })
  country!: string;

  @Field(() => Int, { nullable: true, description: 'Days the operator keeps inputs and outputs; null when unknown.' })
  retentionDays!: number | null;

  @Field(() => TrainsOnInputsEnum)
  trainsOnInputs!: TrainsOnInputs;

  @Field()
  zeroDataRetention!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

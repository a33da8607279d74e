import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ProviderTypeEnum, type ProviderType } from './inventory-enums.js';

@ObjectType({ description: 'Who develops or sells models.' })
export class Provider {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Stable key used by the catalog, e.g. "alibaba-qwen".' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  legalEntity!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  headquartersCountry!: string;

  @Field(() => ProviderTypeEnum)
  type!: ProviderType;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the facts of this record come from.' })
  sourceUrl!: string | null;

  @Field({ description: 'False when some fact could not be confirmed from its source.' })
  verified!: boolean;

  @Field(() => Int, { description: 'Record version; pass it back as expectedVersion when updating.' })
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

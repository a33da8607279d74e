import { Field, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../common/graphql/json.scalar.js';

@ObjectType({ description: 'An instance-wide setting.' })
export class AppSetting {
  @Field()
  key!: string;

  @Field(() => JSONScalar)
  value!: unknown;

  @Field()
  updatedAt!: Date;
}

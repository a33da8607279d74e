import { Field, Float, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One file of a model version’s weights folder; scans and the CI gate recognise the version by it.' })
export class WeightFile {
  @Field({ description: 'Path inside the weights folder.' })
  path!: string;

  @Field()
  sha256!: string;

  @Field(() => Float, { nullable: true })
  sizeBytes!: number | null;

  @Field(() => GraphQLISODateTime)
  attachedAt!: Date;
}

import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class WeightFileInput {
  @Field({ description: 'Path inside the weights folder, with forward slashes, e.g. "model-00001-of-00004.safetensors".' })
  path!: string;

  @Field({ description: 'SHA-256 of the file, 64 hexadecimal characters.' })
  sha256!: string;

  @Field(() => Float, { nullable: true })
  sizeBytes?: number | null;
}

@InputType({ description: 'A weights folder’s checksums for a model version, and the version you edited.' })
export class AttachModelWeightsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => [WeightFileInput], {
    description: 'Every weight file of the folder (at most 2,000); replaces those attached before.',
  })
  files!: WeightFileInput[];
}

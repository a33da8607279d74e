import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  DataClassificationEnum,
  EnvironmentEnum,
  type DataClassification,
  type Environment,
} from '../../inventory/models/inventory-enums.js';
import { ModelReferenceKindEnum, type ModelReferenceKind } from '../models/model-reference-match.model.js';

@InputType({
  description: 'One finding as `modelgate scan --format json` writes it (its status is not read: the server decides).',
})
export class ScanFindingInput {
  @Field(() => ModelReferenceKindEnum)
  kind!: ModelReferenceKind;

  @Field()
  reference!: string;

  @Field(() => String, { nullable: true })
  provider?: string | null;

  @Field({ description: 'Path relative to the scanned root.' })
  file!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field()
  snippet!: string;

  @Field(() => String, { nullable: true })
  sha256?: string | null;

  @Field(() => Float, { nullable: true })
  bytes?: number | null;

  @Field(() => Boolean, { nullable: true })
  inComment?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  informational?: boolean | null;
}

@InputType({ description: 'A scan’s findings for one repository (at most 10,000) and the use they were checked for.' })
export class SubmitScanReportInput {
  @Field({ description: 'The repository, e.g. "github.com/acme/support-bot".' })
  repository!: string;

  @Field(() => String, { nullable: true })
  branch?: string | null;

  @Field(() => String, { nullable: true })
  commit?: string | null;

  @Field(() => EnvironmentEnum)
  environment!: Environment;

  @Field(() => DataClassificationEnum, { nullable: true, description: 'Default INTERNAL.' })
  dataClassification?: DataClassification | null;

  @Field(() => Boolean, { nullable: true })
  personalData?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A hosting target’s name: statuses are then the CI gate’s answer.' })
  hostingTarget?: string | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => Int, { nullable: true })
  filesScanned?: number | null;

  @Field(() => [ScanFindingInput])
  findings!: ScanFindingInput[];
}

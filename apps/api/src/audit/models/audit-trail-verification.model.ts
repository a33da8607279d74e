import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where the chain first stops adding up.' })
export class AuditChainBreak {
  @Field({ description: 'seq of the first event that does not verify.' })
  seq!: string;

  @Field({ description: 'HASH_MISMATCH, PREVIOUS_HASH_MISMATCH, SEQUENCE_GAP or SEQUENCE_NOT_INCREASING.' })
  reason!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'Result of re-computing every hash of the audit trail from the first event.' })
export class AuditTrailVerification {
  @Field({ description: 'True when no event was edited, deleted, inserted or reordered.' })
  ok!: boolean;

  @Field(() => Int)
  checkedEvents!: number;

  @Field(() => String, { nullable: true })
  headSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'Hash of the newest verified event; publish it to pin the history.' })
  headHash!: string | null;

  @Field(() => AuditChainBreak, { nullable: true })
  firstBreak!: AuditChainBreak | null;

  @Field(() => GraphQLISODateTime)
  verifiedAt!: Date;
}

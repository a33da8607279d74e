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

@ObjectType({ description: 'A signed checkpoint that no longer matches the chain or its signature.' })
export class AuditCheckpointProblem {
  @Field()
  seq!: string;

  @Field({ description: 'BAD_SIGNATURE, KEY_MISMATCH, UNTRUSTED_KEY, HASH_DIFFERS or EVENT_MISSING.' })
  problem!: string;
}

@ObjectType({ description: "A signed statement of the chain head, signed with the instance's Ed25519 key." })
export class AuditCheckpoint {
  @Field()
  id!: string;

  @Field()
  seq!: string;

  @Field()
  hash!: string;

  @Field(() => GraphQLISODateTime)
  signedAt!: Date;

  @Field({ description: 'SHA-256 (hex) of the DER public key.' })
  keyId!: string;

  @Field({ description: 'PEM (SPKI) public key.' })
  publicKey!: string;

  @Field({ description: 'Ed25519 signature (base64) over canonical JSON {"hash","keyId","seq","signedAt","v":1}.' })
  signature!: string;
}

@ObjectType({ description: 'Result of re-computing every hash of the audit trail from the first event.' })
export class AuditTrailVerification {
  @Field({ description: 'True when no event was edited, deleted, inserted or reordered, and every checkpoint holds.' })
  ok!: boolean;

  @Field(() => Int)
  checkedEvents!: number;

  @Field(() => String, { nullable: true })
  headSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'Hash of the newest verified event; publish it to pin the history.' })
  headHash!: string | null;

  @Field(() => AuditChainBreak, { nullable: true })
  firstBreak!: AuditChainBreak | null;

  @Field(() => Int, { description: 'Signed checkpoints compared with the chain.' })
  checkpointsChecked!: number;

  @Field(() => [AuditCheckpointProblem])
  checkpointProblems!: AuditCheckpointProblem[];

  @Field({ description: "Key id of this instance's signing key; checkpoints signed by any other key are not trusted." })
  signingKeyId!: string;

  @Field(() => GraphQLISODateTime)
  verifiedAt!: Date;
}

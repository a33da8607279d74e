import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: '1 to 200 characters, e.g. "deploy pipeline".' })
  name!: string;

  @Field(() => [String], { description: 'At least one scope from the catalogue (e.g. "deployments:write").' })
  scopes!: string[];

  @Field(() => Int, { nullable: true, description: 'Days until the token expires, 1 to 365; 90 when omitted.' })
  expiresInDays?: number | null;

  @Field(() => ID, { nullable: true, description: 'Bind the token to this team; otherwise it is bound to you.' })
  teamId?: string | null;
}

import { Field, InputType } from '@nestjs/graphql';

@InputType({ description: 'A Hugging Face model card (README.md with YAML front matter), pasted or read from a file.' })
export class ModelCardDraftInput {
  @Field({ description: 'The card’s text, at most 200,000 characters.' })
  text!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The Hugging Face repository the card belongs to, `owner/name`: names the model and its provider.',
  })
  repoId?: string | null;
}

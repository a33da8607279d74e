import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Single sign-on with the OpenID Connect provider configured for this instance.' })
export class SingleSignOnOption {
  @Field()
  enabled!: boolean;

  @Field({ description: 'What the sign-in button says after "Sign in with".' })
  label!: string;

  @Field({ description: 'Where the browser starts the sign-in (a full-page navigation, not a fetch).' })
  loginUrl!: string;
}

@ObjectType({ description: 'How people can sign in here.' })
export class AuthOptions {
  @Field({ description: 'Whether e-mail and password sign-in is on.' })
  localAccountsEnabled!: boolean;

  @Field(() => SingleSignOnOption)
  singleSignOn!: SingleSignOnOption;
}

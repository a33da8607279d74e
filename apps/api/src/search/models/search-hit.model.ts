import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SearchHitKind, SearchMatch } from '../domain/search-query.js';

registerEnumType(SearchHitKind, { name: 'SearchHitKind', description: 'What kind of thing a global search hit is.' });
registerEnumType(SearchMatch, {
  name: 'SearchMatch',
  description:
    'How a hit matched the query, best first: a name equal to it, starting with it, containing it, or holding each of its words.',
});

@ObjectType({ description: 'One thing global search found, with where the admin app shows it.' })
export class SearchHit {
  @Field(() => SearchHitKind)
  kind!: SearchHitKind;

  @Field(() => ID)
  id!: string;

  @Field({ description: 'Its name: the model version, provider, application, request reference (AR-12) or person.' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Facts that tell it apart, joined with " · " (provider, model version, team, e-mail).',
  })
  subtitle!: string | null;

  @Field({ description: 'The admin app path that shows it, e.g. /inventory/versions/<id>.' })
  url!: string;

  @Field(() => SearchMatch)
  match!: SearchMatch;

  @Field({ description: 'Retired (versions, providers, deployments) or disabled (people): listed after those in use.' })
  retired!: boolean;
}

import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DEFAULT_SEARCH_RESULTS, MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS } from '../domain/search-query.js';

@ArgsType()
export class GlobalSearchArgs {
  @Field(() => String, {
    description: `Part of a name, key, Hugging Face repository, e-mail or request reference; 1 to ${MAX_QUERY_LENGTH} characters.`,
  })
  query!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_SEARCH_RESULTS,
    description: `How many hits, 1 to ${MAX_SEARCH_RESULTS}.`,
  })
  first?: number | null;
}

import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { globalSearchArgsSchema, type GlobalSearchQuery } from './domain/search-query.js';
import { GlobalSearchArgs } from './dto/global-search.args.js';
import { SearchHit } from './models/search-hit.model.js';
import { SearchService } from './search.service.js';

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query(() => [SearchHit], {
    description:
      'Model versions, providers, approval requests, deployments and people whose names match the query, best first ' +
      '(exact, then prefix, then substring, then every word), at most `first`. Each kind only for callers who may read it.',
  })
  // Every signed-in person may read someone (at least themselves): the service narrows the hits to what they may read.
  @Allow('read', 'User')
  globalSearch(
    @Args({ type: () => GlobalSearchArgs }, new ZodValidationPipe(globalSearchArgsSchema)) args: GlobalSearchQuery,
    @CurrentActor() actor: Actor,
  ): Promise<SearchHit[]> {
    return this.search.globalSearch(args, actor);
  }
}

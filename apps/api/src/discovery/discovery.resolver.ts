import { Args, Query, Resolver } from '@nestjs/graphql';
import {
  matchModelReferencesInputSchema,
  modelCardInputSchema,
  type MatchModelReferencesInput as MatchInput,
  type ModelCardInput,
} from '@modelgate/discovery';
import { Allow } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { DiscoveryService } from './discovery.service.js';
import { MatchModelReferencesInput } from './dto/match-model-references.input.js';
import { ModelCardDraftInput } from './dto/model-card-draft.input.js';
import { ModelCardDraft } from './models/model-card-draft.model.js';
import { ModelReferenceMatches } from './models/model-reference-match.model.js';

@Resolver(() => ModelReferenceMatches)
export class DiscoveryResolver {
  constructor(private readonly discovery: DiscoveryService) {}

  @Query(() => ModelReferenceMatches, {
    description:
      'For the model references a scan found (at most 2,000 per request): the model version each is, and whether it is approved for this use. Pipelines call it with a decisions:read token. Not logged as decisions.',
  })
  @Allow('read', 'Decision')
  modelReferenceMatches(
    @Args('input', { type: () => MatchModelReferencesInput }, new ZodValidationPipe(matchModelReferencesInputSchema, 'input'))
    input: MatchInput,
  ): Promise<ModelReferenceMatches> {
    return this.discovery.match(input);
  }

  @Query(() => ModelCardDraft, {
    description:
      'Reads a Hugging Face model card into a draft model version for the registration form: mapped license, base models and the inventory’s versions of them, task, languages, datasets, and notes on what could not be mapped. Saves nothing.',
  })
  @Allow('create', 'Model')
  modelCardDraft(
    @Args('input', { type: () => ModelCardDraftInput }, new ZodValidationPipe(modelCardInputSchema, 'input'))
    input: ModelCardInput,
  ): Promise<ModelCardDraft> {
    return this.discovery.draftFromModelCard(input);
  }
}

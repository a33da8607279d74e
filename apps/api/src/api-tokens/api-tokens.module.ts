import { Module } from '@nestjs/common';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensResolver } from './api-tokens.resolver.js';
import { ApiTokensService } from './api-tokens.service.js';

/** Exports the repository for AuthenticationService, which resolves bearer tokens. */
@Module({
  providers: [ApiTokensRepository, ApiTokensService, ApiTokensResolver],
  exports: [ApiTokensRepository],
})
export class ApiTokensModule {}

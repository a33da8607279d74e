import { Module } from '@nestjs/common';
import { AuthorizationModule } from '../common/auth/authorization.module.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensResolver } from './api-tokens.resolver.js';
import { ApiTokensService } from './api-tokens.service.js';

/** Exports the repository for AuthenticationService, which resolves bearer tokens. */
@Module({
  imports: [AuthorizationModule],
  providers: [ApiTokensRepository, ApiTokensService, ApiTokensResolver],
  exports: [ApiTokensRepository],
})
export class ApiTokensModule {}

import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { AuthenticationService } from './authentication.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { AuthOptionsResolver } from './oidc/auth-options.resolver.js';
import { OidcUsersRepository } from './oidc/oidc-users.repository.js';
import { OidcService } from './oidc/oidc.service.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [ApiTokensModule],
  providers: [
    UsersRepository,
    SessionsRepository,
    AuthenticationService,
    AuthService,
    AuthResolver,
    AuthOptionsResolver,
    OidcUsersRepository,
    OidcService,
  ],
  exports: [AuthenticationService, UsersRepository, OidcService],
})
export class AuthModule {}

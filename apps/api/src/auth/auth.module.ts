import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { AuthenticationService } from './authentication.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [ApiTokensModule],
  providers: [UsersRepository, SessionsRepository, AuthenticationService, AuthService, AuthResolver],
  exports: [AuthenticationService, UsersRepository],
})
export class AuthModule {}

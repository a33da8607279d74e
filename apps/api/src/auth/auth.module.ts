import { Module } from '@nestjs/common';
import { AuthenticationService } from './authentication.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  providers: [UsersRepository, SessionsRepository, AuthenticationService, AuthService, AuthResolver],
  exports: [AuthenticationService, UsersRepository],
})
export class AuthModule {}

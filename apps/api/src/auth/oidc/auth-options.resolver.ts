import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/auth/authorization.decorators.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthOptions } from './models/auth-options.model.js';

@Resolver()
export class AuthOptionsResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Query(() => AuthOptions, { description: 'How people can sign in; asked by the sign-in page before anyone is signed in.' })
  authOptions(): AuthOptions {
    const { oidc } = this.config;
    return {
      localAccountsEnabled: this.config.auth.localAccountsEnabled,
      singleSignOn: { enabled: oidc !== null, label: oidc?.displayName ?? '', loginUrl: '/auth/oidc/login' },
    };
  }
}

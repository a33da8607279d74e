import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryService, DiscoveryModule as ProviderDiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokensModule } from './api-tokens/api-tokens.module.js';
import { ApprovalsModule } from './approvals/approvals.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { anonymousActor } from './bootstrap/request-actor.js';
import { AccessRefusals } from './common/auth/access-refusals.js';
import { AuthorizationGuard } from './common/auth/authorization.guard.js';
import { AuthorizationModule } from './common/auth/authorization.module.js';
import { authorizeFieldResolvers, fieldRulesOf } from './common/auth/field-authorization.js';
import { graphqlErrorFormatter } from './common/graphql/graphql-error-formatter.js';
import { definedResolversOf, readPropertiesInline } from './common/graphql/property-fields.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { GraphqlExceptionFilter } from './common/graphql/graphql-exception.filter.js';
import { graphqlLimits, withoutSuggestions } from './common/security/graphql-limits.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule, type DatabaseRuntime } from './database/database.module.js';
import { DiscoveryModule } from './discovery/discovery.module.js';
import { HealthModule } from './health/health.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PeopleModule } from './people/people.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { PolicyGateModule } from './policies/policy-gate.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SearchModule } from './search/search.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { SystemModule } from './system/system.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export type AppModuleOptions = {
  /** Write the schema SDL here (build time); otherwise the schema lives in memory only. */
  schemaFile?: string;
};

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseRuntime, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [AuthorizationModule, ProviderDiscoveryModule],
          inject: [AccessRefusals, DiscoveryService],
          useFactory: (refusals: AccessRefusals, discovery: DiscoveryService) => {
            let definedResolvers: Set<string> | undefined;
            return {
              path: '/graphql',
              autoSchemaFile: options.schemaFile ?? true,
              sortSchema: true,
              graphiql: false,
              jit: 1,
              csrfPrevention: true,
              allowBatchedQueries: false,
              // The guard covers root operations; every field resolver below them is authorised here.
              transformResolvers: (resolvers) => {
                definedResolvers = definedResolversOf(resolvers);
                return authorizeFieldResolvers(
                  resolvers,
                  fieldRulesOf(discovery.getProviders().map((provider) => provider.metatype)),
                  refusals,
                );
              },
              // Nest calls it after transformResolvers, on the schema built with its result.
              transformSchema: (schema) => {
                if (!definedResolvers) throw new Error('transformSchema ran before transformResolvers');
                return readPropertiesInline(schema, definedResolvers);
              },
              ...graphqlLimits(config),
              errorFormatter: config.env === 'production' ? withoutSuggestions(graphqlErrorFormatter) : graphqlErrorFormatter,
              context: (request: FastifyRequest, reply: FastifyReply) => ({
                req: request,
                reply,
                actor: request.actor ?? anonymousActor(request),
              }),
            };
          },
        }),
        AuthorizationModule,
        AuditModule,
        AuthModule,
        ApiTokensModule,
        ApprovalsModule,
        DashboardModule,
        DiscoveryModule,
        HealthModule,
        IdempotencyModule,
        InventoryModule,
        JobsModule,
        NotificationsModule,
        PeopleModule,
        PoliciesModule,
        PolicyGateModule,
        ReportsModule,
        SearchModule,
        SettingsModule,
        SystemModule,
        WebhooksModule,
        SeedModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
      ],
    };
  }
}

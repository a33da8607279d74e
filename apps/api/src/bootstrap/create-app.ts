import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule, type AppModuleOptions } from '../app.module.js';
import { createLogger, NestPinoLogger } from '../common/logging/logger.js';
import { RequestLogController } from '../common/logging/request-log.controller.js';
import { requestIdFor } from '../common/logging/request-id.js';
import { registerHttpSecurity } from '../common/security/http-security.js';
import type { AppConfig } from '../config/app-config.js';
import type { DatabaseRuntime } from '../database/database.module.js';
import { AuthenticationService } from '../auth/authentication.service.js';
import { registerOidcRoutes } from '../auth/oidc/oidc-routes.js';
import { OidcService } from '../auth/oidc/oidc.service.js';
import { registerAdminApp } from './admin-app.js';
import { closeIdleConnectionsUntilClosed } from './graceful-close.js';
import { registerDecisionRoute } from '../policies/decision-route.js';
import { registerReportRoutes } from '../reports/report-routes.js';
import { registerActorResolution } from './request-actor.js';

/**
 * Largest request body accepted anywhere (GraphQL documents and variables). Inventory imports send the
 * file as a variable (up to 16 MiB of text, a little more once JSON-escaped); everything else is small.
 */
const BODY_LIMIT_BYTES = 20 * 1024 * 1024;

export type CreateAppOptions = AppModuleOptions & { serveAdminApp?: boolean; logger?: Logger };

/** Builds the whole HTTP application (API + admin app) without listening; tests and main share it. */
export async function createApp(
  config: AppConfig,
  database: DatabaseRuntime,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config.log.level);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    trustProxy: config.http.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    genReqId: requestIdFor,
  });
  const fastify = adapter.getInstance();
  closeIdleConnectionsUntilClosed(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  const bindActorResolver = await registerActorResolution(fastify);
  await registerHttpSecurity(fastify, config);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database, options), adapter, {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  const authentication = app.get(AuthenticationService);
  bindActorResolver((request) => authentication.actorFor(request));
  registerOidcRoutes(fastify, app.get(OidcService));
  registerDecisionRoute(fastify, app);
  registerReportRoutes(fastify, app);
  if (options.serveAdminApp ?? true) await registerAdminApp(app, config.adminDistDir);
  await app.init();
  return app;
}

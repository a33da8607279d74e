import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from '@modelgate/db/testing';
import { createApp } from '../bootstrap/create-app.js';
import { loadConfig } from '../config/app-config.js';

export type GraphqlResponse<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      path?: string[];
      extensions?: { code?: string; fields?: Array<{ field: string; reason: string }>; requestId?: string };
    }>;
  };
};

export type TestApp = {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  /** POSTs a GraphQL operation over real HTTP. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
};

/**
 * The real application on a random port, over its own database copied from the migrated template
 * (or an explicit `databaseUrl`, e.g. an empty or unreachable one).
 */
export async function startTestApp(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database: TestDatabase | undefined = options.databaseUrl ? undefined : await createTestDatabase(testPostgresAdminUrl());
  const databaseUrl = options.databaseUrl ?? database!.url;
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '4000', ...options.env });
  const app = await createApp(
    config,
    { url: databaseUrl, poolSize: 4, connectionTimeoutMs: 2_000, embedded: false },
    { serveAdminApp: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    app,
    baseUrl,
    databaseUrl,
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlResponse<T>['body'] };
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

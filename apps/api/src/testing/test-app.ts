import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createPrismaClientForTests,
  createTestDatabase,
  testPostgresAdminUrl,
  uniqueSuffix,
  type TestDatabase,
} from '@modelgate/db/testing';
import type { PrismaClient } from '@modelgate/db';
import type { Role } from '@modelgate/domain/auth';
import { hashPassword } from '../auth/password-hasher.js';
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

/** A signed-in browser session as the admin app holds it. */
export type TestSession = { cookie: string; csrfToken: string; userId: string; email: string };

/** A script calling with an API token (`Authorization: Bearer ...`), optionally as the CLI. */
export type TestBearer = { bearer: string; client?: 'cli' };

export type TestUser = { id: string; email: string; password: string };

export type TestApp = {
  app: NestFastifyApplication;
  baseUrl: string;
  /** The database as its owner (superuser): for arranging data and inspecting what changed. */
  prisma: PrismaClient;
  ownerUrl: string;
  /** What the application connects with (the runtime role). */
  databaseUrl: string;
  /** POSTs a GraphQL operation over real HTTP, as `session` when given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    session?: TestSession | TestBearer,
  ): Promise<GraphqlResponse<T>>;
  createUser(options?: { roles?: Role[]; password?: string; teamSlugs?: string[] }): Promise<TestUser>;
  signIn(email: string, password: string): Promise<TestSession>;
  /** A new user with these roles, signed in. */
  signInAs(...roles: Role[]): Promise<TestSession>;
  close(): Promise<void>;
};

const DEFAULT_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

/**
 * The real application on a random port, connected as the runtime role (like production) to its own
 * database copied from the migrated template, or to an explicit `databaseUrl` (empty or unreachable;
 * `ownerUrl`, when given, is what `prisma` arranges data with, else `databaseUrl`).
 */
export async function startTestApp(
  options: { databaseUrl?: string; ownerUrl?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database: TestDatabase | undefined = options.databaseUrl ? undefined : await createTestDatabase(testPostgresAdminUrl());
  const databaseUrl = options.databaseUrl ?? database!.appUrl;
  const ownerUrl = database?.url ?? options.ownerUrl ?? options.databaseUrl!;
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: '4000',
    AUDIT_SIGNING_KEY_FILE: path.join(os.tmpdir(), `modelgate-test-signing-key-${process.pid}.pem`),
    REPORTS_DIR: path.join(os.tmpdir(), `modelgate-test-reports-${process.pid}`),
    // Background jobs only where a test asks for them (JOBS_ENABLED: 'true'): most tests drive services directly.
    JOBS_ENABLED: 'false',
    ...options.env,
  });
  const app = await createApp(
    config,
    {
      url: databaseUrl,
      poolSize: 4,
      // The whole suite shares two cores with browsers and other databases: a slow connection is not a failure.
      connectionTimeoutMs: 15_000,
      embedded: false,
      auditTrailProtection: 'PRIVILEGES_AND_TRIGGERS',
    },
    { serveAdminApp: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const prisma = createPrismaClientForTests(ownerUrl);

  const credentialHeaders = (caller?: TestSession | TestBearer): Record<string, string> => {
    if (!caller) return {};
    if ('bearer' in caller)
      return { authorization: `Bearer ${caller.bearer}`, ...(caller.client ? { 'x-modelgate-client': caller.client } : {}) };
    return { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken };
  };

  const graphql = async <T>(query: string, variables?: Record<string, unknown>, session?: TestSession | TestBearer) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...credentialHeaders(session),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlResponse<T>['body'] };
  };

  const createUser: TestApp['createUser'] = async ({ roles = [], password = DEFAULT_PASSWORD, teamSlugs = [] } = {}) => {
    const email = `user-${uniqueSuffix()}@test.modelgate.local`;
    const passwordHash =
      password === DEFAULT_PASSWORD ? await (cachedHash ??= hashPassword(DEFAULT_PASSWORD)) : await hashPassword(password);
    const user = await prisma.user.create({
      data: {
        email,
        displayName: `Test ${roles.join('+') || 'user'}`,
        roles,
        passwordHash,
        memberships: {
          create: teamSlugs.map((slug) => ({ team: { connectOrCreate: { where: { slug }, create: { slug, name: slug } } } })),
        },
      },
      select: { id: true },
    });
    return { id: user.id, email, password };
  };

  const signIn: TestApp['signIn'] = async (email, password) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { id csrfToken } } }',
        variables: { input: { email, password } },
      }),
    });
    const body = (await response.json()) as {
      data?: { signIn: { viewer: { id: string; csrfToken: string } } };
      errors?: unknown;
    };
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('mg_session='));
    if (!body.data || !setCookie) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
    return {
      cookie: setCookie.split(';')[0]!,
      csrfToken: body.data.signIn.viewer.csrfToken,
      userId: body.data.signIn.viewer.id,
      email,
    };
  };

  return {
    app,
    baseUrl,
    prisma,
    ownerUrl,
    databaseUrl,
    graphql,
    createUser,
    signIn,
    async signInAs(...roles) {
      const user = await createUser({ roles });
      return signIn(user.email, user.password);
    },
    async close() {
      await app.close();
      await prisma.$disconnect();
      await database?.drop();
    },
  };
}

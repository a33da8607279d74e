import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { deployMigrations } from '../migrations.js';
import { ensureRuntimeLogin, RUNTIME_LOGIN } from '../roles.js';

/** A port the OS says is free right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type TestPostgres = {
  /** URL of the `postgres` maintenance database, for creating and dropping test databases. */
  adminUrl: string;
  /** Password of the application's runtime login (no table ownership), the same in every test database. */
  runtimePassword: string;
  /** URL of a database with every migration applied, used as the template for test databases. */
  templateUrl: string;
  stop(): Promise<void>;
};

const TEMPLATE_DATABASE = 'modelgate_template';

/**
 * Starts a throwaway PostgreSQL server for a test run, with a migrated template database. Tests then
 * take their own database with {@link createTestDatabase}, so they can run in parallel.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: TEMPLATE_DATABASE });
  let runtimePassword: string;
  try {
    await deployMigrations(server.url);
    runtimePassword = new URL(await ensureRuntimeLogin(server.url)).password;
  } catch (error) {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: withDatabase(server.url, 'postgres'),
    runtimePassword,
    templateUrl: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type TestDatabase = {
  /** As the owner (superuser): for arranging data and tampering in tests. */
  url: string;
  /** As the application's runtime login, which is what the application connects with. */
  appUrl: string;
  drop(): Promise<void>;
};

/**
 * A fresh database for one test file: a copy of the migrated template (`empty: false`, the default)
 * or an empty one (`empty: true`, for migration tests).
 */
export async function createTestDatabase(
  adminUrl: string,
  {
    empty = false,
    templateDatabase = TEMPLATE_DATABASE,
    runtimePassword = process.env.TEST_PG_RUNTIME_PASSWORD ?? '',
  }: { empty?: boolean; templateDatabase?: string; runtimePassword?: string } = {},
): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const template = empty ? 'template0' : templateDatabase;
  await adminQuery(adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
  const appUrl = new URL(withDatabase(adminUrl, name));
  appUrl.username = RUNTIME_LOGIN;
  appUrl.password = runtimePassword;
  return {
    url: withDatabase(adminUrl, name),
    appUrl: appUrl.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

/** The admin URL that the jest global setup published for this run. */
export function testPostgresAdminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest with the @modelgate/db global setup');
  return url;
}

export type SqlOutcome = { ok: true } | { ok: false; code: string; message: string; constraint?: string };

/** Runs SQL on its own connection and reports PostgreSQL's verdict instead of throwing. */
export async function runSql(url: string, sql: string): Promise<SqlOutcome> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return { ok: true };
  } catch (error) {
    const { code, message, constraint } = error as { code: string; message: string; constraint?: string };
    return { ok: false, code, message, ...(constraint ? { constraint } : {}) };
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` as the database superuser with user triggers off for this connection only, to tamper
 * with append-only tables the way an attacker with database access could.
 */
export async function asSuperuserWithoutTriggers(ownerUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

import { startTestPostgres, type TestPostgres } from './test-database.js';

declare global {
  var modelgateTestPostgres: TestPostgres | undefined;
}

/**
 * Jest globalSetup: one throwaway PostgreSQL per test run, with a migrated template database.
 * Test files create their own database from it (see createTestDatabase) through TEST_PG_ADMIN_URL.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startTestPostgres();
  globalThis.modelgateTestPostgres = server;
  process.env.TEST_PG_ADMIN_URL = server.adminUrl;
  process.env.TEST_PG_RUNTIME_PASSWORD = server.runtimePassword;
}

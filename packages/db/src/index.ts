export {
  connectionConfig,
  createDatabasePool,
  createPrismaAdapter,
  createPrismaClient,
  PREPARED_STATEMENT,
  preparedStatementName,
  TRANSACTION_OPTIONS,
  type DatabaseConnectionOptions,
} from './client.js';
export { Prisma, PrismaClient } from './generated/prisma/client.js';
export type * from './generated/prisma/models.js';
export * from './selects.js';
export { migrationsDir, repositoryRoot } from './paths.js';
export { bulkInsert, columnOf, type RawSqlExecutor } from './bulk-insert.js';

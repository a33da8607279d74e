import 'reflect-metadata';
import path from 'node:path';
import { createApp } from './bootstrap/create-app.js';
import { loadConfig } from './config/app-config.js';

/**
 * Writes the GraphQL schema SDL that the code defines (build step). The admin app generates its
 * types from this file. No database is touched: Prisma connects lazily and nothing queries.
 */
const target = path.resolve(process.argv[2] ?? 'schema.graphql');
const config = loadConfig({
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgresql://schema-only@127.0.0.1:1/none',
  JOBS_ENABLED: 'false',
});
const app = await createApp(
  config,
  { url: config.database.mode === 'external' ? config.database.url : '', embedded: false, auditTrailProtection: 'TRIGGERS_ONLY' },
  {
    schemaFile: target,
    serveAdminApp: false,
  },
);
await app.close();
console.log(`GraphQL schema written to ${path.relative(process.cwd(), target)}`);

#!/usr/bin/env node
// Prints the connection URL of the embedded PostgreSQL that `npm start` runs, for Prisma CLI commands:
//   DATABASE_URL=$(node tools/embedded-db-url.mjs) npx prisma migrate dev --name add_something
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.MODELGATE_DATA_DIR ?? path.join(import.meta.dirname, '..', '.data'));
const port = process.env.EMBEDDED_PG_PORT ?? '54329';
let credentials;
try {
  credentials = JSON.parse(readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8'));
} catch {
  console.error(`No embedded database in ${dataDir} yet: run npm start once first.`);
  process.exit(1);
}
const user = encodeURIComponent(credentials.user);
const password = encodeURIComponent(credentials.password);
console.log(`postgresql://${user}:${password}@127.0.0.1:${port}/modelgate`);

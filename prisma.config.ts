import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 7's CLI downloads a native schema engine on first use, which fails offline and on air-gapped
// installations. We point it at a stand-in that runs the same engine compiled to wasm (see
// packages/db/schema-engine/README.md). An explicit PRISMA_SCHEMA_ENGINE_BINARY still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'packages/db/schema-engine/schema-engine-bridge.mjs');

export default defineConfig({
  schema: path.join(__dirname, 'prisma/schema.prisma'),
  migrations: {
    path: path.join(__dirname, 'prisma/migrations'),
  },
  datasource: {
    // Not env('DATABASE_URL'): that throws when unset, and `prisma generate` must work without a database.
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/modelgate',
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});

export { createPrismaClient, type CreatePrismaClientOptions } from './client.js';
export { Prisma, PrismaClient } from './generated/prisma/client.js';
export * from './selects.js';
export { migrationsDir, repositoryRoot } from './paths.js';

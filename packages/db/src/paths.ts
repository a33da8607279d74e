import path from 'node:path';

/** The repository (or image) root: this file lives in packages/db/{src,dist}/. */
export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const prismaConfigPath = path.join(repositoryRoot, 'prisma.config.ts');
export const migrationsDir = path.join(repositoryRoot, 'prisma', 'migrations');

import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository (or image) root: this file lives in packages/db/{src,dist}/. */
export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const prismaConfigPath = path.join(repositoryRoot, 'prisma.config.ts');
export const migrationsDir = path.join(repositoryRoot, 'prisma', 'migrations');

/** The API's production build, which `npm start`, the Dockerfile, the bench and the e2e tests start. */
export const apiMainScript = path.join(repositoryRoot, 'apps', 'api', 'dist', 'main.js');

/**
 * The Node.js flags of the API's production start command (`node <flags> dist/main.js`, apps/api's `start` script,
 * which the Dockerfile and `npm start` repeat), so whatever starts the build starts it as it is shipped.
 */
export function apiProductionNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'apps', 'api', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /^node((?:\s+--\S+)*)\s+dist\/main\.js$/.exec(manifest.scripts.start.trim());
  if (!match) throw new Error(`apps/api's start script is not "node [--flags] dist/main.js": ${manifest.scripts.start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

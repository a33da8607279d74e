import { access } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Modelgate</title></head>
<body><h1>Modelgate API is running</h1><p>The admin app is not built. Run <code>npm run build</code>, then restart.
The GraphQL API answers at <code>/graphql</code>.</p></body></html>`;

/**
 * Serves the built admin app from the same origin as the API. Files are registered one route each
 * (`wildcard: false`); any other GET path without a file extension gets index.html so deep links
 * work, while a missing asset stays a 404. The build writes Brotli and gzip copies beside each text file
 * (apps/admin/scripts/precompress.mjs); a browser that accepts one gets it, others the file itself.
 */
export async function registerAdminApp(app: NestFastifyApplication, distDir: string): Promise<'served' | 'not-built'> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = await access(path.join(distDir, 'index.html')).then(
    () => true,
    () => false,
  );
  if (!built) {
    fastify.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
    return 'not-built';
  }

  await fastify.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    // Vite fingerprints everything under assets/, so those files never change.
    setHeaders: (res, filePath) => {
      void res.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: { header(k: string, v: string): unknown; sendFile(file: string): unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.get('/*', (request, reply) => {
    const lastSegment = request.url.split('?')[0]?.split('/').at(-1) ?? '';
    if (lastSegment.includes('.')) {
      return reply
        .code(404)
        .type('application/json')
        .send({ statusCode: 404, error: 'Not Found', message: `No file ${request.url}` });
    }
    return sendIndex(reply);
  });
  return 'served';
}

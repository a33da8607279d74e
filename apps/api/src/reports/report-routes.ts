import type { OutgoingHttpHeaders } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorCode, isDomainError } from '@modelgate/domain/errors';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SigningKeyStore } from '../audit/signing-key.store.js';
import { sendFileBody } from './file-chunks.js';
import { ReportExportsService } from './report-exports.service.js';

export const SIGNING_KEY_PATH = '/api/v1/reports/signing-key.pem';
export const bundlePathOf = (exportId: string) => `/api/v1/reports/exports/${exportId}/bundle`;

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
};

function fail(reply: FastifyReply, code: string, message: string) {
  return reply.status(STATUS_BY_CODE[code] ?? 500).send({ errors: [{ message, extensions: { code } }] });
}

/**
 * Plain HTTP for files: the bundle of a ready export (for its requester, session or token with
 * `reports:read`), and the instance's public signing key (public by nature, no sign-in needed).
 */
export function registerReportRoutes(fastify: FastifyInstance, app: NestFastifyApplication): void {
  const exports = app.get(ReportExportsService);
  const keys = app.get(SigningKeyStore);

  fastify.get(SIGNING_KEY_PATH, async (_request, reply) => {
    const key = await keys.get();
    return reply
      .type('application/x-pem-file')
      .header('content-disposition', `attachment; filename="modelgate-signing-key-${key.keyId.slice(0, 12)}.pem"`)
      .send(key.publicKeyPem);
  });

  fastify.get<{ Params: { id: string } }>('/api/v1/reports/exports/:id/bundle', async (request, reply) => {
    const actor = request.actor;
    if (!actor || actor.credentialError || actor.principal.kind === 'anonymous') {
      return fail(reply, ErrorCode.Unauthenticated, actor?.credentialError ?? 'Sign in, or send an API token with reports:read.');
    }
    if (!actor.ability.can('read', 'Report')) {
      return fail(reply, ErrorCode.Forbidden, 'Downloading reports needs the reports:read permission.');
    }
    let opened: Awaited<ReturnType<ReportExportsService['openBundle']>>;
    try {
      opened = await exports.openBundle(request.params.id, actor);
    } catch (error) {
      if (isDomainError(error)) return fail(reply, error.code, error.message);
      request.log.error({ err: error }, 'report download failed');
      return fail(reply, ErrorCode.Internal, 'The download failed.');
    }
    const { row, file, bytes } = opened;
    // Written here rather than by reply.send(stream): a file stream allocates a fresh buffer per 64 KB, and sending a
    // 100 MB bundle that way set off the full garbage collections that held every other request (`sendFileBody`).
    reply.hijack();
    try {
      reply
        .type('application/zip')
        .header('content-length', bytes)
        .header('content-disposition', `attachment; filename="${row.fileName}"`)
        .header('x-content-sha256', row.sha256 ?? '');
      // With the headers set for every response (security, CORS, rate limit), which a hijacked reply would not send.
      reply.raw.writeHead(200, reply.getHeaders() as OutgoingHttpHeaders);
      if (request.method === 'HEAD') reply.raw.end();
      else await sendFileBody(reply.raw, file, bytes);
    } catch (error) {
      request.log.warn({ err: error }, 'report download interrupted');
      reply.raw.destroy();
    } finally {
      await file.close();
    }
  });
}

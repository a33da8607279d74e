import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/** One log line per request instead of Fastify's two; liveness and readiness probes stay quiet. */
export class RequestLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: (request: FastifyRequest) => PROBE_PATHS.has(request.url) });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import { ErrorCode } from '@modelgate/domain/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../../config/app-config.js';

/** Probes must keep answering however busy a caller is. */
const RATE_LIMIT_EXEMPT_ROUTES = new Set(['/healthz', '/readyz']);

/** Thrown by the rate limiter; the GraphQL error formatter turns its 429 into `RATE_LIMITED`. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  readonly code = ErrorCode.RateLimited;

  constructor(retryIn: string) {
    super(`Too many requests. Try again in ${retryIn}.`);
    this.name = 'RateLimitedError';
  }
}

/**
 * Who a request counts against: the signed-in principal when authentication has named one, else the
 * client address (IPv6 by /64, as one host usually holds a whole subnet).
 */
export function rateLimitKey(request: Pick<FastifyRequest, 'ip' | 'principalKey'>): string {
  return request.principalKey ? request.principalKey : `ip:${normalizeIP(request.ip)}`;
}

const SECURITY_HEADERS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      // Mantine writes <style> elements and style attributes at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // No upgrade-insecure-requests: instances are often reached over plain HTTP on an internal host.
    },
  },
  xFrameOptions: { action: 'deny' },
  // Only sent over HTTPS by browsers' rules; subdomains are not ours to pin.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
};

/**
 * The headers helmet sets for `options`, worked out once. They do not depend on the request (no CSP nonces), and
 * @fastify/helmet built helmet's whole middleware again for every request: about 3% of a GraphQL list request's CPU.
 */
function securityHeadersOf(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw new Error('helmet could not build the security headers', { cause: error });
  });
  return headers;
}

/**
 * Security headers, CORS and rate limits for every route. Register before any route: the rate limiter
 * attaches itself to routes as they are added. It runs as a route-level onRequest hook, that is after
 * every instance-level onRequest hook, so an authentication hook that sets `request.principalKey` must
 * be an instance-level onRequest hook to be counted per principal.
 */
export async function registerHttpSecurity(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const securityHeaders = securityHeadersOf(SECURITY_HEADERS);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  if (config.security.corsOrigins.length > 0) {
    await fastify.register(fastifyCors, {
      origin: [...config.security.corsOrigins],
      methods: ['GET', 'HEAD', 'POST'],
      maxAge: 600,
    });
  }

  await fastify.register(fastifyRateLimit, {
    global: true,
    hook: 'onRequest',
    max: config.security.rateLimit.max,
    timeWindow: config.security.rateLimit.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (request) => RATE_LIMIT_EXEMPT_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after),
  });
}

import fastifyCookie from '@fastify/cookie';
import { anonymous, Channel, defineAbilitiesFor } from '@modelgate/domain/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor.js';

declare module 'fastify' {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    /** Who is calling; resolved once per API request from the session cookie. */
    actor?: Actor;
  }
}

export type ActorResolver = (request: FastifyRequest) => Promise<Actor>;

const anonymousAbility = defineAbilitiesFor(anonymous);

/** The actor of a request that carried no credentials (or was not resolved). */
export function anonymousActor(request: FastifyRequest): Actor {
  const userAgent = request.headers['user-agent'];
  return {
    principal: anonymous,
    ability: anonymousAbility,
    channel: request.headers['x-modelgate-client'] === 'cli' ? Channel.Cli : Channel.Api,
    requestId: request.id,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    csrfToken: null,
  };
}

/**
 * Parses cookies and resolves the caller of every API request in an instance-level onRequest hook,
 * before the rate limiter runs, so limits apply per user rather than per address. The resolver is
 * bound after Nest has built its providers.
 */
export async function registerActorResolution(fastify: FastifyInstance): Promise<(resolver: ActorResolver) => void> {
  let resolve: ActorResolver | undefined;
  await fastify.register(fastifyCookie);
  fastify.addHook('onRequest', async (request) => {
    if (!resolve || !(request.url.startsWith('/graphql') || request.url.startsWith('/api/'))) return;
    const actor = await resolve(request);
    request.actor = actor;
    const { principal } = actor;
    if (principal.kind === 'user') request.principalKey = `user:${principal.userId}`;
    else if (principal.kind === 'token') request.principalKey = `token:${principal.tokenId}`;
  });
  return (resolver) => {
    resolve = resolver;
  };
}

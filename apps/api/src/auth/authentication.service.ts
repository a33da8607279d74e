import { Injectable } from '@nestjs/common';
import { anonymous, Channel, defineAbilitiesFor, type Principal } from '@modelgate/domain/auth';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor.js';
import { userPrincipal } from './principal.factory.js';
import { SessionsRepository } from './sessions.repository.js';
import { csrfTokenFor, hashSecret, SESSION_COOKIE } from './session-token.js';

/** Turns a request's session cookie into the Actor that every resolver and audit event sees. */
@Injectable()
export class AuthenticationService {
  constructor(private readonly sessions: SessionsRepository) {}

  async actorFor(request: FastifyRequest): Promise<Actor> {
    const secret = request.cookies?.[SESSION_COOKIE];
    let principal: Principal = anonymous;
    let csrfToken: string | null = null;
    if (secret) {
      const session = await this.sessions.findLiveByTokenHash(hashSecret(secret), new Date());
      if (session) {
        principal = userPrincipal(session.user, session.id);
        csrfToken = csrfTokenFor(secret);
      }
    }
    const client = request.headers['x-modelgate-client'];
    const channel = client === 'cli' ? Channel.Cli : principal.kind === 'user' ? Channel.AdminApp : Channel.Api;
    const userAgent = request.headers['user-agent'];
    return {
      principal,
      ability: defineAbilitiesFor(principal),
      channel,
      requestId: request.id,
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : null,
      csrfToken,
    };
  }
}

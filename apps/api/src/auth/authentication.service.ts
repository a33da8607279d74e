import { Injectable } from '@nestjs/common';
import {
  anonymous,
  apiTokenState,
  Channel,
  defineAbilitiesFor,
  hashApiToken,
  isWellFormedApiToken,
  type AppAbility,
  type Principal,
} from '@modelgate/domain/auth';
import type { FastifyRequest } from 'fastify';
import { ApiTokensRepository } from '../api-tokens/api-tokens.repository.js';
import type { Actor } from '../common/auth/actor.js';
import { userPrincipal } from './principal.factory.js';
import { SessionsRepository } from './sessions.repository.js';
import { csrfTokenFor, hashSecret, SESSION_COOKIE } from './session-token.js';

/** lastUsedAt is a hint for people, not a log: one write per token per minute at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

type Credentials = { principal: Principal; csrfToken: string | null; credentialError?: string };

/**
 * Abilities by principal: a pure function of it, and costly to build on every request (an API token asks the CI gate
 * hundreds of times a second). Keyed by the whole principal, so a changed scope, role or team builds a new one.
 */
const MAX_CACHED_ABILITIES = 1_000;

/**
 * Turns a request's credentials into the Actor that every resolver and audit event sees: an
 * `Authorization: Bearer mgt_...` API token when present (the cookie is then ignored), otherwise the
 * session cookie.
 */
@Injectable()
export class AuthenticationService {
  private readonly abilities = new Map<string, AppAbility>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly apiTokens: ApiTokensRepository,
  ) {}

  async actorFor(request: FastifyRequest): Promise<Actor> {
    const authorization = request.headers.authorization;
    const { principal, csrfToken, credentialError } =
      typeof authorization === 'string' && authorization.trim() !== ''
        ? await this.fromAuthorizationHeader(authorization)
        : await this.fromSessionCookie(request.cookies?.[SESSION_COOKIE]);
    const client = request.headers['x-modelgate-client'];
    const channel = client === 'cli' ? Channel.Cli : principal.kind === 'user' ? Channel.AdminApp : Channel.Api;
    const userAgent = request.headers['user-agent'];
    return {
      principal,
      ability: this.abilityOf(principal),
      channel,
      requestId: request.id,
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : null,
      csrfToken,
      ...(credentialError ? { credentialError } : {}),
    };
  }

  private abilityOf(principal: Principal): AppAbility {
    const key = JSON.stringify(principal);
    let ability = this.abilities.get(key);
    if (!ability) {
      ability = defineAbilitiesFor(principal);
      if (this.abilities.size >= MAX_CACHED_ABILITIES) this.abilities.clear();
      this.abilities.set(key, ability);
    }
    return ability;
  }

  private async fromSessionCookie(secret: string | undefined): Promise<Credentials> {
    if (!secret) return { principal: anonymous, csrfToken: null };
    const session = await this.sessions.findLiveByTokenHash(hashSecret(secret), new Date());
    if (!session) return { principal: anonymous, csrfToken: null };
    return { principal: userPrincipal(session.user, session.id), csrfToken: csrfTokenFor(secret) };
  }

  /** Bearer callers need no CSRF token: browsers never attach an Authorization header on their own. */
  private async fromAuthorizationHeader(header: string): Promise<Credentials> {
    const refused = (credentialError: string): Credentials => ({ principal: anonymous, csrfToken: null, credentialError });
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
    if (!match) return refused('The Authorization header must be "Bearer <API token>".');
    const token = match[1]!;
    if (!isWellFormedApiToken(token)) return refused('The API token is not valid: it is not a Modelgate API token (mgt_...).');

    const credential = await this.apiTokens.findCredentialByHash(hashApiToken(token));
    if (!credential) return refused('The API token is not valid: no such token.');
    const now = new Date();
    const state = apiTokenState(credential, now);
    if (state === 'revoked') return refused('The API token has been revoked.');
    if (state === 'expired') return refused(`The API token expired at ${credential.expiresAt.toISOString()}.`);
    if (credential.user?.disabledAt) return refused('The API token belongs to a disabled user.');

    const notBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (!credential.lastUsedAt || credential.lastUsedAt < notBefore) {
      await this.apiTokens.touchLastUsed(credential.id, now, notBefore);
    }
    return {
      principal: {
        kind: 'token',
        tokenId: credential.id,
        tokenName: credential.name,
        scopes: credential.scopes,
        userId: credential.userId,
        teamId: credential.teamId,
      },
      csrfToken: null,
    };
  }
}

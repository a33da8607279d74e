import { Inject, Injectable, Logger } from '@nestjs/common';
import { Channel } from '@modelgate/domain/auth';
import type { FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import type { AppConfig, OidcConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PrismaService } from '../../database/prisma.service.js';
import { anonymousActor } from '../../bootstrap/request-actor.js';
import { AuthService } from '../auth.service.js';
import { identityFrom, mapGroups, type OidcIdentity } from './oidc-claims.js';
import { LoginCookieSigner, OIDC_LOGIN_TTL_MS, type PendingLogin } from './oidc-login-cookie.js';
import { OidcUsersRepository, type OidcUser } from './oidc-users.repository.js';

/** Why a sign-in was refused; the admin app shows a message per code (`/sign-in?error=<code>`). */
export type OidcRefusal = 'sso_state' | 'sso_failed' | 'sso_no_role' | 'sso_disabled' | 'sso_account_conflict';

export type OidcCallbackResult = { ok: true; sessionSecret: string; expiresAt: Date } | { ok: false; error: OidcRefusal };

class Refused extends Error {
  constructor(
    readonly error: OidcRefusal,
    readonly reason: string,
    readonly entityId: string | null = null,
  ) {
    super(reason);
  }
}

const accessView = (user: Pick<OidcUser, 'roles' | 'memberships'>) => ({
  roles: [...user.roles].sort(),
  teams: user.memberships.map((m) => m.team.slug).sort(),
});

@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly signer = new LoginCookieSigner();
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly users: OidcUsersRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  /** The actor of a browser sign-in request: anonymous, through the admin app. */
  actorFor(request: FastifyRequest): Actor {
    return { ...anonymousActor(request), channel: Channel.AdminApp };
  }

  /** Where to send the browser, and the sealed pending login to keep in its cookie. */
  async startLogin(): Promise<{ url: URL; cookie: string }> {
    const oidc = this.required();
    const configuration = await this.configuration();
    const login: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      expiresAt: Date.now() + OIDC_LOGIN_TTL_MS,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUrl,
      scope: oidc.scopes.join(' '),
      state: login.state,
      nonce: login.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, cookie: this.signer.seal(login) };
  }

  /**
   * Finishes a sign-in: checks the answer against the pending login, redeems the code, then finds,
   * links or provisions the user, applies the roles and teams their groups grant, and opens a session,
   * all in one transaction with its audit events. Every refusal is audited.
   */
  async finishLogin(request: FastifyRequest, loginCookie: string | undefined): Promise<OidcCallbackResult> {
    const oidc = this.required();
    const actor = this.actorFor(request);
    try {
      const login = this.signer.open(loginCookie);
      if (!login) throw new Refused('sso_state', 'single sign-on: no pending login in this browser, or it expired');
      const query = new URL(request.url, 'http://callback.invalid').searchParams;
      if (query.get('state') !== login.state) throw new Refused('sso_state', 'single sign-on: state does not match');
      if (query.has('error'))
        throw new Refused(
          'sso_failed',
          `single sign-on: provider answered ${query.get('error')} ${query.get('error_description') ?? ''}`.trim(),
        );
      const identity = await this.redeem(oidc, login, query);
      return await this.signInAs(oidc, identity, actor);
    } catch (error) {
      const refused =
        error instanceof Refused
          ? error
          : new Refused('sso_failed', `single sign-on: ${error instanceof Error ? error.message : String(error)}`);
      if (!(error instanceof Refused)) this.logger.warn(refused.reason);
      await this.audit.recordAlone(actor, {
        action: 'auth.sign_in_failed',
        entityType: 'User',
        entityId: refused.entityId,
        after: { method: 'oidc', issuer: oidc.issuerUrl },
        outcome: 'DENIED',
        reason: refused.reason,
      });
      return { ok: false, error: refused.error };
    }
  }

  private async redeem(oidc: OidcConfig, login: PendingLogin, query: URLSearchParams): Promise<OidcIdentity> {
    const configuration = await this.configuration();
    const callbackUrl = new URL(oidc.redirectUrl);
    callbackUrl.search = query.toString();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    // Providers put profile and group claims in the ID token or only in userinfo; read both.
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    const issuer = configuration.serverMetadata().issuer;
    return identityFrom({ ...userInfo, ...idClaims }, issuer, oidc.groupsClaim);
  }

  private async signInAs(oidc: OidcConfig, identity: OidcIdentity, actor: Actor): Promise<OidcCallbackResult> {
    const { roles, teamSlugs } = mapGroups(identity.groups, oidc);
    const session = await this.prisma.$transaction(async (tx) => {
      let user = await this.users.findBySubject(tx, identity.issuer, identity.subject);
      if (!user) {
        if (!identity.email) throw new Refused('sso_failed', 'single sign-on: the provider sent no e-mail address');
        const byEmail = await this.users.findByEmail(tx, identity.email);
        if (byEmail && (byEmail.oidcSubject || !identity.emailVerified))
          throw new Refused(
            'sso_account_conflict',
            byEmail.oidcSubject
              ? 'single sign-on: the e-mail address belongs to an account linked to another identity'
              : 'single sign-on: the e-mail address is not verified by the provider, so it is not linked to the existing account',
            byEmail.id,
          );
        if (byEmail && !byEmail.disabledAt && roles.length > 0) {
          user = await this.users.link(tx, byEmail.id, identity.issuer, identity.subject);
          await this.audit.record(tx, actor, {
            action: 'user.update',
            entityType: 'User',
            entityId: user.id,
            before: { oidcIssuer: null, oidcSubject: null },
            after: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
            reason: 'linked to single sign-on by verified e-mail',
          });
        } else if (byEmail) {
          user = byEmail;
        }
      }
      if (user?.disabledAt) throw new Refused('sso_disabled', 'single sign-on: account disabled', user.id);
      if (roles.length === 0)
        throw new Refused(
          'sso_no_role',
          `single sign-on: groups [${identity.groups.join(', ')}] grant no role`,
          user?.id ?? null,
        );
      if (!user) {
        user = await this.users.create(tx, {
          email: identity.email!,
          displayName: (identity.displayName ?? identity.email!).slice(0, 200),
          oidcIssuer: identity.issuer,
          oidcSubject: identity.subject,
        });
        await this.audit.record(tx, actor, {
          action: 'user.create',
          entityType: 'User',
          entityId: user.id,
          after: { email: user.email, displayName: user.displayName, oidcIssuer: identity.issuer, passwordSet: false },
          reason: 'provisioned by single sign-on',
        });
      }
      const teams = await this.users.findTeamIdsBySlugs(tx, teamSlugs);
      const before = accessView(user);
      const wanted = { roles, teams: teams.map((team) => team.slug) };
      if (JSON.stringify(before) !== JSON.stringify(wanted)) {
        user = await this.users.setAccess(
          tx,
          user.id,
          roles,
          teams.map((team) => team.id),
        );
        await this.audit.record(tx, actor, {
          action: 'user.update',
          entityType: 'User',
          entityId: user.id,
          before,
          after: accessView(user),
          reason: `roles and teams from single sign-on groups [${identity.groups.join(', ')}]`,
        });
      }
      return this.auth.startSession(tx, user, actor, 'oidc');
    });
    return { ok: true, sessionSecret: session.sessionSecret, expiresAt: session.expiresAt };
  }

  private required(): OidcConfig {
    if (!this.config.oidc) throw new Error('single sign-on is not configured');
    return this.config.oidc;
  }

  /** Discovered on first use and kept; a failed discovery is retried on the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    const oidc = this.required();
    this.discovered ??= client
      .discovery(
        new URL(oidc.issuerUrl),
        oidc.clientId,
        undefined,
        oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
        new URL(oidc.issuerUrl).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }
}

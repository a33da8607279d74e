import { Inject, Injectable } from '@nestjs/common';
import { defineAbilitiesFor, lockoutAfterFailure, type Principal } from '@modelgate/domain/auth';
import { ForbiddenError, UnauthenticatedError } from '@modelgate/domain/errors';
import type { Tx } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { verifyAgainstDummy, verifyPassword } from './password-hasher.js';
import { userPrincipal } from './principal.factory.js';
import { SessionsRepository } from './sessions.repository.js';
import { csrfTokenFor, hashSecret, newSessionSecret } from './session-token.js';
import { UsersRepository, type UserIdentity } from './users.repository.js';

// One message for every failure, so sign-in does not reveal which accounts exist or are locked.
const SIGN_IN_FAILED = 'The e-mail or password is wrong, or the account is locked after too many attempts. Try again later.';

export type SignedIn = { user: UserIdentity; sessionSecret: string; csrfToken: string; expiresAt: Date };

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async signIn(input: { email: string; password: string }, actor: Actor): Promise<SignedIn> {
    if (!this.config.auth.localAccountsEnabled) {
      await this.audit.recordAlone(actor, {
        action: 'auth.sign_in_failed',
        entityType: 'User',
        after: { email: input.email },
        outcome: 'DENIED',
        reason: 'local accounts are disabled',
      });
      throw new ForbiddenError('Sign-in with e-mail and password is turned off here. Use single sign-on.');
    }
    const now = new Date();
    const user = await this.users.findIdentityByEmail(input.email);
    const failed = (reason: string, entityId: string | null = null) =>
      this.audit.recordAlone(actor, {
        action: 'auth.sign_in_failed',
        entityType: 'User',
        entityId,
        after: { email: input.email },
        outcome: 'DENIED',
        reason,
      });

    if (!user || !user.passwordHash || user.disabledAt) {
      await verifyAgainstDummy(input.password);
      await failed(
        !user ? 'unknown account' : user.disabledAt ? 'account disabled' : 'account has no password (single sign-on only)',
        user?.id,
      );
      throw new UnauthenticatedError(SIGN_IN_FAILED);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await failed(`account locked until ${user.lockedUntil.toISOString()}`, user.id);
      throw new UnauthenticatedError(SIGN_IN_FAILED);
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      const next = lockoutAfterFailure(user.failedSignInCount, now);
      await this.prisma.$transaction(async (tx) => {
        await this.users.recordFailedSignIn(tx, user.id, next.failedCount, next.lockedUntil);
        const reason = next.lockedUntil
          ? `wrong password; account locked until ${next.lockedUntil.toISOString()}`
          : 'wrong password';
        await this.audit.record(tx, actor, {
          action: 'auth.sign_in_failed',
          entityType: 'User',
          entityId: user.id,
          before: { failedSignInCount: user.failedSignInCount, lockedUntil: user.lockedUntil },
          after: { email: input.email, failedSignInCount: next.failedCount, lockedUntil: next.lockedUntil },
          outcome: 'DENIED',
          reason,
        });
      });
      throw new UnauthenticatedError(SIGN_IN_FAILED);
    }

    const { sessionSecret, csrfToken, expiresAt } = await this.prisma.$transaction((tx) =>
      this.startSession(tx, user, actor, 'password', now),
    );
    return { user, sessionSecret, csrfToken, expiresAt };
  }

  /**
   * Opens a session for a user who proved who they are (password or single sign-on), inside the
   * caller's transaction: session row, sign-in bookkeeping and the `auth.sign_in` audit event.
   */
  async startSession(tx: Tx, user: UserIdentity, actor: Actor, method: 'password' | 'oidc', now = new Date()) {
    const sessionSecret = newSessionSecret();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlHours * 3_600_000);
    const session = await this.sessions.create(tx, {
      tokenHash: hashSecret(sessionSecret),
      userId: user.id,
      expiresAt,
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    await this.users.recordSignIn(tx, user.id, now);
    const principal: Principal = userPrincipal(user, session.id);
    await this.audit.record(
      tx,
      { ...actor, principal, ability: defineAbilitiesFor(principal) },
      {
        action: 'auth.sign_in',
        entityType: 'Session',
        entityId: session.id,
        after: { userId: user.id, method, expiresAt },
      },
    );
    return { sessionSecret, csrfToken: csrfTokenFor(sessionSecret), expiresAt };
  }

  /** Ends the caller's session server-side: the cookie is worthless afterwards. */
  async signOut(actor: Actor): Promise<boolean> {
    const { principal } = actor;
    if (principal.kind !== 'user') return false;
    await this.prisma.$transaction(async (tx) => {
      await this.sessions.revoke(tx, principal.sessionId, new Date());
      await this.audit.record(tx, actor, { action: 'auth.sign_out', entityType: 'Session', entityId: principal.sessionId });
    });
    return true;
  }

  async viewer(actor: Actor): Promise<UserIdentity | null> {
    return actor.principal.kind === 'user' ? this.users.findIdentityById(actor.principal.userId) : null;
  }
}

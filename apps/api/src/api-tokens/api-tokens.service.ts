import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  apiTokenExpiry,
  apiTokenPrefix,
  formatApiToken,
  hashApiToken,
  scopesBeyond,
  type CreateApiTokenInput,
} from '@modelgate/domain/auth';
import { ForbiddenError, NotFoundError, ValidationError } from '@modelgate/domain/errors';
import { AuditService } from '../audit/audit.service.js';
import { AccessRefusals } from '../common/auth/access-refusals.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { ApiTokensRepository, type ApiTokenRow, type ApiTokenVisibility } from './api-tokens.repository.js';

/** What the audit trail keeps of a token: never its secret or hash. */
const auditView = (row: ApiTokenRow) => ({
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  userId: row.userId,
  teamId: row.teamId,
  expiresAt: row.expiresAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const asSubject = (row: ApiTokenRow) => subject('ApiToken', { id: row.id, userId: row.userId, teamId: row.teamId });

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
    private readonly refusals: AccessRefusals,
  ) {}

  /**
   * A token bound to the caller, or to `teamId`. People other than admins may bind only to a team
   * they belong to, and grant only scopes whose abilities they hold themselves.
   */
  async create(actor: Actor, input: CreateApiTokenInput): Promise<{ secret: string; token: ApiTokenRow }> {
    const { principal, ability } = actor;
    if (principal.kind !== 'user') return this.deny(actor, 'Mutation.createApiToken', 'only people create tokens');
    const isAdmin = ability.can('manage', 'ApiToken');
    if (input.teamId && !isAdmin && !principal.teamIds.includes(input.teamId)) {
      return this.deny(
        actor,
        'Mutation.createApiToken',
        `not a member of team ${input.teamId}`,
        'You can bind a token only to a team you belong to.',
      );
    }
    const beyond = scopesBeyond(ability, input.scopes);
    if (beyond.length > 0) {
      return this.deny(
        actor,
        'Mutation.createApiToken',
        `scopes beyond own abilities: ${beyond.join(', ')}`,
        `You cannot grant scopes you do not have yourself: ${beyond.join(', ')}.`,
      );
    }
    if (input.teamId && !(await this.tokens.teamExists(input.teamId))) {
      throw new ValidationError([{ field: 'input.teamId', reason: 'no such team' }]);
    }

    const secret = formatApiToken(randomBytes(32));
    const token = await this.prisma.$transaction(async (tx) => {
      const row = await this.tokens.create(tx, {
        name: input.name,
        prefix: apiTokenPrefix(secret),
        tokenHash: hashApiToken(secret),
        scopes: input.scopes,
        userId: input.teamId ? null : principal.userId,
        teamId: input.teamId,
        createdById: principal.userId,
        expiresAt: apiTokenExpiry(new Date(), input.expiresInDays),
      });
      await this.audit.record(tx, actor, {
        action: 'api_token.create',
        entityType: 'ApiToken',
        entityId: row.id,
        after: auditView(row),
      });
      return row;
    });
    return { secret, token };
  }

  /** Revoking a revoked token returns it unchanged. Tokens the caller cannot see are "not found". */
  async revoke(actor: Actor, id: string): Promise<ApiTokenRow> {
    const existing = await this.tokens.findById(id);
    if (!existing || !actor.ability.can('read', asSubject(existing))) throw new NotFoundError('API token', id);
    if (!actor.ability.can('delete', asSubject(existing))) {
      return this.deny(actor, 'Mutation.revokeApiToken', `cannot revoke token ${id}`);
    }
    if (existing.revokedAt) return existing;
    return this.prisma.$transaction(async (tx) => {
      const revoked = (await this.tokens.revoke(tx, id, new Date())) ?? existing;
      await this.audit.record(tx, actor, {
        action: 'api_token.revoke',
        entityType: 'ApiToken',
        entityId: id,
        before: auditView(existing),
        after: auditView(revoked),
      });
      return revoked;
    });
  }

  async list(actor: Actor): Promise<ApiTokenRow[]> {
    const visibility = visibilityOf(actor);
    return visibility ? this.tokens.findManyVisible(visibility) : [];
  }

  private deny(actor: Actor, operation: string, reason: string, message?: string): Promise<never> {
    return this.refusals.refuse(actor, operation, reason, new ForbiddenError(message));
  }
}

/** An unconditional rule (admins' `manage`, auditors' `read all`) shows every token; otherwise the caller's and their teams'. */
export function visibilityOf(actor: Actor): ApiTokenVisibility | null {
  const { principal, ability } = actor;
  const unconditional = ability.rulesFor('read', 'ApiToken').some((rule) => !rule.inverted && !rule.conditions);
  if (unconditional) return { all: true };
  if (principal.kind !== 'user') return null;
  return { all: false, userId: principal.userId, teamIds: principal.teamIds };
}

import { Injectable } from '@nestjs/common';
import { Prisma, PREPARED_STATEMENT } from '@modelgate/db';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { StatementTexts } from '../database/statement-texts.js';

export const apiTokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  userId: true,
  teamId: true,
  createdById: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  user: { select: { email: true } },
  team: { select: { name: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenRow = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenSelect }>;

/** What authenticating a request needs of a token: its grant, its state, and whether its owner is disabled. */
export type ApiTokenCredential = Pick<
  ApiTokenRow,
  'id' | 'name' | 'scopes' | 'userId' | 'teamId' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'
> & { user: { disabledAt: Date | null } | null };

type CredentialRow = Omit<ApiTokenCredential, 'user'> & { ownerDisabledAt: Date | null };

/** Which tokens a list may show: all of them, or those bound to a user or one of their teams. */
export type ApiTokenVisibility = { all: true } | { all: false; userId: string; teamIds: readonly string[] };

/** Most tokens a list returns; people hold a handful each. */
export const API_TOKEN_LIST_LIMIT = 500;

@Injectable()
export class ApiTokensRepository {
  private readonly statements = new StatementTexts();

  constructor(private readonly prisma: PrismaService) {}

  create(
    tx: Tx,
    data: {
      name: string;
      prefix: string;
      tokenHash: string;
      scopes: string[];
      userId: string | null;
      teamId: string | null;
      createdById: string;
      expiresAt: Date;
    },
  ): Promise<ApiTokenRow> {
    return tx.apiToken.create({ data, select: apiTokenSelect });
  }

  findById(id: string, tx: Tx = this.prisma): Promise<ApiTokenRow | null> {
    return tx.apiToken.findUnique({ where: { id }, select: apiTokenSelect });
  }

  /** Newest first. */
  findManyVisible(visibility: ApiTokenVisibility): Promise<ApiTokenRow[]> {
    return this.prisma.apiToken.findMany({
      select: apiTokenSelect,
      where: visibility.all ? {} : { OR: [{ userId: visibility.userId }, { teamId: { in: [...visibility.teamIds] } }] },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: API_TOKEN_LIST_LIMIT,
    });
  }

  teamExists(teamId: string): Promise<boolean> {
    return this.prisma.team.count({ where: { id: teamId } }).then((n) => n > 0);
  }

  /** Only when not already revoked, so a concurrent revoke keeps the first time. */
  async revoke(tx: Tx, id: string, at: Date): Promise<ApiTokenRow | null> {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return count === 0 ? null : this.findById(id, tx);
  }

  /**
   * Any token with this hash, live or not, so the caller can say why it is refused. Every API request asks
   * this, so the token and its owner come in one statement, read fresh each time: revoking takes effect at once.
   * It runs on the driver, past Prisma's raw-query path (see PrismaService.driverQuery).
   */
  async findCredentialByHash(tokenHash: string): Promise<ApiTokenCredential | null> {
    const [row] = await this.prisma.driverQuery<CredentialRow>(
      this.statements.of(
        'credentialByHash',
        Prisma.sql`${Prisma.raw(PREPARED_STATEMENT)}
      SELECT t.id, t.name, COALESCE(t.scopes, '{}') AS scopes, t.user_id AS "userId", t.team_id AS "teamId",
             t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt",
             u.disabled_at AS "ownerDisabledAt"
      FROM api_token t LEFT JOIN app_user u ON u.id = t.user_id
      WHERE t.token_hash = ${tokenHash}`,
      ),
    );
    if (!row) return null;
    const { ownerDisabledAt, ...token } = row;
    return { ...token, user: token.userId === null ? null : { disabledAt: ownerDisabledAt } };
  }

  /** Sets lastUsedAt unless it is already later than `notBefore` (another instance just did). */
  async touchLastUsed(id: string, at: Date, notBefore: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: notBefore } }] },
      data: { lastUsedAt: at },
    });
  }
}

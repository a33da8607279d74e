import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';

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

const apiTokenCredentialSelect = {
  id: true,
  name: true,
  scopes: true,
  userId: true,
  teamId: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  user: { select: { disabledAt: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenCredential = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenCredentialSelect }>;

/** Which tokens a list may show: all of them, or those bound to a user or one of their teams. */
export type ApiTokenVisibility = { all: true } | { all: false; userId: string; teamIds: readonly string[] };

/** Most tokens a list returns; people hold a handful each. */
export const API_TOKEN_LIST_LIMIT = 500;

@Injectable()
export class ApiTokensRepository {
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

  /** Any token with this hash, live or not, so the caller can say why it is refused. */
  findCredentialByHash(tokenHash: string): Promise<ApiTokenCredential | null> {
    return this.prisma.apiToken.findUnique({ where: { tokenHash }, select: apiTokenCredentialSelect });
  }

  /** Sets lastUsedAt unless it is already later than `notBefore` (another instance just did). */
  async touchLastUsed(id: string, at: Date, notBefore: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: notBefore } }] },
      data: { lastUsedAt: at },
    });
  }
}

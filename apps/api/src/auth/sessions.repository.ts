import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Tx } from '../audit/audit.repository.js';
import type { PrincipalUser } from './principal.factory.js';

export type LiveSession = { id: string; user: PrincipalUser };

type LiveSessionRow = {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  roles: PrincipalUser['roles'];
  reviewCategories: string[];
  teamIds: string[];
};

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
    return tx.session.create({ data, select: { id: true } });
  }

  /**
   * A live session (not revoked, not expired) of an enabled user, with that user's identity and teams. Every
   * API request asks this, so it is one statement (Prisma would send one per relation) and nothing is cached:
   * a revoked session or a disabled user is refused on the very next request.
   */
  async findLiveByTokenHash(tokenHash: string, now: Date): Promise<LiveSession | null> {
    const [row] = await this.prisma.$queryRaw<LiveSessionRow[]>`
      SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.display_name AS "displayName", u.roles::text[] AS roles,
             u.review_categories AS "reviewCategories",
             ARRAY(SELECT m.team_id::text FROM team_membership m WHERE m.user_id = u.id ORDER BY m.created_at, m.team_id) AS "teamIds"
      FROM session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > ${now} AND u.disabled_at IS NULL`;
    if (!row) return null;
    return {
      id: row.sessionId,
      user: {
        id: row.userId,
        email: row.email,
        displayName: row.displayName,
        roles: row.roles,
        reviewCategories: row.reviewCategories,
        memberships: row.teamIds.map((id) => ({ team: { id } })),
      },
    };
  }

  revoke(tx: Tx, id: string, at: Date) {
    return tx.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Tx } from '../audit/audit.repository.js';
import { userIdentitySelect } from './users.repository.js';

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
    return tx.session.create({ data, select: { id: true } });
  }

  /** A live session (not revoked, not expired) of an enabled user, with that user's identity. */
  findLiveByTokenHash(tokenHash: string, now: Date) {
    return this.prisma.session.findFirst({
      where: { tokenHash, revokedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
      select: { id: true, user: { select: userIdentitySelect } },
    });
  }

  revoke(tx: Tx, id: string, at: Date) {
    return tx.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }
}

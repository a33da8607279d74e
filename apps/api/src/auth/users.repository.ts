import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';
import type { Tx } from '../audit/audit.repository.js';

export const userIdentitySelect = {
  id: true,
  email: true,
  displayName: true,
  roles: true,
  reviewCategories: true,
  passwordHash: true,
  failedSignInCount: true,
  lockedUntil: true,
  disabledAt: true,
  memberships: { select: { team: { select: { id: true, slug: true, name: true } } } },
} satisfies Prisma.UserSelect;

export type UserIdentity = Prisma.UserGetPayload<{ select: typeof userIdentitySelect }>;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findIdentityByEmail(email: string, tx: Tx = this.prisma): Promise<UserIdentity | null> {
    return tx.user.findUnique({ where: { email }, select: userIdentitySelect });
  }

  findIdentityById(id: string, tx: Tx = this.prisma): Promise<UserIdentity | null> {
    return tx.user.findUnique({ where: { id }, select: userIdentitySelect });
  }

  recordFailedSignIn(tx: Tx, id: string, failedSignInCount: number, lockedUntil: Date | null) {
    return tx.user.update({ where: { id }, data: { failedSignInCount, lockedUntil }, select: { id: true } });
  }

  recordSignIn(tx: Tx, id: string, at: Date) {
    return tx.user.update({
      where: { id },
      data: { failedSignInCount: 0, lockedUntil: null, lastSignInAt: at },
      select: { id: true },
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';

export const personSelect = {
  id: true,
  email: true,
  displayName: true,
  roles: true,
  reviewCategories: true,
  disabledAt: true,
  lockedUntil: true,
  lastSignInAt: true,
  oidcSubject: true,
  createdAt: true,
  memberships: { select: { team: { select: { id: true, slug: true, name: true } } }, orderBy: { team: { slug: 'asc' } } },
} satisfies Prisma.UserSelect;

export type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;

export const teamSelect = {
  id: true,
  slug: true,
  name: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} satisfies Prisma.TeamSelect;

export type TeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

@Injectable()
export class PeopleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** `onlyId` narrows the list to one person (callers who may read only themselves). */
  findUsers(onlyId: string | null): Promise<PersonRow[]> {
    return this.prisma.user.findMany({ where: onlyId ? { id: onlyId } : {}, select: personSelect, orderBy: { email: 'asc' } });
  }

  findUserById(tx: Tx, id: string): Promise<PersonRow | null> {
    return tx.user.findUnique({ where: { id }, select: personSelect });
  }

  existsUserWithEmail(tx: Tx, email: string): Promise<boolean> {
    return tx.user.count({ where: { email } }).then((n) => n > 0);
  }

  countTeams(tx: Tx, ids: string[]): Promise<number> {
    return tx.team.count({ where: { id: { in: ids } } });
  }

  /** Active admins other than `exceptId`: the last one may not lose the role or be disabled. */
  countOtherActiveAdmins(tx: Tx, exceptId: string): Promise<number> {
    return tx.user.count({ where: { id: { not: exceptId }, disabledAt: null, roles: { has: 'ADMIN' } } });
  }

  createUser(tx: Tx, data: Prisma.UserCreateInput): Promise<PersonRow> {
    return tx.user.create({ data, select: personSelect });
  }

  updateUser(tx: Tx, id: string, data: Prisma.UserUpdateInput): Promise<PersonRow> {
    return tx.user.update({ where: { id }, data, select: personSelect });
  }

  replaceMemberships(tx: Tx, userId: string, teamIds: string[]) {
    return tx.teamMembership
      .deleteMany({ where: { userId } })
      .then(() => tx.teamMembership.createMany({ data: teamIds.map((teamId) => ({ userId, teamId })) }));
  }

  revokeSessions(tx: Tx, userId: string, at: Date) {
    return tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  }

  /** `onlyIds` narrows the list to the caller's own teams. */
  findTeams(onlyIds: readonly string[] | null): Promise<TeamRow[]> {
    return this.prisma.team.findMany({
      where: onlyIds ? { id: { in: [...onlyIds] } } : {},
      select: teamSelect,
      orderBy: { slug: 'asc' },
    });
  }

  existsTeamWithSlug(tx: Tx, slug: string): Promise<boolean> {
    return tx.team.count({ where: { slug } }).then((n) => n > 0);
  }

  createTeam(tx: Tx, data: { slug: string; name: string }): Promise<TeamRow> {
    return tx.team.create({ data, select: teamSelect });
  }
}

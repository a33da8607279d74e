import { Injectable } from '@nestjs/common';
import type { Role } from '@modelgate/domain/auth';
import type { Tx } from '../../audit/audit.repository.js';
import { PrismaService } from '../../database/prisma.service.js';
import { userIdentitySelect, type UserIdentity } from '../users.repository.js';

const oidcUserSelect = { ...userIdentitySelect, oidcIssuer: true, oidcSubject: true };

export type OidcUser = UserIdentity & { oidcIssuer: string | null; oidcSubject: string | null };

@Injectable()
export class OidcUsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findBySubject(tx: Tx, oidcIssuer: string, oidcSubject: string): Promise<OidcUser | null> {
    return tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer, oidcSubject } }, select: oidcUserSelect });
  }

  findByEmail(tx: Tx, email: string): Promise<OidcUser | null> {
    return tx.user.findUnique({ where: { email }, select: oidcUserSelect });
  }

  findTeamIdsBySlugs(tx: Tx, slugs: readonly string[]): Promise<Array<{ id: string; slug: string }>> {
    return tx.team.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true }, orderBy: { slug: 'asc' } });
  }

  create(tx: Tx, data: { email: string; displayName: string; oidcIssuer: string; oidcSubject: string }): Promise<OidcUser> {
    return tx.user.create({ data: { ...data, roles: [] }, select: oidcUserSelect });
  }

  link(tx: Tx, id: string, oidcIssuer: string, oidcSubject: string): Promise<OidcUser> {
    return tx.user.update({ where: { id }, data: { oidcIssuer, oidcSubject }, select: oidcUserSelect });
  }

  /** Replaces the user's roles and team memberships with exactly these. */
  async setAccess(tx: Tx, id: string, roles: readonly Role[], teamIds: readonly string[]): Promise<OidcUser> {
    await tx.teamMembership.deleteMany({ where: { userId: id, teamId: { notIn: [...teamIds] } } });
    await tx.teamMembership.createMany({ data: teamIds.map((teamId) => ({ userId: id, teamId })), skipDuplicates: true });
    return tx.user.update({ where: { id }, data: { roles: [...roles] }, select: oidcUserSelect });
  }
}

import { Injectable } from '@nestjs/common';
import type { Action, AppAbility, CreateTeamInput, CreateUserInput, SubjectType, UpdateUserInput } from '@modelgate/domain/auth';
import { DomainError, ErrorCode, NotFoundError, ValidationError } from '@modelgate/domain/errors';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { PeopleRepository, type PersonRow, type TeamRow } from './people.repository.js';

/** True when some rule grants the action on every record of the kind, not only on matching ones. */
function canOnEveryRecord(ability: AppAbility, action: Action, subject: SubjectType): boolean {
  return ability.rulesFor(action, subject).some((rule) => !rule.inverted && !rule.conditions);
}

/** What the audit trail records of a person: never the password hash. */
function auditView(person: PersonRow) {
  return {
    email: person.email,
    displayName: person.displayName,
    roles: person.roles,
    reviewCategories: person.reviewCategories,
    teams: person.memberships.map((m) => m.team.slug),
    disabled: person.disabledAt !== null,
  };
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly people: PeopleRepository,
    private readonly audit: AuditService,
  ) {}

  /** People the caller may read, filtered in the query: everyone, or only themselves. */
  listUsers(actor: Actor): Promise<PersonRow[]> {
    const { principal, ability } = actor;
    if (canOnEveryRecord(ability, 'read', 'User')) return this.people.findUsers(null);
    return this.people.findUsers(principal.kind === 'user' ? principal.userId : '00000000-0000-0000-0000-000000000000');
  }

  listTeams(actor: Actor): Promise<TeamRow[]> {
    const { principal, ability } = actor;
    if (canOnEveryRecord(ability, 'read', 'Team')) return this.people.findTeams(null);
    return this.people.findTeams(principal.kind === 'user' ? principal.teamIds : []);
  }

  async createUser(input: CreateUserInput, actor: Actor): Promise<PersonRow> {
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return this.prisma.$transaction(async (tx) => {
      if (await this.people.existsUserWithEmail(tx, input.email)) {
        throw new ValidationError([{ field: 'input.email', reason: 'is already used by another person' }]);
      }
      await this.assertTeamsExist(tx, input.teamIds);
      const created = await this.people.createUser(tx, {
        email: input.email,
        displayName: input.displayName,
        roles: input.roles,
        reviewCategories: input.reviewCategories,
        passwordHash,
        memberships: { create: input.teamIds.map((teamId) => ({ teamId })) },
      });
      await this.audit.record(tx, actor, {
        action: 'user.create',
        entityType: 'User',
        entityId: created.id,
        after: { ...auditView(created), passwordSet: passwordHash !== null },
      });
      return created;
    });
  }

  async updateUser(input: UpdateUserInput, actor: Actor): Promise<PersonRow> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.people.findUserById(tx, input.id);
      if (!before) throw new NotFoundError('User', input.id);
      const losesAdmin =
        (input.roles && before.roles.includes('ADMIN') && !input.roles.includes('ADMIN')) ||
        (input.disabled === true && before.roles.includes('ADMIN'));
      if (losesAdmin && (await this.people.countOtherActiveAdmins(tx, before.id)) === 0) {
        throw new DomainError(ErrorCode.Conflict, 'This is the last active admin: make someone else an admin first.');
      }
      if (input.teamIds) {
        await this.assertTeamsExist(tx, input.teamIds);
        await this.people.replaceMemberships(tx, before.id, input.teamIds);
      }
      const now = new Date();
      const after = await this.people.updateUser(tx, before.id, {
        ...(input.displayName ? { displayName: input.displayName } : {}),
        ...(input.roles ? { roles: input.roles } : {}),
        ...(input.reviewCategories ? { reviewCategories: input.reviewCategories } : {}),
        ...(input.disabled === true && !before.disabledAt ? { disabledAt: now } : {}),
        ...(input.disabled === false ? { disabledAt: null } : {}),
      });
      // A disabled person is signed out everywhere at once.
      if (after.disabledAt && !before.disabledAt) await this.people.revokeSessions(tx, before.id, now);
      await this.audit.record(tx, actor, {
        action: 'user.update',
        entityType: 'User',
        entityId: before.id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
  }

  async createTeam(input: CreateTeamInput, actor: Actor): Promise<TeamRow> {
    return this.prisma.$transaction(async (tx) => {
      if (await this.people.existsTeamWithSlug(tx, input.slug)) {
        throw new ValidationError([{ field: 'input.slug', reason: 'is already used by another team' }]);
      }
      const team = await this.people.createTeam(tx, input);
      await this.audit.record(tx, actor, {
        action: 'team.create',
        entityType: 'Team',
        entityId: team.id,
        after: { slug: team.slug, name: team.name },
      });
      return team;
    });
  }

  private async assertTeamsExist(tx: Parameters<PeopleRepository['countTeams']>[0], teamIds: string[]) {
    if (teamIds.length && (await this.people.countTeams(tx, teamIds)) !== teamIds.length) {
      throw new ValidationError([{ field: 'input.teamIds', reason: 'names a team that does not exist' }]);
    }
  }
}

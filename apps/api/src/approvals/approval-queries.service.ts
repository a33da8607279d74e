import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import { GRANTED_STATES, type ApprovalRequestsQuery } from '@modelgate/domain/approvals';
import { ValidationError } from '@modelgate/domain/errors';
import { decodeCursor, encodeCursor } from '../inventory/model-version-query.js';
import { Clock } from '../jobs/clock.js';
import { toApprovalRequest } from './approval-mappers.js';
import { ApprovalsRepository } from './approvals.repository.js';
import type { ApprovalRequestConnection } from './models/approval.models.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class ApprovalQueriesService {
  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly clock: Clock,
  ) {}

  async page(args: ApprovalRequestsQuery, personId: string | null): Promise<ApprovalRequestConnection> {
    const offset = decodeCursor(args.after);
    if (offset === null) throw new ValidationError([{ field: 'after', reason: 'is not a cursor from this list' }]);
    const where = this.where(args.filter, personId);
    const [rows, totalCount] = await Promise.all([
      this.approvals.findPage(where, args.first + 1, offset),
      this.approvals.count(where),
    ]);
    const edges = rows
      .slice(0, args.first)
      .map((row, index) => ({ cursor: encodeCursor(offset + index + 1), node: toApprovalRequest(row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  private where(filter: ApprovalRequestsQuery['filter'], personId: string | null): Prisma.ApprovalRequestWhereInput {
    const and: Prisma.ApprovalRequestWhereInput[] = [];
    if (filter.states?.length) and.push({ state: { in: filter.states } });
    if (filter.modelVersionId) and.push({ modelVersionId: filter.modelVersionId });
    if (filter.teamId) and.push({ teamId: filter.teamId });
    // Without a person (a token acting for no one), "mine" and "assigned to me" match nothing.
    if (filter.mine) and.push({ requesterId: personId ?? '00000000-0000-0000-0000-000000000000' });
    if (filter.assignedToMe) {
      and.push({ reviews: { some: { reviewerId: personId ?? '00000000-0000-0000-0000-000000000000', status: 'ASSIGNED' } } });
    }
    if (filter.expiringWithinDays !== undefined) {
      const now = this.clock.now();
      and.push({
        state: { in: [...GRANTED_STATES] },
        validUntil: { gt: now, lte: new Date(now.getTime() + filter.expiringWithinDays * DAY_MS) },
      });
    }
    return { AND: and };
  }
}

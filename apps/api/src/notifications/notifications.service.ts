import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationError } from '@modelgate/domain/errors';
import type { MarkNotificationsReadInput, NotificationsQuery } from '@modelgate/domain/webhooks';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';
import { decodeKeysetCursor, keysetPage, type KeysetPage } from '../webhooks/keyset-cursor.js';
import { NotificationsRepository, type NotificationRow } from './notifications.repository.js';

/** Whose notifications: the signed-in person, or the person a token acts for. */
function ownerOf(actor: Actor): string {
  const { principal } = actor;
  const userId = principal.kind === 'user' ? principal.userId : principal.kind === 'token' ? principal.userId : null;
  if (!userId) throw new ForbiddenError('Only people have notifications.');
  return userId;
}

/** One's own in-app notifications: nobody reads or marks another person's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, args: NotificationsQuery): Promise<KeysetPage<NotificationRow>> {
    const userId = ownerOf(actor);
    const after = args.after === null ? null : decodeKeysetCursor(args.after);
    if (args.after !== null && !after) throw new ValidationError([{ field: 'after', reason: 'is not a cursor from this list' }]);
    const rows = await this.notifications.findPageOfUser(userId, args.unreadOnly, after, args.first + 1);
    return keysetPage(rows, args.first);
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.notifications.countUnreadOfUser(ownerOf(actor));
  }

  /**
   * Marks the given (or all) unread notifications of the caller read and returns how many changed.
   * Ids of other people's or already-read notifications are passed over. Audited once, only when
   * something changed.
   */
  markRead(actor: Actor, input: MarkNotificationsReadInput): Promise<number> {
    const userId = ownerOf(actor);
    return this.prisma.$transaction(async (tx) => {
      const readAt = this.clock.now();
      let count: number;
      let after: { count: number; ids: string[] } | { count: number; all: true };
      if (input.ids) {
        const ids = await this.notifications.markRead(tx, userId, input.ids, readAt);
        count = ids.length;
        after = { count, ids };
      } else {
        count = await this.notifications.markAllRead(tx, userId, readAt);
        after = { count, all: true };
      }
      if (count > 0) {
        await this.audit.record(tx, actor, {
          action: 'notification.read',
          entityType: 'Notification',
          entityId: 'ids' in after && count === 1 ? after.ids[0] : null,
          after,
        });
      }
      return count;
    });
  }
}

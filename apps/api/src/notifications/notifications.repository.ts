import { Injectable } from '@nestjs/common';
import type { Prisma } from '@modelgate/db';
import type { Tx } from '../audit/audit.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { afterPosition, type KeysetPosition } from '../webhooks/keyset-cursor.js';

export const notificationSelect = {
  id: true,
  event: true,
  title: true,
  body: true,
  requestId: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;
export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insertMany(tx: Tx, rows: Prisma.NotificationCreateManyInput[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1_000) {
      await tx.notification.createMany({ data: rows.slice(start, start + 1_000) });
    }
  }

  /** One person's notifications, newest first, keyset-paginated on (createdAt, id). */
  findPageOfUser(userId: string, unreadOnly: boolean, after: KeysetPosition | null, take: number): Promise<NotificationRow[]> {
    return this.prisma.notification.findMany({
      select: notificationSelect,
      where: { userId, ...(unreadOnly ? { readAt: null } : {}), ...afterPosition(after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  countUnreadOfUser(userId: string): Promise<number> {
    return this.prisma.notification.count({ where: { userId, readAt: null } });
  }

  /** Marks the person's unread notifications among `ids` read; returns the ids it marked. */
  async markRead(tx: Tx, userId: string, ids: readonly string[], readAt: Date): Promise<string[]> {
    const rows = await tx.notification.updateManyAndReturn({
      where: { userId, readAt: null, id: { in: [...ids] } },
      data: { readAt },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Marks every unread notification of the person read; returns how many. */
  async markAllRead(tx: Tx, userId: string, readAt: Date): Promise<number> {
    const { count } = await tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt } });
    return count;
  }
}

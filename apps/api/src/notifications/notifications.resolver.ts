import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  markNotificationsReadInputSchema,
  notificationsArgsSchema,
  type MarkNotificationsReadInput as MarkReadValues,
  type NotificationsQuery,
} from '@modelgate/domain/webhooks';
import type { Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { MarkNotificationsReadInput } from './dto/mark-notifications-read.input.js';
import { NotificationsArgs } from './dto/notifications.args.js';
import { Notification, NotificationConnection } from './models/notification.model.js';
import { NotificationsService } from './notifications.service.js';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly inbox: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  @Allow('read', 'Notification')
  async notifications(
    @Args({ type: () => NotificationsArgs }, new ZodValidationPipe(notificationsArgsSchema)) args: NotificationsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationConnection> {
    const page = await this.inbox.list(actor, args);
    return {
      edges: page.rows.map(({ cursor, row }) => ({ cursor, node: row })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  @Allow('read', 'Notification')
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.inbox.unreadCount(actor);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many were unread and now are read.' })
  @Allow('update', 'Notification')
  markNotificationsRead(
    @Args('input', { type: () => MarkNotificationsReadInput }, new ZodValidationPipe(markNotificationsReadInputSchema, 'input'))
    input: MarkReadValues,
    @CurrentActor() actor: Actor,
  ): Promise<number> {
    return this.inbox.markRead(actor, input);
  }
}

import { Global, Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { WorkflowEventsService } from './workflow-events.service.js';

/**
 * In-app notifications, and the WorkflowEventsService through which the approval workflow publishes
 * its events (to people and to webhooks). Global, so the workflow injects it without importing this.
 */
@Global()
@Module({
  imports: [WebhooksModule],
  providers: [NotificationsRepository, NotificationsService, NotificationsResolver, WorkflowEventsService],
  exports: [WorkflowEventsService],
})
export class NotificationsModule {}

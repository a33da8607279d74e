import { Module } from '@nestjs/common';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardResolver } from './dashboard.resolver.js';
import { DashboardService } from './dashboard.service.js';

/** The overview page's figures: aggregates over the inventory, approvals, policies and the CI gate log. */
@Module({
  providers: [DashboardRepository, DashboardService, DashboardResolver],
})
export class DashboardModule {}

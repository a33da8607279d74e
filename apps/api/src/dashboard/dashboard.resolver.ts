import { Query, Resolver } from '@nestjs/graphql';
import { personBehind, type Actor } from '../common/auth/actor.js';
import { Allow, CurrentActor } from '../common/auth/authorization.decorators.js';
import { DashboardService } from './dashboard.service.js';
import { Dashboard } from './models/dashboard.models.js';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly dashboardService: DashboardService) {}

  // It charts the CI gate's decisions next to the inventory and approvals: whoever may read decisions
  // (every role but the admin, who runs the instance, not its governance).
  @Allow('read', 'Decision')
  @Query(() => Dashboard, { description: 'Counts and trends for the overview page, read from one snapshot.' })
  dashboard(@CurrentActor() actor: Actor): Promise<Dashboard> {
    return this.dashboardService.overview(personBehind(actor));
  }
}

import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/authorization.decorators.js';
import { SystemStatus } from './models/system-status.model.js';
import { SystemService } from './system.service.js';

@Resolver(() => SystemStatus)
export class SystemResolver {
  constructor(private readonly system: SystemService) {}

  @Public()
  @Query(() => SystemStatus, { description: 'Server version, uptime and database state.' })
  systemStatus(): Promise<SystemStatus> {
    return this.system.status();
  }
}

import { Module } from '@nestjs/common';
import { PolicyGateModule } from '../policies/policy-gate.module.js';
import { DiscoveryRepository } from './discovery.repository.js';
import { DiscoveryResolver } from './discovery.resolver.js';
import { DiscoveryService } from './discovery.service.js';

/** Matching the model references that `modelgate scan` finds in code against the inventory and its approvals. */
@Module({
  imports: [PolicyGateModule],
  providers: [DiscoveryRepository, DiscoveryService, DiscoveryResolver],
})
export class DiscoveryModule {}

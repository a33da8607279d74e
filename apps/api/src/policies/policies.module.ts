import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module.js';
import { InventoryModule } from '../inventory/inventory.module.js';
import { PolicyDecisionResolver, PolicyVersionsResolver } from './policies.resolver.js';
import { ExceptionsResolver, ViolationsResolver } from './exceptions.resolver.js';
import { PolicyGateModule } from './policy-gate.module.js';
import { ViolationLoaders } from './violation.loaders.js';

/** Policy versions (four-eyes activation), previews, and the decision API for pipelines. */
@Module({
  imports: [PolicyGateModule, InventoryModule, ApprovalsModule],
  providers: [PolicyDecisionResolver, PolicyVersionsResolver, ExceptionsResolver, ViolationsResolver, ViolationLoaders],
})
export class PoliciesModule {}

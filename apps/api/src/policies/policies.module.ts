import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module.js';
import { InventoryModule } from '../inventory/inventory.module.js';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyDecisionResolver, PolicyVersionsResolver } from './policies.resolver.js';
import { PolicyDecisionService } from './policy-decision.service.js';
import { PolicyPreviewService } from './policy-preview.service.js';
import { PolicyVersionsService } from './policy-versions.service.js';

/** Policy versions (four-eyes activation), previews, and the decision API for pipelines. */
@Module({
  imports: [InventoryModule, ApprovalsModule],
  providers: [
    PoliciesRepository,
    PolicyVersionsService,
    PolicyDecisionService,
    PolicyPreviewService,
    PolicyDecisionResolver,
    PolicyVersionsResolver,
  ],
  exports: [PolicyDecisionService, PolicyVersionsService],
})
export class PoliciesModule {}

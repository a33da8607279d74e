import { Global, Module } from '@nestjs/common';
import { DriftService } from './drift.service.js';
import { ExceptionsService } from './exceptions.service.js';
import { PoliciesRepository } from './policies.repository.js';
import { PolicyDecisionService } from './policy-decision.service.js';
import { PolicyPreviewService } from './policy-preview.service.js';
import { PolicyVersionsService } from './policy-versions.service.js';

/**
 * The policy engine's services, global so the inventory can gate deployment registration on them
 * without importing the policies module (which depends on the inventory for its resolvers).
 */
@Global()
@Module({
  providers: [
    PoliciesRepository,
    PolicyVersionsService,
    PolicyDecisionService,
    PolicyPreviewService,
    ExceptionsService,
    DriftService,
  ],
  exports: [
    PoliciesRepository,
    PolicyVersionsService,
    PolicyDecisionService,
    PolicyPreviewService,
    ExceptionsService,
    DriftService,
  ],
})
export class PolicyGateModule {}

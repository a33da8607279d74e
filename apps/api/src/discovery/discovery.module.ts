import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module.js';
import { PolicyGateModule } from '../policies/policy-gate.module.js';
import { DiscoveryRepository } from './discovery.repository.js';
import { DiscoveryResolver } from './discovery.resolver.js';
import { DiscoveryService } from './discovery.service.js';
import { ScanReportsRepository } from './scan-reports/scan-reports.repository.js';
import { ScanReportsResolver } from './scan-reports/scan-reports.resolver.js';
import { ScanReportsService } from './scan-reports/scan-reports.service.js';

/**
 * Matching the model references that `modelgate scan` finds in code against the inventory and its approvals,
 * and the scan results uploaded from CI or pasted in the admin app.
 */
@Module({
  imports: [PolicyGateModule, InventoryModule],
  providers: [
    DiscoveryRepository,
    DiscoveryService,
    DiscoveryResolver,
    ScanReportsRepository,
    ScanReportsService,
    ScanReportsResolver,
  ],
})
export class DiscoveryModule {}

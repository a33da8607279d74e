import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module.js';
import { InventoryModule } from '../inventory/inventory.module.js';
import { DemoApprovalsSeeder } from './demo-approvals.seeder.js';
import { DemoDataSeeder } from './demo-data.seeder.js';

@Module({
  imports: [InventoryModule, ApprovalsModule],
  providers: [DemoDataSeeder, DemoApprovalsSeeder],
  exports: [DemoDataSeeder],
})
export class SeedModule {}

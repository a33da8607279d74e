import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module.js';
import { DemoDataSeeder } from './demo-data.seeder.js';

@Module({ imports: [InventoryModule], providers: [DemoDataSeeder], exports: [DemoDataSeeder] })
export class SeedModule {}

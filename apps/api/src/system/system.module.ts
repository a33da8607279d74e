import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SystemResolver } from './system.resolver.js';
import { SystemService } from './system.service.js';

@Module({
  imports: [HealthModule, SettingsModule],
  providers: [SystemResolver, SystemService],
})
export class SystemModule {}

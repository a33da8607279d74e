import { Module } from '@nestjs/common';
import { SettingsRepository } from './settings.repository.js';
import { SettingsResolver } from './settings.resolver.js';
import { SettingsService } from './settings.service.js';

@Module({
  providers: [SettingsRepository, SettingsService, SettingsResolver],
  exports: [SettingsService],
})
export class SettingsModule {}

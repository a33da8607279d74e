import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseStatusService } from './database-status.service.js';
import { HealthController } from './health.controller.js';
import { MigrationsRepository } from './migrations.repository.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [MigrationsRepository, DatabaseStatusService],
  exports: [DatabaseStatusService],
})
export class HealthModule {}

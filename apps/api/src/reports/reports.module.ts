import { Module } from '@nestjs/common';
import { ReportExportsService } from './report-exports.service.js';
import { ReportGenerator } from './report-generator.js';
import { ReportsResolver } from './reports.resolver.js';

/** Auditor reports: exports in several formats, each a bundle signed with the instance's key. */
@Module({
  providers: [ReportGenerator, ReportExportsService, ReportsResolver],
  exports: [ReportExportsService],
})
export class ReportsModule {}

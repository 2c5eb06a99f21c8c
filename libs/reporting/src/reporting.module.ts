import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { CalendarModule } from '@portal/calendar';
import { AttachmentsModule } from '@portal/content';
import { TenancyModule } from '@portal/tenancy';
import { ReportFiguresService } from './figures/report-figures.service';
import { ReportExportsController } from './graphql/report-exports.controller';
import { ReportingResolver } from './graphql/reporting.resolver';
import { ReportExportJobService } from './jobs/report-export-job.service';
import { ReportExportService } from './report/report-export.service';
import { ReportScopeResolver } from './report/report-scope';
import { ReportSectionRegistry } from './report/report-sections';
import { ReportService } from './report/report.service';
import { ReportRulesService } from './rules/report-rules.service';

@Module({
  imports: [TenancyModule, AccessModule, CalendarModule, AttachmentsModule],
  controllers: [ReportExportsController],
  providers: [
    ReportScopeResolver,
    ReportFiguresService,
    ReportRulesService,
    ReportService,
    ReportSectionRegistry,
    ReportExportService,
    ReportExportJobService,
    ReportingResolver,
  ],
  exports: [ReportService, ReportExportService, ReportExportJobService, ReportSectionRegistry],
})
export class ReportingModule {}

import { Module } from '@nestjs/common';
import { AccessModule, RoleFiguresModule } from '@portal/access';
import { CalendarModule } from '@portal/calendar';
import { AttachmentsModule, ContentFiguresModule } from '@portal/content';
import { WorkflowFiguresModule } from '@portal/editorial';
import { EngagementFiguresModule } from '@portal/engagement';
import { SyndicationFiguresModule } from '@portal/federation';
import { AccountFiguresModule } from '@portal/identity';
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
  imports: [
    TenancyModule,
    AccessModule,
    CalendarModule,
    AttachmentsModule,
    // The figures of the libs a report counts.
    ContentFiguresModule,
    WorkflowFiguresModule,
    EngagementFiguresModule,
    SyndicationFiguresModule,
    RoleFiguresModule,
    AccountFiguresModule,
  ],
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

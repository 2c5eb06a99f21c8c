import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { MediaModule } from '@portal/content';
import { EditorialModule } from '@portal/editorial';
import { ReportingModule } from '@portal/reporting';
import { TenancyModule } from '@portal/tenancy';
import { CollaboratorService } from './collaborators/collaborator.service';
import { GradingService } from './grades/grading.service';
import { RoyaltiesMergeParticipant } from './grades/royalties-merge.participant';
import { CollaboratorRecordRepository } from './collaborators/collaborator-record.repository';
import { CollaboratorRecordResolver } from './graphql/collaborator-record.resolver';
import { ReportRoyaltiesResolver } from './graphql/report-royalties.resolver';
import { RoyaltiesResolver } from './graphql/royalties.resolver';
import { RoyaltyProfileService } from './profiles/royalty-profile.service';
import { StatementCalculator } from './statements/statement-calculator';
import { StatementExportService } from './statements/statement-export.service';
import { StatementAdjustmentService } from './statements/statement-adjustment.service';
import { StatementService } from './statements/statement.service';
import { RoyaltyReportService } from './statements/royalty-report.service';
import { RoyaltyReportSection } from './statements/royalty-report-section';
import { ReportRoyaltiesRepository } from './statements/report-royalties.repository';
import { ReportRoyaltiesService } from './statements/report-royalties.service';
import { SubtreeDraftingService } from './statements/subtree-drafting.service';

@Module({
  imports: [TenancyModule, AccessModule, EditorialModule, ReportingModule, MediaModule],
  providers: [
    RoyaltyProfileService,
    GradingService,
    CollaboratorService,
    StatementCalculator,
    StatementService,
    StatementAdjustmentService,
    StatementExportService,
    RoyaltyReportService,
    RoyaltyReportSection,
    SubtreeDraftingService,
    RoyaltiesMergeParticipant,
    RoyaltiesResolver,
    ReportRoyaltiesRepository,
    ReportRoyaltiesService,
    ReportRoyaltiesResolver,
    CollaboratorRecordRepository,
    CollaboratorRecordResolver,
  ],
  exports: [
    RoyaltyProfileService,
    GradingService,
    StatementService,
    StatementExportService,
    CollaboratorService,
    SubtreeDraftingService,
  ],
})
export class RoyaltiesModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { EditorialModule } from '@portal/editorial';
import { TenancyModule } from '@portal/tenancy';
import { CollaboratorService } from './collaborators/collaborator.service';
import { GradingService } from './grades/grading.service';
import { RoyaltiesMergeParticipant } from './grades/royalties-merge.participant';
import { RoyaltiesResolver } from './graphql/royalties.resolver';
import { RoyaltyProfileService } from './profiles/royalty-profile.service';
import { StatementCalculator } from './statements/statement-calculator';
import { StatementExportService } from './statements/statement-export.service';
import { StatementService } from './statements/statement.service';
import { RoyaltyReportService } from './statements/royalty-report.service';
import { SubtreeDraftingService } from './statements/subtree-drafting.service';

@Module({
  imports: [TenancyModule, AccessModule, EditorialModule],
  providers: [
    RoyaltyProfileService,
    GradingService,
    CollaboratorService,
    StatementCalculator,
    StatementService,
    StatementExportService,
    RoyaltyReportService,
    SubtreeDraftingService,
    RoyaltiesMergeParticipant,
    RoyaltiesResolver,
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

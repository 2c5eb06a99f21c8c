import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { CalendarModule } from '@portal/calendar';
import { ContentModule } from '@portal/content';
import { TenancyModule } from '@portal/tenancy';
import { ItemDeadlines } from './deadlines/item-deadlines.service';
import { DeadlineReevaluationService } from './deadlines/deadline-reevaluation.service';
import { FreshnessService } from './freshness/freshness.service';
import { FreshnessResolver } from './graphql/freshness.resolver';
import { FieldApprovalRuleSource } from './workflow-policy/field-approval.source';
import { UnitVetting } from './workflow-policy/unit-vetting';
import { EditorialResolver } from './graphql/editorial.resolver';
import { EditorialService } from './workflow/editorial.service';
import { EditorialRepository } from './workflow/editorial.repository';
import { EditorialItemsService } from './workflow/editorial-items.service';
import { WorkflowTransitionService } from './workflow/workflow-transition.service';
import { ScheduledStepsService } from './workflow/scheduled-steps.service';
import { ApprovalDelegationService } from './workflow/approval-delegation.service';
import { ContentListService } from './workflow/content-list.service';
import { RemindersService } from './workflow/reminders.service';
import { EditorialMergeParticipant } from './workflow/editorial-merge.participant';
import { LegalImportResolver } from './graphql/legal-import.resolver';
import { LegalImportService } from './legal-import/legal-import.service';
import { DelegationsService } from './workflow/delegations.service';
import { DelegationsResolver } from './graphql/delegations.resolver';

@Module({
  imports: [TenancyModule, AccessModule, CalendarModule, ContentModule],
  providers: [
    FieldApprovalRuleSource,
    UnitVetting,
    ItemDeadlines,
    DeadlineReevaluationService,
    FreshnessService,
    FreshnessResolver,
    ContentListService,
    EditorialRepository,
    EditorialItemsService,
    WorkflowTransitionService,
    // Where EditorialService registered them before: its jobs, then the deputies' approval rule.
    ScheduledStepsService,
    ApprovalDelegationService,
    EditorialService,
    RemindersService,
    EditorialResolver,
    DelegationsService,
    DelegationsResolver,
    EditorialMergeParticipant,
    LegalImportService,
    LegalImportResolver,
  ],
  exports: [
    LegalImportService,
    ItemDeadlines,
    DeadlineReevaluationService,
    FreshnessService,
    EditorialService,
    RemindersService,
  ],
})
export class EditorialModule {}

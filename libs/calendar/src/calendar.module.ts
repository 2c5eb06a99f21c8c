import { Module } from '@nestjs/common';
import { TenancyModule } from '@portal/tenancy';
import { CalendarOverrideRepository } from './calendar/calendar-override.repository';
import { CalendarService } from './calendar/calendar.service';
import { CalendarMergeParticipant } from './calendar/calendar-merge.participant';
import { CalendarResolver } from './graphql/calendar.resolver';
import { DeadlinePolicyAssignmentRepository } from './policies/deadline-policy-assignment.repository';
import { DeadlineService } from './policies/deadline.service';

@Module({
  imports: [TenancyModule],
  providers: [
    CalendarOverrideRepository,
    DeadlinePolicyAssignmentRepository,
    CalendarService,
    DeadlineService,
    CalendarResolver,
    CalendarMergeParticipant,
  ],
  exports: [CalendarService, DeadlineService],
})
export class CalendarModule {}

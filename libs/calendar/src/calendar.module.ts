import { Module } from '@nestjs/common';
import { TenancyModule } from '@portal/tenancy';
import { CalendarService } from './calendar/calendar.service';
import { CalendarMergeParticipant } from './calendar/calendar-merge.participant';
import { CalendarResolver } from './graphql/calendar.resolver';
import { DeadlineService } from './policies/deadline.service';

@Module({
  imports: [TenancyModule],
  providers: [CalendarService, DeadlineService, CalendarResolver, CalendarMergeParticipant],
  exports: [CalendarService, DeadlineService],
})
export class CalendarModule {}

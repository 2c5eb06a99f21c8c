import { Module } from '@nestjs/common';
import { TenancyModule } from '@portal/tenancy';
import { CalendarService } from './calendar/calendar.service';
import { CalendarResolver } from './graphql/calendar.resolver';
import { DeadlineService } from './policies/deadline.service';

@Module({
  imports: [TenancyModule],
  providers: [CalendarService, DeadlineService, CalendarResolver],
  exports: [CalendarService, DeadlineService],
})
export class CalendarModule {}

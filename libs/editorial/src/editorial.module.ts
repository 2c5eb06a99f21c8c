import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { CalendarModule } from '@portal/calendar';
import { ContentModule } from '@portal/content';
import { TenancyModule } from '@portal/tenancy';
import { EditorialResolver } from './graphql/editorial.resolver';
import { EditorialService } from './workflow/editorial.service';
import { ContentListService } from './workflow/content-list.service';
import { RemindersService } from './workflow/reminders.service';
import { EditorialMergeParticipant } from './workflow/editorial-merge.participant';

@Module({
  imports: [TenancyModule, AccessModule, CalendarModule, ContentModule],
  providers: [
    ContentListService,
    EditorialService,
    RemindersService,
    EditorialResolver,
    EditorialMergeParticipant,
  ],
  exports: [EditorialService, RemindersService],
})
export class EditorialModule {}

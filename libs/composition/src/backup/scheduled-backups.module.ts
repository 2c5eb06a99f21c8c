import { Module } from '@nestjs/common';
import { AttachmentsModule } from '@portal/content';
import { ScheduledBackupsService } from './scheduled-backups.service';

/** Scheduled backups, in whichever process works the job queues (the worker, or the api in-process). */
@Module({
  imports: [AttachmentsModule],
  providers: [ScheduledBackupsService],
  exports: [ScheduledBackupsService],
})
export class ScheduledBackupsModule {}

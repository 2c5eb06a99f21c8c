import { Module } from '@nestjs/common';
import { TenancyModule } from '@portal/tenancy';
import { AttachmentsModule } from '../attachments/attachments.module';
import { MediaController } from './media.controller';
import { MediaMergeParticipant } from './media-merge.repository';
import { MEDIA_SETTINGS, mediaSettingsFromEnv } from './media-settings';
import { MediaRepository } from './media.repository';
import { MediaResolver } from './media.resolver';
import { MediaService } from './media.service';

/**
 * Media items: video and audio with poster and captions, photo galleries. Files go to the
 * attachments' blob store; size limits per role come from MEDIA_*_MAX_BYTES (media-settings.ts).
 */
@Module({
  imports: [TenancyModule, AttachmentsModule],
  controllers: [MediaController],
  providers: [
    { provide: MEDIA_SETTINGS, useFactory: () => mediaSettingsFromEnv(process.env) },
    MediaRepository,
    MediaService,
    MediaResolver,
    MediaMergeParticipant,
  ],
  exports: [MediaService, MEDIA_SETTINGS],
})
export class MediaModule {}

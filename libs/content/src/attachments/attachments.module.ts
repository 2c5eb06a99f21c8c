import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { AttachmentsController } from './attachments.controller';
import { ATTACHMENT_SETTINGS, AttachmentsService, attachmentSettingsFromEnv } from './attachments.service';
import { BLOB_STORE, createBlobStore } from './blob-store';
import { ItemAttachmentsResolver } from './item-attachments.resolver';

/**
 * Attachments: the blob store chosen by ATTACHMENT_STORE (local disk under PORTAL_DATA_DIR, or an
 * S3-compatible bucket), upload limits from ATTACHMENT_MAX_BYTES, the service and the HTTP routes.
 */
@Module({
  controllers: [AttachmentsController],
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createBlobStore(process.env, config.dataDir),
    },
    { provide: ATTACHMENT_SETTINGS, useFactory: () => attachmentSettingsFromEnv(process.env) },
    AttachmentsService,
    ItemAttachmentsResolver,
  ],
  exports: [BLOB_STORE, ATTACHMENT_SETTINGS, AttachmentsService],
})
export class AttachmentsModule {}

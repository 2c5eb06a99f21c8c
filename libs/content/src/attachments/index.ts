export * from './media-type';
export * from './file-name';
export * from './blob-store';
export * from './upload-receiver';
export * from './attachment.entity';
export * from './attachments.service';
export * from './attachments.controller';
export * from './attachments.module';

import { AttachmentEntity } from './attachment.entity';
export const ATTACHMENT_ENTITIES = [AttachmentEntity];

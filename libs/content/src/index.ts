export * from './kinds/content-kind';
export * from './sanitize/html-sanitizer';
export * from './items/content.entity';
export * from './items/content.service';
export * from './items/slug';
export * from './public/public-content.service';
export * from './content.module';
export * from './attachments';

import { ContentItemEntity, ContentRevisionEntity } from './items/content.entity';
export const CONTENT_ENTITIES = [ContentItemEntity, ContentRevisionEntity];

export * from './kinds/content-kind';
export * from './kinds/structured-fields';
export * from './sanitize/html-sanitizer';
export * from './items/content.entity';
export * from './items/content.service';
export * from './items/slug';
export * from './items/content-url-alias.entity';
export * from './public/public-content.service';
export * from './public/public-search.service';
export * from './public/home-page.service';
export * from './public/item-url';
export { PublicItemType, SyndicationAttributionType } from './graphql/public-content.resolver';
export * from './content.module';
export * from './attachments';

import { ContentItemEntity, ContentRevisionEntity } from './items/content.entity';
import { ContentUrlAliasEntity } from './items/content-url-alias.entity';
export const CONTENT_ENTITIES = [ContentItemEntity, ContentRevisionEntity, ContentUrlAliasEntity];

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
export * from './legal/legal-validity';
export * from './legal/legal-validity.entity';
export * from './legal/legal-validity.service';
export * from './legal/legal-public.service';
export * from './import/tabular-file';
export * from './graphql/import.types';
export * from './services/public-service-rules';
export * from './services/public-service.entity';
export * from './services/public-services.service';
export { PublicItemType, SyndicationAttributionType } from './graphql/public-content.resolver';
export * from './content.module';
export * from './figures/content-figures.repository';
export * from './figures/content-figures.module';
export * from './attachments';
export * from './media';

import { ContentItemEntity, ContentRevisionEntity } from './items/content.entity';
import { ContentUrlAliasEntity } from './items/content-url-alias.entity';
import { LegalDocumentRelationEntity, LegalDocumentStatusEntity } from './legal/legal-validity.entity';
import { PublicServiceEntity } from './services/public-service.entity';
import { MediaFileEntity } from './media/media-file.entity';
export const CONTENT_ENTITIES = [
  ContentItemEntity,
  ContentRevisionEntity,
  ContentUrlAliasEntity,
  LegalDocumentStatusEntity,
  LegalDocumentRelationEntity,
  PublicServiceEntity,
  MediaFileEntity,
];
export * from './errors/content-error-code';

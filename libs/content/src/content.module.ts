import { Module } from '@nestjs/common';
import { ContentService } from './items/content.service';
import { PublicContentService } from './public/public-content.service';
import { PublicContentResolver } from './graphql/public-content.resolver';

@Module({
  providers: [ContentService, PublicContentService, PublicContentResolver],
  exports: [ContentService, PublicContentService],
})
export class ContentModule {}

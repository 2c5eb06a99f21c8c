import { Module } from '@nestjs/common';
import { TenancyModule } from '@portal/tenancy';
import { ContentMergeParticipant } from './items/content-merge.participant';
import { ItemUrlRedirects } from './items/item-url-redirects';
import { ContentService } from './items/content.service';
import { PublicSearchService } from './public/public-search.service';
import { PublicContentService } from './public/public-content.service';
import { PublicContentResolver } from './graphql/public-content.resolver';
import { HomePageResolver } from './graphql/home-page.resolver';
import { PublicItemLinksResolver } from './graphql/public-item-links.resolver';
import { HomePageService } from './public/home-page.service';
import { PrintController } from './public/print.controller';

@Module({
  imports: [TenancyModule],
  controllers: [PrintController],
  providers: [
    ContentService,
    PublicContentService,
    PublicSearchService,
    PublicContentResolver,
    PublicItemLinksResolver,
    HomePageService,
    HomePageResolver,
    ContentMergeParticipant,
    ItemUrlRedirects,
  ],
  exports: [ContentService, PublicContentService, PublicSearchService, HomePageService],
})
export class ContentModule {}

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
import { LegalResolver } from './graphql/legal.resolver';
import { LegalMergeParticipant } from './legal/legal-merge.participant';
import { LegalPublicService } from './legal/legal-public.service';
import { LegalSearchRepository } from './legal/legal-search.repository';
import { LegalSearchService } from './legal/legal-search.service';
import { LegalValidityService } from './legal/legal-validity.service';
import { PublicServicesResolver } from './graphql/public-services.resolver';
import { PublicServiceMergeParticipant } from './services/public-service-merge.participant';
import { PublicServicesService } from './services/public-services.service';

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
    LegalValidityService,
    LegalPublicService,
    LegalResolver,
    LegalSearchRepository,
    LegalSearchService,
    LegalMergeParticipant,
    PublicServicesService,
    PublicServicesResolver,
    PublicServiceMergeParticipant,
  ],
  exports: [
    ContentService,
    PublicContentService,
    PublicSearchService,
    HomePageService,
    LegalValidityService,
    LegalPublicService,
    PublicServicesService,
  ],
})
export class ContentModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@portal/audit';
import { AttachmentsModule, ContentModule, MediaModule } from '@portal/content';
import { EngagementModule } from '@portal/engagement';
import { TenancyModule } from '@portal/tenancy';
import { SiteAssetsController } from './controllers/site-assets.controller';
import { SiteArticleController } from './controllers/site-article.controller';
import { SiteCategoryController } from './controllers/site-category.controller';
import { SiteConsultationsController } from './controllers/site-consultations.controller';
import { SiteDirectoryController } from './controllers/site-directory.controller';
import { SiteHomeController } from './controllers/site-home.controller';
import { SiteLegalController } from './controllers/site-legal.controller';
import { SiteQuestionsController } from './controllers/site-questions.controller';
import { SiteRatingController } from './controllers/site-rating.controller';
import { SitePollsController } from './controllers/site-polls.controller';
import { SiteDialoguesController } from './controllers/site-dialogues.controller';
import { SiteSearchController } from './controllers/site-search.controller';
import { SiteSendInformationController } from './controllers/site-send-information.controller';
import { SiteSeoController } from './controllers/site-seo.controller';
import { SiteServicesController } from './controllers/site-services.controller';
import { PublicFormSupport } from './forms/public-form';
import { SiteThemeResolver } from './graphql/site-theme.resolver';
import { SiteVisitsResolver } from './graphql/site-visits.resolver';
import { SiteChromeService } from './render/site-chrome.service';
import { SuspendedPageRenderer } from './render/suspended-page.renderer';
import { SiteThemeService } from './theme/site-theme.service';
import { SiteVisitsService } from './visits/site-visits.service';

/**
 * The public website of every portal, served by the api for the host it is addressed by:
 * server-rendered pages (React components rendered to static HTML), their stylesheet and emblem,
 * the per-portal theme and the visitor counts.
 */
@Module({
  imports: [TenancyModule, ContentModule, AttachmentsModule, MediaModule, AuditModule, EngagementModule],
  controllers: [
    SiteAssetsController,
    SiteHomeController,
    SiteArticleController,
    SiteCategoryController,
    SiteSearchController,
    SiteLegalController,
    SiteQuestionsController,
    SiteConsultationsController,
    SiteRatingController,
    SitePollsController,
    SiteDialoguesController,
    SiteSendInformationController,
    SiteDirectoryController,
    SiteServicesController,
    SiteSeoController,
  ],
  providers: [
    SiteThemeService,
    SiteThemeResolver,
    SiteVisitsResolver,
    SiteVisitsService,
    SiteChromeService,
    SuspendedPageRenderer,
    PublicFormSupport,
  ],
  exports: [SiteThemeService, SiteVisitsService, SiteChromeService],
})
export class SiteModule {}
